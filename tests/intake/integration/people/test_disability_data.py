"""Disability data (law 68/1999): kept apart, encrypted at rest, readable only with an authorised
purpose, every access audited; only the list flag reaches the person's record."""

from __future__ import annotations

from typing import Any

import httpx
from api_edge.auth import Role
from pymongo import AsyncMongoClient

from tests.intake.integration.people.conftest import Intake
from tests.intake.people_data import person

RECORD = {"on_law_68_list": True, "list_article": "art_1", "invalidity_percentage": 67,
          "functional_notes": "sordità bilaterale", "accommodations": ["interprete LIS"]}
PURPOSE = {"X-Purpose": "targeted_placement"}


async def _with_record(operator: httpx.AsyncClient) -> dict[str, Any]:
    seeker = (await operator.post("/seekers", json=person())).json()
    response = await operator.put(f"/seekers/{seeker['id']}/disability", json=RECORD,
                                  headers={**PURPOSE, "If-Match": '"0"'})
    assert response.status_code == 200, response.text
    return seeker  # type: ignore[no-any-return]


async def test_the_record_is_encrypted_at_rest_and_apart_from_the_person(
    intake: Intake, operator: httpx.AsyncClient, mongo: AsyncMongoClient,
) -> None:
    seeker = await _with_record(operator)
    database = mongo[intake.database]
    raw = await database["special_category"].find_one({"_id": seeker["id"]})
    assert raw is not None
    stored = repr(raw)  # the token is base64: none of these words can appear in it by chance
    for plaintext in ("sordità", "interprete LIS", "functional_notes", "invalidity_percentage",
                      "on_law_68_list", "art_1"):
        assert plaintext not in stored
    person_doc = await database["seekers"].find_one({"_id": seeker["id"]})
    assert person_doc is not None and person_doc["disability_list_eligible"] is True
    assert "sordità" not in repr(person_doc) and "functional_notes" not in repr(person_doc)
    assert "disability_list" in person_doc["target_groups"]


async def test_reading_needs_a_declared_and_authorised_purpose_and_is_audited(
    intake: Intake, operator: httpx.AsyncClient,
) -> None:
    seeker = await _with_record(operator)
    url = f"/seekers/{seeker['id']}/disability"
    assert (await operator.get(url)).status_code == 428
    assert (await operator.get(url, headers={"X-Purpose": "curiosity"})).status_code == 422
    async with intake.client(Role.OPERATOR, purposes=["eligibility_check"]) as limited:
        refused = await limited.get(url, headers=PURPOSE)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "X-Purpose"
    read = await operator.get(url, headers=PURPOSE)
    assert read.status_code == 200
    assert read.json()["functional_notes"] == "sordità bilaterale"
    async with intake.client(Role.AUDITOR, office_id=None) as auditor:
        entries = (await auditor.get("/audit", params={"resource_id": seeker["id"]})).json()
    actions = {(e["action"], e["purpose"]) for e in entries["data"]}
    assert ("read_special_category", "targeted_placement") in actions
    assert ("write_special_category", "targeted_placement") in actions


async def test_a_stale_write_is_refused_and_the_flag_follows_the_list(
    operator: httpx.AsyncClient,
) -> None:
    seeker = await _with_record(operator)
    url = f"/seekers/{seeker['id']}/disability"
    stale = await operator.put(url, json={**RECORD, "on_law_68_list": False},
                               headers={**PURPOSE, "If-Match": '"0"'})
    assert stale.status_code == 412
    off = await operator.put(url, json={"on_law_68_list": False},
                             headers={**PURPOSE, "If-Match": '"1"'})
    assert off.status_code == 200, off.text
    record = (await operator.get(f"/seekers/{seeker['id']}")).json()
    assert record["disability_list_eligible"] is False
    assert "disability_list" not in record["target_groups"]
