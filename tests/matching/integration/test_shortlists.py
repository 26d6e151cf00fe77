"""Shortlist → referrals → the employer's steps, each an event saying who did it; the employer
sees only its own shortlists, anonymised, and only people who consented."""

from __future__ import annotations

from typing import Any

from api_edge.auth import Role
from intake.contracts import SEEKERS_TOPIC, VACANCIES_TOPIC

from tests.conftest import Tokens
from tests.harness import eventually
from tests.matching.events import envelope, new_id, seeker, vacancy
from tests.matching.integration.conftest import Running, caught_up
from tests.matching.kafka import read_events


async def _setup(matching: Running) -> tuple[str, str, list[str]]:
    employer, vacancy_id = new_id("emp"), new_id("vac")
    people = [new_id("sk"), new_id("sk")]
    await matching.publisher.send(VACANCIES_TOPIC, envelope(
        "vacancy.published.v1", vacancy_id, 1, vacancy(vacancy_id, employer_id=employer)))
    await matching.publisher.send(SEEKERS_TOPIC,
        envelope("seeker.registered.v1", people[0], 1, seeker(
            people[0], anonymised_profile_to_employers=True, birth_date="1961-02-03")),
        envelope("seeker.registered.v1", people[1], 1, seeker(people[1])))
    await caught_up(matching)
    return employer, vacancy_id, people


async def test_a_confirmed_shortlist_refers_people_and_the_employer_moves_them_on(
    matching: Running, tokens: Tokens,
) -> None:
    employer, vacancy_id, people = await _setup(matching)
    created = await matching.http.post(f"/vacancies/{vacancy_id}/shortlists",
                                       json={"seeker_ids": people})
    assert created.status_code == 201 and created.json()["status"] == "draft"
    shortlist_id = created.json()["id"]
    confirmed = (await matching.http.post(f"/shortlists/{shortlist_id}/confirmation")).json()
    assert confirmed["status"] == "confirmed" and len(confirmed["referral_ids"]) == 2
    first = confirmed["referral_ids"][0]

    own = tokens.headers(Role.EMPLOYER, subject="hr-1", organisation_id=employer)
    other = tokens.headers(Role.EMPLOYER, subject="hr-2", organisation_id="someone-else")
    view = await matching.http.get(f"/employer/shortlists/{shortlist_id}", headers=own)
    assert view.status_code == 200
    profiles = [c["profile"] for c in view.json()["candidates"]]
    shared = [p for p in profiles if p]
    assert len(shared) == 1 and profiles.count(None) == 1
    assert shared[0]["province"] == "MO" and "contabilita" in shared[0]["skills"]
    assert not any(key in view.text for key in (*people, "1961", "birth"))
    hidden = await matching.http.get(f"/employer/shortlists/{shortlist_id}", headers=other)
    assert hidden.status_code == 404

    too_early = await matching.http.post(f"/referrals/{first}/status",
                                         json={"status": "interview"}, headers=own)
    assert too_early.status_code == 409
    assert "ammessi: sent_to_employer, withdrawn" in too_early.json()["detail"]
    sent = await matching.http.post(f"/referrals/{first}/status",
                                    json={"status": "sent_to_employer"})
    assert sent.json()["status"] == "sent_to_employer"
    interview = await matching.http.post(f"/referrals/{first}/status", headers=own, json={
        "status": "interview", "interview_at": "2026-12-02T10:00:00Z"})
    assert interview.json()["status"] == "interview"
    stranger = await matching.http.post(f"/referrals/{first}/status", headers=other,
                                        json={"status": "hired"})
    assert stranger.status_code == 404

    async def published() -> list[dict[str, Any]]:
        events = await read_events(matching, "reimpiego.matching.matches")
        mine = [e for e in events if e["data"].get("vacancy_id") == vacancy_id
                and e["type"] != "match.proposed.v1"]
        return mine if len(mine) >= 5 else []

    events = await eventually(published, what="shortlist and referral events")
    assert [e["type"] for e in events].count("shortlist.confirmed.v1") == 1
    steps = [(e["data"]["status"], e["data"]["actor_id"]) for e in events
             if e["data"].get("referral_id") == first]
    assert steps == [("proposed", "test-supervisor"), ("sent_to_employer", "test-supervisor"),
                     ("interview", "hr-1")]


async def test_a_shortlist_naming_an_unknown_person_is_refused_naming_the_entry(
    matching: Running,
) -> None:
    _, vacancy_id, people = await _setup(matching)
    response = await matching.http.post(f"/vacancies/{vacancy_id}/shortlists",
                                        json={"seeker_ids": [people[0], "ghost"]})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"pointer": "/body/seeker_ids/1",
                                          "field": "seeker_ids.1",
                                          "reason": "no person in care with id 'ghost'"}]
    assert await matching.database["shortlists"].count_documents({"vacancy_id": vacancy_id}) == 0
