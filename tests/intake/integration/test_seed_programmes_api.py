"""Every programme of the seed articles, created through intake's API exactly as the demo seeds it
(Modena wage-guarantee cohort and contract assistance, Milan self-help groups, the Lombardy
partnership with its voucher budget, the Milan senior-professional desk, and Collegno's Job Club,
internships, ILCom, public-utility work, Erasmus+, microcredit, coworking and prize)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from intake.contracts import PARTNERS_TOPIC, PROGRAMMES_TOPIC, ProgrammeKind

from tests.e2e.kafka_reader import read_topic
from tests.harness import ServiceProcess, eventually
from tests.intake.integration.seed_catalogue import catalogue, demo


@pytest.fixture(scope="module")
async def seeded(api: httpx.AsyncClient) -> dict[str, str]:
    """The demo's own seeding: programmes, partners, offices, employers, vacancies, people."""
    return await demo.seed_intake(api)  # type: ignore[no-any-return]


async def programme(api: httpx.AsyncClient, programme_id: str) -> dict[str, Any]:
    response = await api.get(f"/programmes/{programme_id}")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


async def test_every_programme_kind_of_the_seeds_is_published(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    page = (await api.get("/programmes", params={"per_page": 100, "status": "published"})).json()
    assert page["count"] == 19
    assert {p["kind"] for p in page["data"]} == {k.value for k in ProgrammeKind}
    collegno = (await api.get("/programmes", params={"municipality": "001090",
                                                     "kind": "self_employment"})).json()
    assert collegno["count"] == 3
    young = (await api.get("/programmes", params={"target_group": "neet"})).json()
    assert [p["id"] for p in young["data"]] == [seeded["collegno-erasmus"]]


async def test_seed_programmes_carry_their_rules_as_data(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    job_club = await programme(api, seeded["collegno-job-club"])
    prerequisite = job_club["eligibility"]["rules"][1]
    assert prerequisite["completed_programme_ids"] == [seeded["collegno-ricerca-attiva"]]
    assert prerequisite["completed_programme_kinds"] == ["active_search_path"]
    groups = await programme(api, seeded["milano-auto-mutuo-aiuto"])
    assert groups["capacity"] == 10 and len(groups["sessions"]) == 3
    assert groups["sessions"][0]["resource"].startswith("10 postazioni informatiche")
    assert groups["provider_id"] == seeded["cdl-milano"]
    desk = await programme(api, seeded["milano-alte-professionalita"])
    age, experience = desk["eligibility"]["rules"][:2]
    assert (age["min"], age["max"], experience["min_years"]) == (45, 55, 20)
    assert set(experience["role_levels_any_of"]) == {"manager", "middle_manager", "top_clerical"}
    contract = await programme(api, seeded["modena-contratto"])
    assert contract["eligibility"]["rules"][0]["wage_guarantee_any_of"][0] == "business_closure"
    assert contract["office_id"] == seeded["cpi-modena"] and contract["capacity"] == 200
    outplacement = await programme(api, seeded["lombardia-outplacement"])
    assert outplacement["partnership_id"] == seeded["partnership"]
    assert outplacement["funding"]["budget_eur"] == 5_000_000
    assert outplacement["eligibility"]["required_documents"] == ["Dote ricollocazione"]
    assert (await programme(api, seeded["collegno-ilcom"]))["eligibility"]["rules"] == [
        {"kind": "disability_list"}]
    works = await programme(api, seeded["collegno-cantieri"])
    assert works["allowance"] == {"amount_eur": 700.0, "period": "month"}


async def test_the_published_events_carry_rules_and_version_and_the_partnership_is_formed(
    intake: ServiceProcess, seeded: dict[str, str]
) -> None:
    prefix = intake.env["REIMPIEGO_TOPIC_PREFIX"]
    programme_ids = {v for k, v in seeded.items()
                     if k.startswith(("modena-", "milano-", "lombardia-", "collegno-"))}

    async def published() -> dict[str, dict[str, Any]] | None:
        found = {r.key.decode(): json.loads(r.value) for r in await read_topic(
            prefix + PROGRAMMES_TOPIC)}
        return found if programme_ids <= set(found) else None

    events = await eventually(published, what="a programme.published.v1 per seed programme")
    job_club = events[seeded["collegno-job-club"]]
    assert job_club["type"] == "programme.published.v1"
    assert job_club["data"]["eligibility"]["version"] == 1
    assert job_club["data"]["kind"] == "job_club"
    partners = [json.loads(r.value) for r in await read_topic(prefix + PARTNERS_TOPIC)]
    assert sorted({e["type"] for e in partners}) == [
        "partnership.formed.v1", "referral.received.v1"]
    formed = [e for e in partners if e["type"] == "partnership.formed.v1"]
    assert formed[0]["data"]["budget_eur"] == 5_000_000
    assert formed[0]["data"]["lead_id"] == seeded["operatore-accreditato"]
    assert len(formed[0]["data"]["member_ids"]) == 5


async def test_seeding_the_demo_again_creates_nothing_new(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    again = await demo.seed_intake(api)
    assert again == seeded
    assert (await api.get("/vacancies")).json()["count"] == len(demo.VACANCIES)
    assert (await api.get("/referrals")).json()["count"] == 1
    assert (await api.get("/programmes")).json()["count"] == 19
    assert (await api.get("/partners")).json()["count"] == len(catalogue.PARTNERS)
