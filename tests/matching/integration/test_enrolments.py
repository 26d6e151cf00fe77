"""Seats on the real store: many concurrent enrolments never over-allocate, a freed seat promotes
the next in line, prerequisites are checked and completion unlocks what requires it."""

from __future__ import annotations

import asyncio
from typing import Any

from intake.contracts import PROGRAMMES_TOPIC, SEEKERS_TOPIC

from tests.harness import eventually
from tests.matching.events import envelope, new_id, programme, seeker
from tests.matching.integration.conftest import Running, caught_up
from tests.matching.kafka import read_events

RESIDENTS_OF_MODENA = [{"kind": "residence", "provinces": ["MO"]}]


async def _people(matching: Running, count: int) -> list[str]:
    ids = [new_id("sk") for _ in range(count)]
    await matching.publisher.send(SEEKERS_TOPIC, *[
        envelope("seeker.registered.v1", s, 1, seeker(s)) for s in ids])
    return ids


async def _programme(matching: Running, rules: list[dict[str, Any]], **fields: Any) -> str:
    programme_id = new_id("prog")
    await matching.publisher.send(PROGRAMMES_TOPIC, envelope(
        "programme.published.v1", programme_id, 1, programme(programme_id, rules, **fields)))
    return programme_id


async def _enrol(matching: Running, programme_id: str, seeker_id: str) -> Any:
    return await matching.http.post(f"/programmes/{programme_id}/enrolments",
                                    json={"seeker_id": seeker_id})


async def test_concurrent_enrolments_fill_the_seats_exactly_and_queue_the_rest(
    matching: Running,
) -> None:
    people = await _people(matching, 24)
    programme_id = await _programme(matching, RESIDENTS_OF_MODENA, capacity=5)
    await caught_up(matching)
    responses = await asyncio.gather(*[_enrol(matching, programme_id, s) for s in people])
    assert [r.status_code for r in responses] == [201] * 24
    statuses = [r.json()["status"] for r in responses]
    assert statuses.count("enrolled") == 5
    assert statuses.count("waitlisted") == 19
    positions = sorted(r.json()["waiting_position"] for r in responses
                       if r.json()["status"] == "waitlisted")
    assert positions[0] == 1
    holders = await matching.database["seats"].distinct("holder", {"programme_id": programme_id})
    assert len([h for h in holders if h]) == 5
    again = await _enrol(matching, programme_id, people[0])
    assert again.json()["id"] == responses[0].json()["id"]
    assert again.json()["status"] == responses[0].json()["status"]

    seated = next(r.json() for r in responses if r.json()["status"] == "enrolled")
    waiting = sorted((r.json() for r in responses if r.json()["status"] == "waitlisted"),
                     key=lambda e: e["ticket"])
    withdrawn = await matching.http.post(f"/enrolments/{seated['id']}/withdrawal")
    assert withdrawn.json()["status"] == "withdrawn"
    promoted = (await matching.http.get(f"/enrolments/{waiting[0]['id']}")).json()
    assert promoted["status"] == "promoted"
    seats = (await matching.http.get(f"/programmes/{programme_id}/seats")).json()
    assert seats["counts"]["enrolled"] + seats["counts"]["promoted"] == 5
    assert seats["counts"]["waitlisted"] == 18

    async def published() -> list[dict[str, Any]]:
        events = await read_events(matching, "reimpiego.matching.enrolments")
        mine = [e for e in events if e["data"]["programme_id"] == programme_id]
        return mine if len(mine) >= 26 else []

    events = await eventually(published, what="the enrolment events")
    assert [e["data"]["status"] for e in events].count("promoted") == 1
    assert {e["data"]["actor_id"] for e in events if e["data"]["status"] == "withdrawn"} == {
        "test-supervisor"}


async def test_an_ineligible_person_is_refused_with_every_reason_and_nothing_changes(
    matching: Running,
) -> None:
    [person] = await _people(matching, 1)
    programme_id = await _programme(matching, [
        {"kind": "residence", "provinces": ["TO"]}, {"kind": "age", "max": 29}])
    await caught_up(matching)
    response = await _enrol(matching, programme_id, person)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["failed_rules"] == ["residence", "age"]
    assert problem["reasons"][0] == "residente a Modena (MO), fuori dal territorio ammesso"
    seats = (await matching.http.get(f"/programmes/{programme_id}/seats")).json()
    assert sum(seats["counts"].values()) == 0


async def test_completing_a_path_unlocks_the_job_club_that_requires_it(matching: Running) -> None:
    [person] = await _people(matching, 1)
    path = await _programme(matching, [], kind="active_search_path", title="Ricerca attiva")
    club = await _programme(matching, [
        {"kind": "prerequisite", "completed_programme_kinds": ["active_search_path"]}])
    await caught_up(matching)
    refused = await _enrol(matching, club, person)
    assert refused.status_code == 422
    assert refused.json()["reasons"] == ["percorsi propedeutici non completati: active_search_path"]
    enrolment = (await _enrol(matching, path, person)).json()
    attended = await matching.http.post(f"/enrolments/{enrolment['id']}/attendance",
                                        json={"session_id": "s1"})
    assert attended.json()["session_ids"] == ["s1"]
    completed = await matching.http.post(f"/enrolments/{enrolment['id']}/completion")
    assert completed.json()["status"] == "completed"
    eligibility = (await matching.http.get(f"/programmes/{club}/eligibility/{person}")).json()
    assert eligibility["eligible"] is True
    assert eligibility["reasons"] == ["percorsi propedeutici completati"]
    assert (await _enrol(matching, club, person)).json()["status"] == "enrolled"


async def test_bad_input_gets_a_problem_naming_the_field(matching: Running) -> None:
    programme_id = await _programme(matching, [])
    await caught_up(matching)
    response = await matching.http.post(f"/programmes/{programme_id}/enrolments", json={})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "seeker_id"
    unknown = await _enrol(matching, programme_id, "nobody")
    assert unknown.json()["errors"][0]["reason"] == "no person in care with id 'nobody'"
