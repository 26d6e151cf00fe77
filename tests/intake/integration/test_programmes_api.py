"""Programmes through intake's API: rules as versioned data (a change makes a new version, the old
one stays in the history, events carry the version), lifecycle, If-Match, and every validation
rule answered with a problem naming the field."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from api_edge.auth import Role
from intake.contracts import PROGRAMMES_TOPIC

from tests.conftest import Tokens
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import (
    COLLEGNO,
    client,
    created,
    events_on,
    fields,
    intake_process,
)


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
    async with client(intake, tokens, Role.OPERATOR, office_id="collegno") as http:
        yield http


def job_club(**overrides: Any) -> dict[str, Any]:
    return {"kind": "job_club", "title": "Job Club", "municipality": COLLEGNO, "capacity": 8,
            "eligibility": {"rules": [
                {"kind": "residence", "municipalities": [COLLEGNO]},
                {"kind": "prerequisite", "completed_programme_kinds": ["active_search_path"]}]},
            **overrides}


async def test_a_rule_change_makes_a_new_version_and_keeps_the_old_one(
    intake: ServiceProcess, api: httpx.AsyncClient
) -> None:
    draft = await created(api, "/programmes", job_club())
    path = f"/programmes/{draft['id']}"
    assert draft["status"] == "draft"
    published = await api.post(f"{path}/publish", headers={"If-Match": '"1"'})
    assert published.json()["status"] == "published"
    rules = {"rules": [{"kind": "residence", "provinces": ["TO"]},
                       {"kind": "age", "min": 18}], "required_documents": ["DID"]}
    changed = await api.patch(path, json={"eligibility": rules}, headers={"If-Match": '"2"'})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["eligibility"]["version"] == 2
    assert [e["version"] for e in body["eligibility_history"]] == [1]
    assert body["eligibility_history"][0]["rules"][1]["kind"] == "prerequisite"
    renamed = await api.patch(path, json={"title": "Job Club Collegno"},
                              headers={"If-Match": '"3"'})
    assert renamed.json()["eligibility"]["version"] == 2
    stale = await api.patch(path, json={"title": "Lost"}, headers={"If-Match": '"3"'})
    assert stale.status_code == 412
    assert (await api.get(path)).json()["title"] == "Job Club Collegno"
    envelopes = await events_on(intake, PROGRAMMES_TOPIC, draft["id"], 3)
    assert [(e["type"], e["data"]["eligibility"]["version"]) for e in envelopes] == [
        ("programme.published.v1", 1), ("programme.updated.v1", 2), ("programme.updated.v1", 2)]


async def test_a_closed_programme_takes_no_changes(
    intake: ServiceProcess, api: httpx.AsyncClient
) -> None:
    live = await created(api, "/programmes", {**job_club(), "publish": True})
    path = f"/programmes/{live['id']}"
    closed = await api.post(f"{path}/close", headers={"If-Match": '"1"'})
    assert closed.json()["status"] == "closed"
    late = await api.patch(path, json={"title": "x"}, headers={"If-Match": '"2"'})
    assert late.status_code == 409
    assert late.json()["status_now"] == "closed"
    assert (await api.patch(path, json={"title": "x"})).status_code == 428
    envelopes = await events_on(intake, PROGRAMMES_TOPIC, live["id"], 2)
    assert envelopes[1]["type"] == "programme.closed.v1"


async def test_every_broken_rule_is_named_in_one_answer(api: httpx.AsyncClient) -> None:
    bad = job_club(provider_id="nobody", municipality="999999", eligibility={"rules": [
        {"kind": "age", "min": 60, "max": 30},
        {"kind": "residence", "municipalities": ["000000"], "provinces": ["ZZ"],
         "regions": [21]},
        {"kind": "prerequisite"},
        {"kind": "prerequisite", "completed_programme_ids": ["missing"]}]})
    answer = await api.post("/programmes", json=bad)
    assert answer.status_code == 422
    named = fields(answer)
    assert named["provider_id"] == "no partner with id 'nobody'"
    assert named["eligibility.rules.3.completed_programme_ids"] == "no programme with id 'missing'"
    assert (await api.get("/programmes", params={"provider_id": "nobody"})).json()["count"] == 0
    answer = await api.post("/programmes", json=job_club(municipality="999999", eligibility={
        "rules": [{"kind": "age", "min": 60, "max": 30},
                  {"kind": "residence", "municipalities": ["000000"], "provinces": ["ZZ"],
                   "regions": [21]},
                  {"kind": "prerequisite"}]}))
    named = fields(answer)
    assert set(named) >= {"municipality", "eligibility.rules.0.max",
                          "eligibility.rules.1.municipalities", "eligibility.rules.1.provinces",
                          "eligibility.rules.1.regions", "eligibility.rules.2"}
    unknown = await api.post("/programmes", json=job_club(kind="speed_dating", capacity=0))
    assert set(fields(unknown)) == {"kind", "capacity"}
    wrong_rule = await api.post("/programmes", json=job_club(
        eligibility={"rules": [{"kind": "horoscope"}]}))
    assert wrong_rule.status_code == 422


async def test_lists_page_filter_and_sort(api: httpx.AsyncClient) -> None:
    for title in ("Modulo B", "Modulo A", "Modulo C"):
        await created(api, "/programmes", {"kind": "short_module", "title": title,
                                           "municipality": "001120"})
    page = (await api.get("/programmes", params={
        "kind": "short_module", "municipality": "001120", "sort": "title", "per_page": 2})).json()
    assert page["count"] == 3 and page["per_page"] == 2
    assert [p["title"] for p in page["data"]] == ["Modulo A", "Modulo B"]
    second = (await api.get("/programmes", params={
        "kind": "short_module", "province": "TO", "sort": "-title", "page": 2,
        "per_page": 2})).json()
    assert [p["title"] for p in second["data"]] == ["Modulo A"]
    wrong = await api.get("/programmes", params={"sort": "budget"})
    assert fields(wrong) == {"sort": "must be one of created_at, published_at, title, kind"}


async def test_a_partner_cannot_write_programmes(
    intake: ServiceProcess, tokens: Tokens
) -> None:
    async with client(intake, tokens, Role.PARTNER, organisation_id="cgil") as partner:
        assert (await partner.post("/programmes", json=job_club())).status_code == 403
        assert (await partner.get("/programmes")).status_code == 200


async def test_concurrent_updates_with_the_same_etag_let_exactly_one_through(
    intake: ServiceProcess, api: httpx.AsyncClient
) -> None:
    draft = await created(api, "/programmes", job_club())
    path = f"/programmes/{draft['id']}"
    answers = await asyncio.gather(*(
        api.patch(path, json={"title": f"Job Club {n}"}, headers={"If-Match": '"1"'})
        for n in range(6)))
    assert sorted(a.status_code for a in answers) == [200, 412, 412, 412, 412, 412]
    [winner] = [a.json()["title"] for a in answers if a.status_code == 200]
    current = await api.get(path)
    assert current.json()["title"] == winner and current.headers["ETag"] == '"2"'
    follow_up = await api.patch(path, json={"capacity": 9}, headers={"If-Match": '"2"'})
    assert follow_up.status_code == 200 and follow_up.headers["ETag"] == '"3"'
