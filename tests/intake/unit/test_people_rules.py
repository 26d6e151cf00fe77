"""Rules about people, pacts and import records, without I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from intake.adapters.reference_data import load_municipalities
from intake.contracts import LabourStatus, TargetGroup
from intake.domain.aggregate import InvalidFields, InvalidTransition
from intake.domain.imports import BrokenFile, RecordSplitter, csv_header, csv_row
from intake.domain.pacts import ActionDraft, PactStatus, revise_pact, sign_pact
from intake.domain.seeker_rules import register_seeker, revise_seeker
from intake.domain.seekers import SeekerDraft
from intake.domain.target_groups import derive_target_groups

MUNICIPALITIES = load_municipalities()
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
MARIA = {"given_name": "Maria", "family_name": "Rossi", "tax_code": "rssmra80a41f257k",
         "email": "Maria@Example.org", "municipality": "036023"}


def _register(**changes: object):  # type: ignore[no-untyped-def]
    return register_seeker(SeekerDraft.model_validate({**MARIA, **changes}), seeker_id="s1",
                           municipalities=MUNICIPALITIES, now=NOW)


def test_identity_is_taken_from_the_tax_code_when_not_declared() -> None:
    seeker = _register()
    assert (seeker.tax_code, seeker.birth_date, seeker.sex, seeker.birthplace) == (
        "RSSMRA80A41F257K", date(1980, 1, 1), "F", "F257")
    assert seeker.email == "maria@example.org"


def test_a_birthplace_given_as_istat_code_is_compared_by_name() -> None:
    assert _register(birthplace="036023").birthplace == "F257"
    with pytest.raises(InvalidFields) as error:
        _register(birthplace="036005")  # Carpi
    assert error.value.errors[0][0] == "birthplace"


def test_the_registered_event_carries_no_identity() -> None:
    (contract, payload), = _register().pending_events
    assert contract.type == "seeker.registered.v1"
    assert not {"tax_code", "email", "given_name"} & set(payload.model_dump())


@pytest.mark.parametrize("born,status,expected", [
    (date(2001, 5, 1), "unemployed", {TargetGroup.YOUNG, TargetGroup.NEET}),
    (date(2001, 5, 1), "employed_at_risk", {TargetGroup.YOUNG}),
    (date(1980, 5, 1), "naspi", {TargetGroup.ADULT_OUT_OF_WORK}),
    (date(1964, 5, 1), "wage_guarantee", {TargetGroup.OVER_60}),
])
def test_target_groups_follow_age_and_status(born: date, status: str,
                                             expected: set[TargetGroup]) -> None:
    groups = derive_target_groups(declared=[], birth_date=born, labour_status=LabourStatus(
        kind=status, since=date(2026, 1, 1)), education=None, work_history=[],
        disability_list_eligible=False, today=NOW.date())
    assert set(groups) == expected


def test_twenty_senior_years_make_a_senior_professional() -> None:
    seeker = _register(work_history=[{"occupation": "dirigente", "role_level": "manager",
                                      "years": 12}, {"occupation": "quadro",
                                                     "role_level": "middle_manager", "years": 9}])
    assert TargetGroup.SENIOR_PROFESSIONAL in seeker.target_groups


def test_an_unchanged_revision_is_nothing_and_a_status_change_is_history() -> None:
    seeker = _register(labour_status={"kind": "unemployed", "since": "2026-01-01"})
    assert revise_seeker(seeker, {"email": "maria@example.org"},
                         municipalities=MUNICIPALITIES, now=NOW) is None
    revised = revise_seeker(seeker, {"labour_status": {"kind": "naspi", "since": "2026-02-01"}},
                            municipalities=MUNICIPALITIES, now=NOW)
    assert revised is not None
    assert [s.kind for s in revised.status_history] == ["unemployed"]
    assert [c.type for c, _ in revised.pending_events] == ["seeker.status_changed.v1",
                                                            "seeker.updated.v1"]


def test_a_consent_keeps_its_timestamp_until_it_changes() -> None:
    seeker = _register(consents={"data_processing": True})
    later = datetime(2026, 12, 1, tzinfo=UTC)
    revised = revise_seeker(seeker, {"consents": {"partner_sharing": True}},
                            municipalities=MUNICIPALITIES, now=later)
    assert revised is not None
    assert revised.consents.data_processing.changed_at == NOW
    assert revised.consents.partner_sharing.changed_at == later


def test_a_pact_moves_through_its_statuses_and_stays_closed() -> None:
    pact = sign_pact(pact_id="p1", seeker_id="s1", office_id="o", operator_id="op",
                     actions=[ActionDraft(kind="job_club")], by="op", now=NOW)
    closed = revise_pact(pact, by="op", now=NOW, status=PactStatus.CLOSED)
    assert closed is not None and closed.open_for == "p1"
    with pytest.raises(InvalidTransition):
        revise_pact(closed, by="op", now=NOW, status=PactStatus.ACTIVE)


def test_a_plan_with_a_repeated_action_id_is_rejected() -> None:
    with pytest.raises(InvalidFields) as error:
        sign_pact(pact_id="p1", seeker_id="s1", office_id=None, operator_id="op", by="op",
                  now=NOW, actions=[ActionDraft(action_id="x", kind="training"),
                                    ActionDraft(action_id="x", kind="job_club")])
    assert error.value.errors[0][0] == "plan.1.action_id"


def test_csv_records_split_across_chunks_and_quoted_lines() -> None:
    splitter = RecordSplitter(quoted_newlines=True)
    records = splitter.feed(b"tax_code,address\r\nAAA,\"Via\nRoma") + splitter.feed(b" 1\"\nBB")
    records += splitter.finish()
    assert records == [(1, "tax_code,address"), (2, 'AAA,"Via\nRoma 1"'), (4, "BB")]
    columns = csv_header(records[0][1])
    assert csv_row(columns, records[1][1]) == {"tax_code": "AAA", "address": "Via\nRoma 1"}


def test_csv_groups_become_nested_fields() -> None:
    columns = csv_header("tax_code,labour_status,labour_status_since,wage_guarantee_kind,"
                         "languages,consent_partner_sharing")
    row = csv_row(columns, "X,wage_guarantee,2026-01-01,ordinary,en:B2;fr:A1,no")
    assert row["labour_status"] == {"kind": "wage_guarantee", "since": "2026-01-01",
                                    "wage_guarantee": {"kind": "ordinary"}}
    assert row["languages"] == [{"code": "en", "level": "B2"}, {"code": "fr", "level": "A1"}]
    assert row["consents"] == {"partner_sharing": False}


def test_an_unknown_column_or_an_unclosed_quote_breaks_the_file() -> None:
    with pytest.raises(BrokenFile):
        csv_header("tax_code,shoe_size")
    splitter = RecordSplitter(quoted_newlines=True)
    splitter.feed(b'tax_code\n"AAA\n')
    with pytest.raises(BrokenFile):
        splitter.finish()
