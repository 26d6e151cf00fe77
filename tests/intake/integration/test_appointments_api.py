"""Appointments through intake's HTTP API on real FerretDB and Kafka: opening hours and closure
days of the Modena office (seed 000), no double-booking even under concurrent requests,
reschedule / cancel with If-Match, and the events on the real topic."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from api_edge.auth import Role
from intake.contracts import APPOINTMENTS_TOPIC
from pymongo import AsyncMongoClient

from tests.conftest import MONGO, Tokens
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import (
    MODENA,
    MODENA_HOURS,
    at,
    client,
    created,
    events_on,
    fields,
    new_person,
    next_weekday,
)

MONDAY, THURSDAY = 0, 3
CLOSED_MONDAY = next_weekday(MONDAY, weeks_ahead=3)


@pytest.fixture(scope="module")
async def office(api: httpx.AsyncClient) -> dict[str, Any]:
    return await created(api, "/offices", {
        "name": "Centro per l'Impiego di Modena", "municipality": MODENA,
        "address": "via delle Costellazioni 108", "opening_hours": MODENA_HOURS,
        "closures": [CLOSED_MONDAY.isoformat()],
        "operators": [{"operator_id": "op-anna", "name": "Anna"},
                      {"operator_id": "op-bruno", "name": "Bruno"}]})


def booking(office: dict[str, Any], seeker: str, start: str, end: str,
            operator: str = "op-anna") -> dict[str, Any]:
    return {"seeker_id": seeker, "office_id": office["id"], "operator_id": operator,
            "kind": "orientation_interview", "starts_at": start, "ends_at": end}


async def test_an_office_keeps_the_seed_000_opening_hours(
    api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    response = await api.get(f"/offices/{office['id']}")
    assert response.headers["ETag"] == '"1"'
    hours = response.json()["opening_hours"]
    assert hours["thursday"] == [{"opens": "13:00:00", "closes": "17:00:00"}]
    assert "saturday" not in hours


async def test_booking_outside_opening_hours_or_on_a_closure_day_is_refused(
    api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    seeker = await new_person(api)
    thursday = next_weekday(THURSDAY)
    morning = await api.post("/appointments", json=booking(
        office, seeker, at(thursday, 10), at(thursday, 10, 30)))
    assert morning.status_code == 422
    assert "outside the opening hours on thursdays (13:00-17:00" in fields(morning)["starts_at"]
    closed = await api.post("/appointments", json=booking(
        office, seeker, at(CLOSED_MONDAY, 10), at(CLOSED_MONDAY, 10, 30)))
    assert "closure day" in fields(closed)["starts_at"]
    sunday = next_weekday(6)
    assert "closed on sundays" in fields(await api.post("/appointments", json=booking(
        office, seeker, at(sunday, 10), at(sunday, 11))))["starts_at"]
    late = await api.post("/appointments", json=booking(
        office, seeker, at(thursday, 16, 30), at(thursday, 17, 15)))
    assert late.status_code == 422
    stranger = await api.post("/appointments", json=booking(
        office, seeker, at(thursday, 14), at(thursday, 14, 30), operator="op-nobody"))
    assert "does not work at office" in fields(stranger)["operator_id"]
    listed = await api.get("/appointments", params={"seeker_id": seeker})
    assert listed.json()["count"] == 0


async def test_an_operator_or_a_person_is_never_double_booked(
    api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    anna_first, other, anna_second = [await new_person(api) for _ in range(3)]
    day = next_weekday(THURSDAY, weeks_ahead=4)
    await created(api, "/appointments", booking(office, anna_first, at(day, 14), at(day, 14, 45)))
    overlap = await api.post("/appointments", json=booking(
        office, other, at(day, 14, 30), at(day, 15)))
    assert overlap.status_code == 409
    assert fields(overlap) == {"operator_id": "already has an overlapping appointment"}
    same_person = await api.post("/appointments", json=booking(
        office, anna_first, at(day, 14, 15), at(day, 14, 30), operator="op-bruno"))
    assert same_person.status_code == 409
    assert "seeker_id" in fields(same_person)
    adjacent = await created(api, "/appointments", booking(
        office, anna_second, at(day, 14, 45), at(day, 15, 15)))
    assert adjacent["status"] == "scheduled"


async def test_concurrent_bookings_of_one_slot_end_in_exactly_one_appointment(
    api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    people = [await new_person(api) for _ in range(6)]
    day = next_weekday(THURSDAY, weeks_ahead=5)
    answers = await asyncio.gather(*(
        api.post("/appointments", json=booking(office, p, at(day, 15), at(day, 15, 30)))
        for p in people))
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409, 409]
    listed = await api.get("/appointments", params={"operator_id": "op-anna",
                                                    "from": at(day, 0), "to": at(day, 23)})
    assert listed.json()["count"] == 1


async def test_reschedule_needs_the_current_etag_and_frees_the_old_slot(
    intake: ServiceProcess, api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    seeker, later = await new_person(api), await new_person(api)
    day = next_weekday(THURSDAY, weeks_ahead=6)
    first = await created(api, "/appointments",
                          booking(office, seeker, at(day, 13), at(day, 13, 30)))
    path = f"/appointments/{first['id']}"
    move = {"starts_at": at(day, 16), "ends_at": at(day, 16, 30)}
    assert (await api.post(f"{path}/reschedule", json=move)).status_code == 428
    stale = await api.post(f"{path}/reschedule", json=move, headers={"If-Match": '"7"'})
    assert stale.status_code == 412
    moved = await api.post(f"{path}/reschedule", json=move, headers={"If-Match": '"1"'})
    assert moved.status_code == 200, moved.text
    assert moved.headers["ETag"] == '"2"'
    await created(api, "/appointments", booking(office, later, at(day, 13), at(day, 13, 30)))
    early = await api.post(f"{path}/attended", headers={"If-Match": '"2"'})
    assert early.status_code == 409
    cancelled = await api.post(f"{path}/cancel", json={"reason": "malattia"},
                               headers={"If-Match": '"2"'})
    assert cancelled.json()["status"] == "cancelled"
    again = await api.post(f"{path}/cancel", json={}, headers={"If-Match": '"3"'})
    assert again.status_code == 409
    envelopes = await events_on(intake, APPOINTMENTS_TOPIC, first["id"], 3)
    assert [e["type"] for e in envelopes] == [
        "appointment.scheduled.v1", "appointment.rescheduled.v1", "appointment.cancelled.v1"]
    assert envelopes[1]["data"]["previous_starts_at"].startswith(day.isoformat())
    assert envelopes[2]["data"]["reason"] == "malattia"
    assert all(set(e["data"]) >= {"appointment_id", "seeker_id", "office_id", "operator_id"}
               and "email" not in e["data"] and "tax_code" not in e["data"] for e in envelopes)


async def test_a_replayed_booking_returns_the_first_result(
    api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    seeker = await new_person(api)
    day = next_weekday(THURSDAY, weeks_ahead=7)
    body = booking(office, seeker, at(day, 13, 15), at(day, 13, 45))
    first = await created(api, "/appointments", body, key="book-" + seeker)
    replay = await api.post("/appointments", json=body,
                            headers={"Idempotency-Key": "book-" + seeker})
    assert replay.status_code == 201 and replay.json()["id"] == first["id"], replay.text
    changed = await api.post("/appointments", json={**body, "kind": "cv_review"},
                             headers={"Idempotency-Key": "book-" + seeker})
    assert changed.status_code == 422


async def test_an_operator_without_a_token_or_role_cannot_book(
    intake: ServiceProcess, tokens: Tokens, office: dict[str, Any]
) -> None:
    async with httpx.AsyncClient(base_url=intake.url) as anonymous:
        assert (await anonymous.get("/appointments")).status_code == 401
    async with client(intake, tokens, Role.EMPLOYER, organisation_id="acme") as employer:
        assert (await employer.get("/appointments")).status_code == 403


async def test_a_new_closure_day_is_honoured_and_office_changes_need_the_etag(
    api: httpx.AsyncClient
) -> None:
    office = await created(api, "/offices", {
        "name": "Sede di Carpi", "municipality": "036005", "opening_hours": MODENA_HOURS,
        "operators": [{"operator_id": "op-carla", "name": "Carla"}]})
    strike = next_weekday(MONDAY, weeks_ahead=8)
    path = f"/offices/{office['id']}"
    assert (await api.patch(path, json={"closures": [strike.isoformat()]})).status_code == 428
    changed = await api.patch(path, json={"closures": [strike.isoformat()]},
                              headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    seeker = await new_person(api)
    refused = await api.post("/appointments", json={
        "seeker_id": seeker, "office_id": office["id"], "operator_id": "op-carla",
        "starts_at": at(strike, 10), "ends_at": at(strike, 10, 30)})
    assert "closure day" in fields(refused)["starts_at"]
    broken = await api.patch(path, json={"opening_hours": {"monday": [
        {"opens": "12:00", "closes": "09:00"}]}, "name": None}, headers={"If-Match": '"2"'})
    assert broken.status_code == 422
    still = await api.get(path)
    assert still.headers["ETag"] == '"2"' and still.json()["opening_hours"]["monday"][0][
        "opens"] == "10:00:00"
    inverted = await api.patch(path, json={"opening_hours": {"monday": [
        {"opens": "12:00", "closes": "09:00"}]}}, headers={"If-Match": '"2"'})
    assert fields(inverted) == {"opening_hours.monday": "opens at 12:00 but closes at 09:00"}


async def test_a_slot_left_claimed_by_a_crashed_booking_is_freed_once_stale(
    intake: ServiceProcess, api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    """A booking that crashed between claiming its slots and writing the appointment leaves claims
    with no appointment behind them: a fresh one still blocks (it may be in flight), an old one
    is taken over."""
    seeker = await new_person(api)
    day = next_weekday(THURSDAY, weeks_ahead=9)
    start = datetime.fromisoformat(at(day, 16)).astimezone(UTC)
    mongo: AsyncMongoClient = AsyncMongoClient(MONGO, tz_aware=True)
    slots = mongo[intake.env["REIMPIEGO_INTAKE_DATABASE"]]["appointment_slots"]
    claim = {"_id": f"operator:op-bruno:{start.isoformat()}", "appointment_id": "crashed"}
    try:
        await slots.insert_one({**claim, "claimed_at": datetime.now(UTC)})
        body = booking(office, seeker, at(day, 16), at(day, 16, 30), operator="op-bruno")
        assert (await api.post("/appointments", json=body)).status_code == 409
        await slots.update_one({"_id": claim["_id"]},
                               {"$set": {"claimed_at": datetime.now(UTC) - timedelta(minutes=5)}})
        booked = await created(api, "/appointments", body)
        holder = await slots.find_one({"_id": claim["_id"]})
        assert holder is not None and holder["appointment_id"] == booked["id"]
    finally:
        await mongo.close()


async def test_an_operator_works_only_on_the_appointments_of_their_office(
    intake: ServiceProcess, tokens: Tokens, api: httpx.AsyncClient, office: dict[str, Any]
) -> None:
    seeker = await new_person(api)
    day = next_weekday(THURSDAY, weeks_ahead=10)
    body = booking(office, seeker, at(day, 13), at(day, 13, 30))
    async with client(intake, tokens, Role.OPERATOR, office_id=office["id"]) as own:
        mine = await created(own, "/appointments", body)
        assert (await own.get("/appointments")).json()["count"] >= 1
    async with client(intake, tokens, Role.OPERATOR, office_id="carpi") as other:
        refused = await other.post("/appointments", json={**body, "starts_at": at(day, 14),
                                                          "ends_at": at(day, 14, 30)})
        assert refused.status_code == 403 and fields(refused) == {
            "office_id": "is not your office"}
        assert (await other.get(f"/appointments/{mine['id']}")).status_code == 404
        assert (await other.get("/appointments")).json()["count"] == 0
        cancel = await other.post(f"/appointments/{mine['id']}/cancel", json={},
                                  headers={"If-Match": '"1"'})
        assert cancel.status_code == 404
