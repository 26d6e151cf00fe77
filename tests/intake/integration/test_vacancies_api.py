"""Employers and vacancies through intake's API: the VAT number checksum, ATECO codes, one employer
per VAT number, the draft -> published -> closed / filled lifecycle with its events, If-Match, and
an employer acting only on its own vacancies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from api_edge.auth import Role
from intake.contracts import VACANCIES_TOPIC

from tests.conftest import Tokens
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import (
    MODENA,
    client,
    created,
    events_on,
    fields,
    intake_process,
)

VALID_VAT = "00743110157"


@pytest.fixture(scope="module")
async def intake(base_env: dict[str, str]) -> AsyncIterator[ServiceProcess]:
    process = intake_process(base_env)
    process.start()
    try:
        await process.wait_ready()
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="module")
async def api(intake: ServiceProcess, tokens: Tokens) -> AsyncIterator[httpx.AsyncClient]:
    async with client(intake, tokens, Role.OPERATOR, office_id="modena") as http:
        yield http


@pytest.fixture(scope="module")
async def employer(api: httpx.AsyncClient) -> dict[str, Any]:
    return await created(api, "/employers", {
        "name": "Ceramiche Sassuolo S.p.A.", "vat_number": f"IT{VALID_VAT}",
        "sector_ateco": "23.31", "municipality": "036040", "size": "medium"})


def vacancy(employer: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {"employer_id": employer["id"], "title": "Magazziniere", "occupation": "magazziniere",
            "essential_skills": ["muletto", "inventario"], "optional_skills": ["muletto", "SAP"],
            "min_education_isced": 3, "languages": [{"code": "en", "level": "A2"}],
            "driving_licence": "B", "municipality": MODENA, "contract_type": "fixed_term",
            "hours_per_week": 40, "openings": 2,
            "deadline": (date.today() + timedelta(days=30)).isoformat(), **overrides}


async def test_an_employer_is_registered_once_with_a_valid_vat_number(
    api: httpx.AsyncClient, employer: dict[str, Any]
) -> None:
    assert employer["vat_number"] == VALID_VAT
    assert employer["province"] == "MO"
    twice = await api.post("/employers", json={
        "name": "Altro nome", "vat_number": VALID_VAT, "sector_ateco": "23.31",
        "municipality": MODENA, "size": "small"})
    assert twice.status_code == 409
    assert twice.json()["existing"] == f"/employers/{employer['id']}"
    bad = await api.post("/employers", json={
        "name": "X", "vat_number": "00743110158", "sector_ateco": "ceramics",
        "municipality": "999999", "size": "huge"})
    assert set(fields(bad)) == {"size"}
    bad = await api.post("/employers", json={
        "name": "X", "vat_number": "00743110158", "sector_ateco": "ceramics",
        "municipality": "999999", "size": "small"})
    assert set(fields(bad)) == {"vat_number", "sector_ateco", "municipality"}
    assert "partita IVA" in fields(bad)["vat_number"]
    unknown = await api.post("/employers", json={
        "name": "X", "vat_number": "00743110158", "sector_ateco": "99.99",
        "municipality": MODENA, "size": "small"})
    assert "ATECO 2025" in fields(unknown)["sector_ateco"]
    listed = await api.get("/employers", params={"province": "MO"})
    assert listed.json()["count"] == 1


async def test_a_vacancy_goes_from_draft_to_published_to_filled_with_its_events(
    intake: ServiceProcess, api: httpx.AsyncClient, employer: dict[str, Any]
) -> None:
    draft = await created(api, "/vacancies", vacancy(employer, status="draft"))
    assert draft["status"] == "draft" and draft["optional_skills"] == ["SAP"]
    path = f"/vacancies/{draft['id']}"
    published = await api.post(f"{path}/publish", headers={"If-Match": '"1"'})
    assert published.json()["status"] == "published"
    changed = await api.patch(path, json={"openings": 3, "reserved_disability_list": True},
                              headers={"If-Match": '"2"'})
    assert changed.status_code == 200, changed.text
    stale = await api.patch(path, json={"openings": 9}, headers={"If-Match": '"2"'})
    assert stale.status_code == 412
    filled = await api.post(f"{path}/close", json={"outcome": "filled"},
                            headers={"If-Match": '"3"'})
    assert filled.json()["status"] == "filled"
    assert (await api.get(path)).json()["openings"] == 3
    envelopes = await events_on(intake, VACANCIES_TOPIC, draft["id"], 3)
    assert [e["type"] for e in envelopes] == [
        "vacancy.published.v1", "vacancy.updated.v1", "vacancy.closed.v1"]
    assert envelopes[0]["data"]["employer_sector_ateco"] == "23.31"
    assert envelopes[1]["data"]["reserved_disability_list"] is True
    assert envelopes[2]["data"]["status"] == "filled"


async def test_bad_vacancies_are_refused_naming_each_field(
    api: httpx.AsyncClient, employer: dict[str, Any]
) -> None:
    past = await api.post("/vacancies", json=vacancy(
        employer, deadline="2020-01-01", municipality="999999",
        languages=[{"code": "en", "level": "B1"}, {"code": "en", "level": "C1"}]))
    assert set(fields(past)) == {"deadline", "municipality", "languages"}
    shapes = await api.post("/vacancies", json=vacancy(
        employer, openings=0, driving_licence="Z", contract_type="forever", hours_per_week=90))
    assert set(fields(shapes)) == {"openings", "driving_licence", "contract_type",
                                   "hours_per_week"}
    nobody = await api.post("/vacancies", json=vacancy({"id": "nobody"}))
    assert fields(nobody) == {"employer_id": "no employer with id 'nobody'"}
    null_title = await api.post("/vacancies", json=vacancy(employer, status="draft"))
    changed = await api.patch(f"/vacancies/{null_title.json()['id']}", json={"title": None},
                              headers={"If-Match": '"1"'})
    assert changed.status_code == 422


async def test_an_employer_manages_only_its_own_vacancies(
    intake: ServiceProcess, tokens: Tokens, employer: dict[str, Any]
) -> None:
    async with client(intake, tokens, Role.EMPLOYER, organisation_id=employer["id"]) as own:
        mine = await created(own, "/vacancies", vacancy(employer))
    async with client(intake, tokens, Role.EMPLOYER, organisation_id="someone-else") as other:
        assert (await other.post("/vacancies", json=vacancy(employer))).status_code == 403
        closing = await other.post(f"/vacancies/{mine['id']}/close", json={},
                                   headers={"If-Match": '"1"'})
        assert closing.status_code == 403


async def test_vacancy_lists_filter_by_status_and_occupation(
    api: httpx.AsyncClient, employer: dict[str, Any]
) -> None:
    await created(api, "/vacancies", vacancy(employer, occupation="saldatore", status="draft"))
    drafts = (await api.get("/vacancies", params={
        "status": "draft", "occupation": "saldatore", "employer_id": employer["id"]})).json()
    assert drafts["count"] == 1 and drafts["data"][0]["status"] == "draft"
    assert (await api.get("/vacancies", params={"status": "gone"})).status_code == 422


async def test_an_employer_changes_under_if_match_but_keeps_its_vat_number(
    api: httpx.AsyncClient
) -> None:
    small = await created(api, "/employers", {
        "name": "Meccanica Carpi", "vat_number": "03128940362", "sector_ateco": "28.41",
        "municipality": "036005", "size": "small"})
    path = f"/employers/{small['id']}"
    grown = await api.patch(path, json={"size": "medium", "municipality": MODENA},
                            headers={"If-Match": '"1"'})
    assert grown.status_code == 200, grown.text
    assert (grown.json()["size"], grown.json()["municipality_name"]) == ("medium", "Modena")
    refused = await api.patch(path, json={"vat_number": "00743110157"},
                              headers={"If-Match": '"2"'})
    assert set(fields(refused)) == {"vat_number"}
    bad = await api.patch(path, json={"sector_ateco": "meccanica"}, headers={"If-Match": '"2"'})
    assert set(fields(bad)) == {"sector_ateco"}
    compact = await api.patch(path, json={"sector_ateco": "2841"}, headers={"If-Match": '"2"'})
    assert (compact.status_code, compact.json()["sector_ateco"]) == (200, "28.41")
    assert (await api.patch(path, json={"size": "large"},
                            headers={"If-Match": '"1"'})).status_code == 412
