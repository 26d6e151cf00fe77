"""Rankings through the API on the live index, in both directions, with filters and pages; and
match.proposed published once per new top match, not on every recomputation."""

from __future__ import annotations

from typing import Any

from api_edge.auth import Role
from intake.contracts import PROGRAMMES_TOPIC, SEEKERS_TOPIC, VACANCIES_TOPIC

from tests.conftest import Tokens
from tests.harness import eventually
from tests.matching.events import CARPI, MILANO, envelope, new_id, programme, seeker, vacancy
from tests.matching.integration.conftest import Running, caught_up
from tests.matching.kafka import read_events


async def test_best_people_for_a_vacancy_filtered_and_paged(matching: Running) -> None:
    vacancy_id = new_id("vac")
    full, half, far = new_id("full"), new_id("half"), new_id("far")
    await matching.publisher.send(VACANCIES_TOPIC, envelope(
        "vacancy.published.v1", vacancy_id, 1, vacancy(vacancy_id)))
    await matching.publisher.send(SEEKERS_TOPIC,
        envelope("seeker.registered.v1", full, 1, seeker(full, target_groups=["young"],
                                                         municipality=CARPI)),
        envelope("seeker.registered.v1", half, 1, seeker(half, skills=["contabilità"])),
        envelope("seeker.registered.v1", far, 1, seeker(far, municipality=MILANO)))
    await caught_up(matching)
    url = f"/vacancies/{vacancy_id}/candidates"
    ranked = (await matching.http.get(url)).json()["data"]
    assert [r["seeker_id"] for r in ranked][:2] == [full, half]
    assert far not in [r["seeker_id"] for r in ranked]  # 172 km: beyond a 30 km radius
    assert ranked[1]["missing_essential"] == ["excel"]
    assert "manca: excel" in ranked[1]["reasons"]
    assert ranked[0]["breakdown"]["essential_skills"] > ranked[1]["breakdown"]["essential_skills"]
    young = (await matching.http.get(url, params={"target_group": "young"})).json()["data"]
    assert [r["seeker_id"] for r in young] == [full]
    second = (await matching.http.get(url, params={"limit": 1, "offset": 1})).json()["data"]
    assert [(r["rank"], r["seeker_id"]) for r in second] == [(2, half)]
    elsewhere = (await matching.http.get(url, params={"province": "MI"})).json()
    assert elsewhere["count"] == 0
    bad = await matching.http.get(url, params={"province": "modena"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "province"
    assert (await matching.http.get("/vacancies/nope/candidates")).status_code == 404


async def test_best_opportunities_for_a_person_include_eligible_programmes_by_urgency(
    matching: Running,
) -> None:
    urgent, calm = new_id("urgent"), new_id("calm")
    ending = {"kind": "wage_guarantee", "since": "2026-01-01",
              "wage_guarantee": {"kind": "business_closure", "expected_end": "2026-12-20"}}
    await matching.publisher.send(SEEKERS_TOPIC,
        envelope("seeker.registered.v1", urgent, 1, seeker(urgent, labour_status=ending)),
        envelope("seeker.registered.v1", calm, 1, seeker(calm, labour_status={
            "kind": "wage_guarantee", "since": "2026-10-01",
            "wage_guarantee": {"kind": "business_closure", "expected_end": "2028-01-01"}})))
    prog, closed_to_them = new_id("prog"), new_id("prog")
    await matching.publisher.send(PROGRAMMES_TOPIC,
        envelope("programme.published.v1", prog, 1, programme(prog, [
            {"kind": "labour_status", "any_of": ["wage_guarantee"]}], kind="outplacement",
            title="Ricollocazione")),
        envelope("programme.published.v1", closed_to_them, 1, programme(closed_to_them, [
            {"kind": "age", "max": 29}], kind="internship_abroad", title="Erasmus+")))
    await caught_up(matching)
    people = (await matching.http.get(f"/programmes/{prog}/candidates")).json()["data"]
    order = [r["seeker_id"] for r in people if r["seeker_id"] in (urgent, calm)]
    assert order == [urgent, calm]
    assert any(reason.startswith("cassa integrazione in scadenza tra")
               for reason in people[[r["seeker_id"] for r in people].index(urgent)]["reasons"])
    mine = (await matching.http.get(f"/seekers/{urgent}/opportunities")).json()["data"]
    kinds = {r["opportunity_id"]: r["kind"] for r in mine}
    assert kinds.get(prog) == "outplacement" and closed_to_them not in kinds
    assert "vacancy" in kinds.values()
    only = (await matching.http.get(f"/seekers/{urgent}/opportunities",
                                    params={"kind": "outplacement"})).json()["data"]
    assert [r["opportunity_id"] for r in only] == [prog]


async def test_a_new_top_match_is_proposed_once_even_when_recomputed(matching: Running) -> None:
    vacancy_id, person = new_id("vac"), new_id("sk")
    await matching.publisher.send(SEEKERS_TOPIC, envelope(
        "seeker.registered.v1", person, 1, seeker(person, occupation="giardiniere",
                                                   skills=["potatura"])))
    body = vacancy(vacancy_id, occupation="giardiniere", essential_skills=["potatura"],
                   employer_id=new_id("emp"))
    await matching.publisher.send(VACANCIES_TOPIC,
        envelope("vacancy.published.v1", vacancy_id, 1, body),
        envelope("vacancy.updated.v1", vacancy_id, 2, {**body, "title": "Giardiniere esperto"}))
    await matching.publisher.send(SEEKERS_TOPIC, envelope(
        "seeker.updated.v1", person, 2, seeker(person, occupation="giardiniere",
                                               skills=["potatura", "irrigazione"])))
    await caught_up(matching)

    async def proposals() -> list[dict[str, Any]]:
        events = await read_events(matching, "reimpiego.matching.matches")
        return [e for e in events if e["type"] == "match.proposed.v1"
                and e["data"]["seeker_id"] == person]

    [event] = await eventually(proposals, what="the proposal")
    assert event["data"]["vacancy_id"] == vacancy_id
    assert await matching.database["matches"].count_documents({"seeker_id": person}) == 1


async def test_an_operator_sees_only_the_people_of_its_office(
    matching: Running, tokens: Tokens,
) -> None:
    vacancy_id, ours, theirs = new_id("vac"), new_id("ours"), new_id("theirs")
    await matching.publisher.send(VACANCIES_TOPIC, envelope(
        "vacancy.published.v1", vacancy_id, 1, vacancy(vacancy_id)))
    await matching.publisher.send(SEEKERS_TOPIC,
        envelope("seeker.registered.v1", ours, 1, seeker(ours, office_id="cpi-modena")),
        envelope("seeker.registered.v1", theirs, 1, seeker(theirs, office_id="cpi-carpi")))
    await caught_up(matching)
    operator = tokens.headers(Role.OPERATOR, subject="op-1", office_id="cpi-modena")
    ranked = (await matching.http.get(f"/vacancies/{vacancy_id}/candidates",
                                      headers=operator)).json()["data"]
    seen = {r["seeker_id"] for r in ranked}
    assert ours in seen and theirs not in seen
    assert (await matching.http.get(f"/seekers/{theirs}/opportunities",
                                    headers=operator)).status_code == 404
    everyone = (await matching.http.get(f"/vacancies/{vacancy_id}/candidates")).json()["data"]
    assert {ours, theirs} <= {r["seeker_id"] for r in everyone}  # a supervisor sees all
