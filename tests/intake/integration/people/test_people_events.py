"""What intake publishes about people, read back from the real Kafka topic: every change has its
event, in order per person, and no event carries personal or disability details."""

from __future__ import annotations

import json

import httpx
from intake.contracts import SEEKERS_TOPIC

from tests.e2e.kafka_reader import read_topic
from tests.harness import eventually
from tests.intake.integration.people.conftest import Intake
from tests.intake.people_data import person


async def test_each_change_is_published_in_order_without_personal_data(
    intake: Intake, operator: httpx.AsyncClient,
) -> None:
    body = person(given_name="Ginevra", family_name="Zanichelli", address="Via Emilia 12",
                  labour_status={"kind": "wage_guarantee", "since": "2026-03-01",
                                 "wage_guarantee": {"kind": "business_closure",
                                                    "expected_end": "2027-02-28"}})
    seeker = (await operator.post("/seekers", json=body)).json()
    url = f"/seekers/{seeker['id']}"
    changed = await operator.put(f"{url}/labour-status", headers={"If-Match": '"1"'},
                                 json={"kind": "unemployed", "since": "2026-10-01"})
    assert changed.status_code == 200, changed.text
    listed = await operator.put(f"{url}/disability", headers={"X-Purpose": "targeted_placement",
                                                              "If-Match": '"0"'},
                                json={"on_law_68_list": True, "functional_notes": "ipovedente"})
    assert listed.status_code == 200, listed.text
    pact = (await operator.post("/pacts", json={"seeker_id": seeker["id"],
                                                "plan": [{"kind": "job_club"}]})).json()
    await operator.patch(f"/pacts/{pact['id']}", json={"status": "suspended"},
                         headers={"If-Match": '"1"'})
    wanted = ["seeker.registered.v1", "seeker.status_changed.v1", "seeker.updated.v1",
              "seeker.updated.v1", "pact.signed.v1", "pact.updated.v1"]
    # Order holds per aggregate (its id is the record key); the pact has its own key.

    seen: list[object] = []

    async def published() -> list[dict] | None:  # type: ignore[type-arg]
        records = await read_topic(intake.topic_prefix + SEEKERS_TOPIC)
        mine = [json.loads(r.value) for r in records
                if r.value and seeker["id"].encode() in r.value]
        unique = list({e["id"]: e for e in mine}.values())  # at least once: dedupe by id
        seen[:] = [(e["type"], e["subject"][:6]) for e in unique] + [len(records)]
        return unique if len(unique) >= len(wanted) else None

    try:
        found = await eventually(published, what="the person's six events")
    except AssertionError as error:
        raise AssertionError(f"{error}; seen {seen}") from None
    events = [e for e in found if e["subject"] == seeker["id"]]
    events += [e for e in found if e["subject"] == pact["id"]]
    assert [e["type"] for e in events] == wanted, [(e["type"], e["id"][:8]) for e in found]
    assert events[3]["data"]["disability_list_eligible"] is True
    assert "disability_list" in events[3]["data"]["target_groups"]
    assert events[5]["data"]["status"] == "suspended"
    text = json.dumps(events)
    for secret in (body["tax_code"], "Ginevra", "Zanichelli", body["email"], "Via Emilia",
                   seeker["phone"], "0591234567", "ipovedente", "functional_notes"):
        assert secret not in text, f"{secret} leaked into an event"


async def test_every_imported_person_is_published_once(intake: Intake,
                                                       operator: httpx.AsyncClient) -> None:
    lines = "".join(json.dumps(person()) + "\n" for _ in range(5))
    job = (await operator.post("/seeker-imports", json={"format": "jsonl"})).json()
    response = await operator.put(f"/seeker-imports/{job['id']}/rows", content=lines.encode(),
                                  headers={"Content-Type": "application/x-ndjson"})
    reports = (await operator.get(f"/seeker-imports/{job['id']}/rows")).json()["data"]
    ids = {r["seeker_id"] for r in reports}
    assert response.json()["counts"]["created"] == len(ids) == 5

    async def registered() -> list[str] | None:
        records = await read_topic(intake.topic_prefix + SEEKERS_TOPIC)
        keys = [r.key.decode() for r in records
                if r.key and r.key.decode() in ids and b"seeker.registered.v1" in r.value]
        return keys if len(keys) >= 5 else None

    keys = await eventually(registered, what="five registrations")
    assert sorted(keys) == sorted(ids)
