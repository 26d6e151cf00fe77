"""The territorial-partnership rule of seed 002 and VAT numbers, without I/O."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from intake.domain.aggregate import InvalidFields
from intake.domain.employers import normalise_vat
from intake.domain.partners import Partner, PartnerKind, form_partnership

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def partner(pid: str, kind: PartnerKind) -> Partner:
    return Partner(id=pid, name=pid, kind=kind, registered_at=NOW)


OPERATOR = partner("op", PartnerKind.ACCREDITED_OPERATOR)
TOWN = partner("town", PartnerKind.MUNICIPALITY)
UNION = partner("union", PartnerKind.TRADE_UNION)
CHAMBER = partner("chamber", PartnerKind.CHAMBER_OF_COMMERCE)


def form(members: list[Partner], lead: str) -> object:
    return form_partnership(partnership_id="p", name="Rete", members=members,
                            member_ids=[m.id for m in members], lead_id=lead, funding=None,
                            territory=None, now=NOW)


def test_three_members_led_by_an_accredited_operator_form_a_partnership() -> None:
    formed = form([OPERATOR, TOWN, UNION], "op")
    [(contract, payload)] = formed.pending_events  # type: ignore[attr-defined]
    assert contract.type == "partnership.formed.v1"
    assert payload.member_ids == ["op", "town", "union"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("members", "lead", "failing"), [
    ([OPERATOR, TOWN], "op", {"member_ids"}),
    ([TOWN, UNION, CHAMBER], "town", {"member_ids", "lead_id"}),
    ([OPERATOR, TOWN, UNION], "union", {"lead_id"}),
    ([OPERATOR, TOWN, UNION], "stranger", {"lead_id"}),
])
def test_anything_else_is_refused_with_the_reason(
    members: list[Partner], lead: str, failing: set[str]
) -> None:
    with pytest.raises(InvalidFields) as refused:
        form(members, lead)
    assert {field for field, _ in refused.value.errors} == failing


def test_a_vat_number_is_normalised_and_its_check_digit_verified() -> None:
    assert normalise_vat("IT 00743110157") == "00743110157"
    assert normalise_vat("00743110158") is None
    assert normalise_vat("0074311015") is None
