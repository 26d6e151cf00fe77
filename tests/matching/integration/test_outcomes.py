"""Outcomes on a small hand-checkable population: re-employment rates by programme, partner,
territory and target group with their counts, the skills shortage of a province, target
companies for a cohort — and erasure keeps the counts."""

from __future__ import annotations

from typing import Any

from intake.contracts import PARTNERS_TOPIC, PROGRAMMES_TOPIC, SEEKERS_TOPIC, VACANCIES_TOPIC

from tests.harness import eventually
from tests.matching.events import MILANO, envelope, new_id, programme, seeker, vacancy
from tests.matching.integration.conftest import Running, caught_up
from tests.matching.kafka import read_events

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


async def _rates(matching: Running, by: str) -> dict[str, tuple[int, int, float]]:
    body = (await matching.http.get("/outcomes/reemployment", params={"by": by, **YEAR})).json()
    return {r["group"]: (r["people"], r["placed"], r["rate"]) for r in body["data"]}


async def _place(matching: Running, seeker_id: str, employer: str, start: str) -> dict[str, Any]:
    response = await matching.http.post("/placements", json={
        "seeker_id": seeker_id, "employer_id": employer, "start_date": start,
        "contract_type": "permanent"})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_rates_shortage_and_target_companies_on_a_small_population(
    matching: Running,
) -> None:
    a, b, c, d, e = (new_id(x) for x in "abcde")
    young, adult = ["young"], ["adult_out_of_work"]
    await matching.publisher.send(SEEKERS_TOPIC, *[
        envelope("seeker.registered.v1", key, 1, seeker(key, target_groups=groups, **extra))
        for key, groups, extra in [(a, young, {}), (b, young, {}), (c, adult, {}),
                                   (d, adult, {}), (e, adult, {"municipality": MILANO})]])
    prog = new_id("prog")
    await matching.publisher.send(PROGRAMMES_TOPIC, envelope("programme.published.v1", prog, 1,
        programme(prog, [], capacity=None, provider_id="partner-A")))
    await matching.publisher.send(VACANCIES_TOPIC,
        envelope("vacancy.published.v1", "v1", 1, vacancy("v1", employer_id="emp-A",
                                                          occupation="impiegata amministrativa")),
        envelope("vacancy.published.v1", "v2", 1, vacancy(
            "v2", employer_id="emp-B", occupation="saldatore", essential_skills=["saldatura"],
            optional_skills=[])))
    await matching.publisher.send(PARTNERS_TOPIC, envelope("referral.received.v1", "r1", 1, {
        "referral_id": "r1", "seeker_id": b, "partner_id": "union-X", "source_kind": "trade_union",
        "received_at": "2026-02-01T09:00:00Z"}))
    await caught_up(matching)
    for key in (a, c):
        enrolled = await matching.http.post(f"/programmes/{prog}/enrolments",
                                            json={"seeker_id": key})
        assert enrolled.json()["status"] == "enrolled"
    placed = await _place(matching, a, "emp-A", "2026-03-01")
    await _place(matching, e, "emp-C", "2026-04-01")
    await _place(matching, c, "emp-C", "2025-06-01")  # before the period: not counted

    assert await _rates(matching, "territory") == {"MI": (1, 1, 1.0), "MO": (4, 1, 0.25)}
    assert await _rates(matching, "programme") == {prog: (2, 1, 0.5)}
    assert await _rates(matching, "partner") == {"partner-A": (2, 1, 0.5), "union-X": (1, 0, 0.0)}
    assert await _rates(matching, "target_group") == {
        "adult_out_of_work": (3, 1, 0.3333), "young": (2, 1, 0.5)}

    shortage = (await matching.http.get("/outcomes/skills-shortage",
                                        params={"province": "MO"})).json()
    assert shortage["shortage"] == [{"skill": "inglese", "demand": 1, "supply": 0},
                                    {"skill": "saldatura", "demand": 1, "supply": 0}]
    assert shortage["surplus"][:2] == [{"skill": "contabilita", "demand": 1, "supply": 4},
                                       {"skill": "excel", "demand": 1, "supply": 4}]
    december = (await matching.http.get("/outcomes/skills-shortage", params={
        "province": "MO", "start": "2026-12-01", "end": "2026-12-31"})).json()
    assert december["shortage"] == []  # both vacancies were published on 1 November
    assert december["surplus"][0] == {"skill": "contabilita", "demand": 0, "supply": 4}
    companies = (await matching.http.get("/outcomes/target-companies",
                                         params={"seeker_ids": [b]})).json()
    assert companies == [
        {"employer_id": "emp-C", "score": 8, "reasons": [
            "0 offerte nelle professioni della coorte",
            "2 assunzioni di persone con queste professioni"]},
        {"employer_id": "emp-A", "score": 6, "reasons": [
            "1 offerte nelle professioni della coorte",
            "1 assunzioni di persone con queste professioni"]}]
    assert "emp-B" not in [c["employer_id"] for c in companies]

    followed = await matching.http.post(f"/placements/{placed['id']}/follow-ups",
                                        json={"months": 6, "employed": True, "on": "2026-09-01"})
    assert followed.json()["follow_ups"] == {"6": {"employed": True, "on": "2026-09-01"}}
    bad = await matching.http.post(f"/placements/{placed['id']}/follow-ups",
                                   json={"months": 5, "employed": True, "on": "2026-09-01"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "months"

    await matching.publisher.send(SEEKERS_TOPIC, envelope("seeker.erased.v1", a, 2, {
        "seeker_id": a, "erasure_id": new_id("er"), "requested_at": "2026-11-05T09:00:00Z"}))
    await caught_up(matching)
    assert await matching.database["placements"].count_documents({"seeker_id": a}) == 0
    assert await _rates(matching, "programme") == {prog: (2, 1, 0.5)}
    assert (await _rates(matching, "territory"))["MO"] == (4, 1, 0.25)

    async def recorded() -> list[dict[str, Any]]:
        events = await read_events(matching, "reimpiego.matching.outcomes")
        return [ev for ev in events if ev["data"]["placement_id"] == placed["id"]]

    [event] = await eventually(recorded, what="placement.recorded")
    assert event["data"]["employer_id"] == "emp-A"
