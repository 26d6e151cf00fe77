"""Partners, territorial partnerships (seed 002: at least three members, one an accredited
operator) and referrals in (seed 001: the union proposes a person for a self-help group)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from api_edge.auth import Role
from intake.contracts import PARTNERS_TOPIC

from tests.conftest import Tokens
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import (
    MILANO,
    client,
    created,
    events_on,
    fields,
    new_person,
)


@pytest.fixture(scope="module")
async def partners(api: httpx.AsyncClient) -> dict[str, str]:
    bodies = {
        "operator": {"name": "Agenzia accreditata", "kind": "accredited_operator",
                     "accreditation": "LOM-1", "municipality": MILANO},
        "municipality": {"name": "Comune di Milano", "kind": "municipality"},
        "union": {"name": "Camera del Lavoro", "kind": "trade_union", "municipality": MILANO},
        "association": {"name": "Associazione di rete", "kind": "third_sector"},
    }
    return {name: (await created(api, "/partners", body))["id"] for name, body in bodies.items()}


def partnership(members: list[str], lead: str) -> dict[str, Any]:
    return {"name": "Rete locale", "member_ids": members, "lead_id": lead,
            "funding": {"source": "Dote ricollocazione", "scheme": "voucher",
                        "budget_eur": 5_000_000}}


async def test_a_partnership_needs_three_members_and_an_accredited_operator_in_the_lead(
    intake: ServiceProcess, api: httpx.AsyncClient, partners: dict[str, str]
) -> None:
    two = await api.post("/partnerships", json=partnership(
        [partners["operator"], partners["union"], partners["union"]], partners["operator"]))
    assert two.status_code == 422
    assert "at least 3 distinct members, got 2" in fields(two)["member_ids"]
    no_operator = await api.post("/partnerships", json=partnership(
        [partners["municipality"], partners["union"], partners["association"]],
        partners["union"]))
    assert fields(no_operator) == {
        "member_ids": "at least one member must be an accredited labour-service operator",
        "lead_id": "the lead must be an accredited labour-service operator"}
    unknown = await api.post("/partnerships", json=partnership(
        [partners["operator"], partners["union"], "ghost"], partners["operator"]))
    assert fields(unknown) == {"member_ids": "no partner with id 'ghost'"}
    assert (await api.get("/partnerships")).json()["count"] == 0
    formed = await created(api, "/partnerships", partnership(
        [partners["operator"], partners["municipality"], partners["union"]],
        partners["operator"]))
    listed = await api.get("/partnerships", params={"member_id": partners["union"]})
    assert [p["id"] for p in listed.json()["data"]] == [formed["id"]]
    [event] = await events_on(intake, PARTNERS_TOPIC, formed["id"], 1)
    assert event["type"] == "partnership.formed.v1"
    assert event["data"]["lead_id"] == partners["operator"]
    assert event["data"]["budget_eur"] == 5_000_000


async def test_partner_rules_are_checked(api: httpx.AsyncClient) -> None:
    bad = await api.post("/partners", json={"name": "Agenzia", "kind": "accredited_operator",
                                            "vat_number": "12345678901", "municipality": "1"})
    assert set(fields(bad)) == {"municipality"}
    bad = await api.post("/partners", json={"name": "Agenzia", "kind": "accredited_operator",
                                            "vat_number": "12345678901"})
    assert set(fields(bad)) == {"vat_number", "accreditation"}
    assert (await api.post("/partners", json={"name": "X", "kind": "guild"})).status_code == 422


async def test_the_union_refers_a_person_for_a_self_help_group_keeping_the_source(
    intake: ServiceProcess, api: httpx.AsyncClient, tokens: Tokens, partners: dict[str, str]
) -> None:
    groups = await created(api, "/programmes", {
        "kind": "self_help_group", "title": "Auto mutuo aiuto", "municipality": MILANO,
        "provider_id": partners["union"], "capacity": 10, "publish": True})
    person = await new_person(api)
    async with client(intake, tokens, Role.PARTNER, organisation_id=partners["union"]) as union:
        referral = await created(union, "/referrals", {
            "partner_id": partners["union"], "seeker_id": person,
            "programme_id": groups["id"], "note": "indicata dal sindacato"})
        someone_else = await union.post("/referrals", json={
            "partner_id": partners["association"], "seeker_id": person})
        assert someone_else.status_code == 403
        assert (await union.get("/referrals")).json()["count"] == 1
        ghost = await union.post("/referrals", json={
            "partner_id": partners["union"], "seeker_id": "ghost", "programme_id": "none"})
        assert set(fields(ghost)) == {"seeker_id", "programme_id"}
    assert referral["source_kind"] == "trade_union"
    async with client(intake, tokens, Role.PARTNER,
                      organisation_id=partners["association"]) as association:
        assert (await association.get("/referrals")).json()["count"] == 0
        assert (await association.get(f"/referrals/{referral['id']}")).status_code == 404
    listed = await api.get("/referrals", params={"programme_id": groups["id"]})
    assert listed.json()["count"] == 1
    [event] = await events_on(intake, PARTNERS_TOPIC, referral["id"], 1)
    assert event["type"] == "referral.received.v1"
    assert event["data"] == {
        "referral_id": referral["id"], "seeker_id": person, "programme_id": groups["id"],
        "partner_id": partners["union"], "source_kind": "trade_union",
        "received_at": event["data"]["received_at"]}
