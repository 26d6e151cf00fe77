"""The read model built from real intake events on real Kafka, in real FerretDB: duplicates and
late events change nothing, erasure removes the person, and a replay rebuilds the same state."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from intake.contracts import SEEKERS_TOPIC, VACANCIES_TOPIC

from tests.harness import ROOT, eventually
from tests.matching.events import CARPI, envelope, new_id, seeker, vacancy
from tests.matching.integration.conftest import Running, caught_up


async def _doc(matching: Running, collection: str, key: str) -> dict[str, Any] | None:
    return await matching.database[collection].find_one({"_id": key})


async def _candidates(matching: Running, vacancy_id: str) -> list[dict[str, Any]]:
    response = await matching.http.get(f"/vacancies/{vacancy_id}/candidates")
    return response.json()["data"] if response.status_code == 200 else []


async def test_a_person_and_a_vacancy_become_one_proposal_with_reasons(matching: Running) -> None:
    vacancy_id, seeker_id = new_id("vac"), new_id("sk")
    await matching.publisher.send(VACANCIES_TOPIC, envelope(
        "vacancy.published.v1", vacancy_id, 1, vacancy(vacancy_id)))
    await matching.publisher.send(SEEKERS_TOPIC, envelope(
        "seeker.registered.v1", seeker_id, 1, seeker(seeker_id)))

    async def proposed() -> list[dict[str, Any]]:
        body = (await matching.http.get("/matches", params={"seeker_id": seeker_id})).json()
        return body["data"]

    [match] = await eventually(proposed, what="a proposal")
    assert match["vacancy_id"] == vacancy_id
    assert "possiede 2 su 2 competenze essenziali" in match["reasons"]
    assert "distanza 0 km entro il raggio di 30 km" in match["reasons"]
    assert set(match["breakdown"]) >= {"essential_skills", "occupation", "distance"}
    assert abs(sum(match["breakdown"].values()) - match["score"]) < 1e-3


async def test_an_event_applied_twice_or_late_changes_nothing(matching: Running) -> None:
    seeker_id = new_id("sk")
    first = envelope("seeker.registered.v1", seeker_id, 1, seeker(seeker_id))
    newer = envelope("seeker.updated.v1", seeker_id, 2, seeker(seeker_id, municipality=CARPI))
    await matching.publisher.send(SEEKERS_TOPIC, first, newer)

    async def moved() -> dict[str, Any] | None:
        document = await _doc(matching, "seekers", seeker_id)
        done = document and document.get("status_version") == 2  # the last group written
        return document if done and document.get("municipality") == CARPI else None

    before = await eventually(moved, what="the update applied")
    late = envelope("seeker.registered.v1", seeker_id, 1, seeker(seeker_id, skills=["saldatura"]))
    again = envelope("seeker.updated.v1", seeker_id, 2,
                     seeker(seeker_id, skills=["potatura"]), event_id=newer.id)
    marker = new_id("sk")
    await matching.publisher.send(SEEKERS_TOPIC, late, again, envelope(
        "seeker.registered.v1", marker, 1, seeker(marker)))
    await eventually(lambda: _doc(matching, "seekers", marker), what="a later event handled")
    assert await _doc(matching, "seekers", seeker_id) == before


async def test_a_status_change_updates_only_the_labour_status(matching: Running) -> None:
    seeker_id = new_id("sk")
    status = {"seeker_id": seeker_id, "changed_at": "2026-11-02T10:00:00Z",
              "labour_status": {"kind": "wage_guarantee", "since": "2026-10-01",
                                "wage_guarantee": {"kind": "business_closure",
                                                   "expected_end": "2027-02-01"}},
              "target_groups": ["adult_out_of_work"]}
    await matching.publisher.send(SEEKERS_TOPIC,
        envelope("seeker.registered.v1", seeker_id, 1, seeker(seeker_id)),
        envelope("seeker.status_changed.v1", seeker_id, 2, status))

    async def changed() -> dict[str, Any] | None:
        document = await _doc(matching, "seekers", seeker_id)
        return document if document and document.get("status_version") == 2 else None

    document = await eventually(changed, what="the status change")
    assert document["labour_status"]["wage_guarantee"]["kind"] == "business_closure"
    assert document["target_groups"] == ["adult_out_of_work"]
    assert document["skills"] == ["contabilità", "Excel"]


async def test_erasure_removes_the_person_and_a_replayed_registration_does_not_return(
    matching: Running,
) -> None:
    vacancy_id, seeker_id = new_id("vac"), new_id("sk")
    registered = envelope("seeker.registered.v1", seeker_id, 1, seeker(seeker_id))
    await matching.publisher.send(VACANCIES_TOPIC, envelope(
        "vacancy.published.v1", vacancy_id, 1, vacancy(vacancy_id)))
    await matching.publisher.send(SEEKERS_TOPIC, registered)
    await eventually(lambda: _candidates(matching, vacancy_id), what="the person ranked")
    erased = {"seeker_id": seeker_id, "erasure_id": new_id("er"),
              "requested_at": "2026-11-03T09:00:00Z"}
    await matching.publisher.send(SEEKERS_TOPIC,
        envelope("seeker.erased.v1", seeker_id, 2, erased),
        envelope("seeker.registered.v1", seeker_id, 1, seeker(seeker_id)))

    async def gone() -> bool:
        document = await _doc(matching, "seekers", seeker_id)
        return bool(document and document.get("erased"))

    await eventually(gone, what="the tombstone")
    await caught_up(matching)
    assert await _doc(matching, "seekers", seeker_id) == {
        "_id": seeker_id, "erased": True, "erased_version": 2}
    assert await matching.database["matches"].count_documents({"seeker_id": seeker_id}) == 0
    assert (await matching.http.get(f"/seekers/{seeker_id}/opportunities")).status_code == 404
    assert seeker_id not in [c["seeker_id"] for c in await _candidates(matching, vacancy_id)]


async def test_rebuild_replays_the_topics_into_exactly_the_same_read_model(
    matching: Running,
) -> None:
    vacancy_id = new_id("vac")
    await matching.publisher.send(VACANCIES_TOPIC,
        envelope("vacancy.published.v1", vacancy_id, 1, vacancy(vacancy_id)),
        envelope("vacancy.closed.v1", vacancy_id, 2, {
            "vacancy_id": vacancy_id, "employer_id": "emp-1", "status": "filled",
            "closed_at": "2026-11-04T09:00:00Z"}))

    async def closed() -> bool:
        document = await _doc(matching, "vacancies", vacancy_id)
        return bool(document and document.get("status") == "filled")

    await eventually(closed, what="the closure")
    await caught_up(matching)
    from matching.adapters.projections import ReadModel

    model = ReadModel(matching.database)
    before = await model.snapshot()
    assert before["vacancies"] and before["seekers"]
    await matching.database["vacancies"].update_one({"_id": vacancy_id}, {"$set": {"title": "x"}})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "matching", "rebuild", cwd=ROOT,
        env={**os.environ, **matching.env}, stdout=asyncio.subprocess.PIPE)
    output, _ = await process.communicate()
    assert process.returncode == 0
    assert b"read model rebuilt from" in output
    assert await model.snapshot() == before
