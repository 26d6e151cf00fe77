"""Service pacts (patti di servizio) over real HTTP: signing, plan changes under If-Match, status
history, one open pact per person."""

from __future__ import annotations

from typing import Any

import httpx

from tests.intake.people_data import person

PLAN = [{"kind": "orientation_interview", "due_date": "2026-12-01"},
        {"kind": "cv_workshop"}, {"kind": "job_club"}]


async def _signed(operator: httpx.AsyncClient) -> dict[str, Any]:
    seeker = (await operator.post("/seekers", json=person())).json()
    response = await operator.post("/pacts", json={"seeker_id": seeker["id"], "plan": PLAN})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_a_pact_is_signed_with_an_ordered_plan_and_the_caller_as_operator(
    operator: httpx.AsyncClient,
) -> None:
    pact = await _signed(operator)
    assert pact["operator_id"] == "op-test"
    assert pact["status"] == "active"
    assert [(a["action_id"], a["kind"]) for a in pact["plan"]] == [
        ("a1", "orientation_interview"), ("a2", "cv_workshop"), ("a3", "job_club")]
    again = await operator.post("/pacts", json={"seeker_id": pact["seeker_id"]})
    assert again.status_code == 409
    assert again.json()["existing"] == f"/pacts/{pact['id']}"


async def test_plan_and_status_change_under_if_match_and_keep_history(
    operator: httpx.AsyncClient,
) -> None:
    pact = await _signed(operator)
    url = f"/pacts/{pact['id']}"
    assert (await operator.put(f"{url}/plan", json={"plan": PLAN[:1]})).status_code == 428
    done = [{**PLAN[0], "action_id": "a1", "status": "done"}, {"kind": "training"}]
    replaced = await operator.put(f"{url}/plan", json={"plan": done}, headers={"If-Match": '"1"'})
    assert replaced.status_code == 200, replaced.text
    assert [a["status"] for a in replaced.json()["plan"]] == ["done", "planned"]
    stale = await operator.patch(url, json={"status": "suspended"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412, (dict(replaced.headers), stale.text[:300])
    suspended = await operator.patch(url, json={"status": "suspended", "reason": "temp job"},
                                     headers={"If-Match": replaced.headers["etag"]})
    assert suspended.status_code == 200, suspended.text
    history = suspended.json()["status_history"]
    assert [(h["status"], h["reason"]) for h in history] == [("active", None),
                                                            ("suspended", "temp job")]


async def test_a_closed_pact_cannot_change_and_a_new_one_can_be_signed(
    operator: httpx.AsyncClient,
) -> None:
    pact = await _signed(operator)
    url = f"/pacts/{pact['id']}"
    closed = await operator.patch(url, json={"status": "closed"}, headers={"If-Match": '"1"'})
    assert closed.status_code == 200
    reopened = await operator.patch(url, json={"status": "active"}, headers={"If-Match": '"2"'})
    assert reopened.status_code == 409
    assert reopened.json()["errors"][0]["field"] == "status"
    fresh = await operator.post("/pacts", json={"seeker_id": pact["seeker_id"]})
    assert fresh.status_code == 201
    listed = await operator.get("/pacts", params={"seeker_id": pact["seeker_id"]})
    assert listed.json()["count"] == 2


async def test_a_plan_with_a_bad_action_is_rejected_naming_it(operator: httpx.AsyncClient) -> None:
    seeker = (await operator.post("/seekers", json=person())).json()
    response = await operator.post("/pacts", json={
        "seeker_id": seeker["id"], "plan": [{"kind": "Job Club!"}, {"kind": "x", "status": "?"}]})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"plan.1.status"} <= fields or {"plan.0.kind"} <= fields
    assert (await operator.get("/pacts", params={"seeker_id": seeker["id"]})).json()["count"] == 0
