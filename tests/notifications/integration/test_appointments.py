"""Appointment confirmations and reminders: reminders come at their offset before the start, move
with a moved appointment and vanish with a cancelled one; SMS goes through the real gateway."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.harness import eventually
from tests.notifications.stack import Stack

APPOINTMENTS = "reimpiego.intake.appointments"
TWO_HOURS = timedelta(minutes=120)  # the default short reminder offset


def _appointment(seeker_id: str, starts_at: datetime, appointment_id: str,
                 **extra: Any) -> dict[str, Any]:
    return {"appointment_id": appointment_id, "seeker_id": seeker_id, "office_id": "cpi-modena",
            "operator_id": "op-1", "kind": "colloquio di orientamento",
            "starts_at": starts_at.isoformat(), "ends_at": (starts_at + TWO_HOURS).isoformat(),
            "status": "scheduled", **extra}


async def _book(stack: Stack, seeker_id: str, starts_at: datetime) -> str:
    appointment_id = f"ap-{secrets.token_hex(4)}"
    await stack.publish(APPOINTMENTS, "appointment.scheduled.v1", appointment_id,
                        _appointment(seeker_id, starts_at, appointment_id))
    return appointment_id


async def test_a_booking_is_confirmed_and_reminded_when_the_reminder_falls_due(
    stack: Stack,
) -> None:
    seeker_id, email = await stack.new_person()
    # Starts in two hours and four seconds: the 2-hour reminder is due in four seconds, the
    # 24-hour one already passed and is not planned.
    await _book(stack, seeker_id, datetime.now(UTC) + TWO_HOURS + timedelta(seconds=4))
    [confirmed] = await stack.settled(1, recipient_id=seeker_id, kind="appointment_confirmed",
                                      state="sent")
    [reminder] = await stack.deliveries(recipient_id=seeker_id, kind="appointment_reminder")
    assert reminder["state"] == "scheduled"

    [reminded] = await stack.settled(1, recipient_id=seeker_id, kind="appointment_reminder",
                                     state="sent")
    assert datetime.fromisoformat(reminded["sent_at"]) >= datetime.fromisoformat(
        reminder["due_at"])
    subjects = sorted(m["Subject"] for m in stack.smtp.to(email))
    assert subjects == ["Appuntamento confermato", "Promemoria: il tuo appuntamento"]
    text = stack.smtp.to(email)[0].get_body(preferencelist=("plain",)).get_content()
    assert "colloquio di orientamento" in text and " alle " in text
    assert "unsubscribe" not in text  # a service message about one's own case: no link needed


async def test_a_moved_appointment_moves_its_reminders(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    first = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    appointment_id = await _book(stack, seeker_id, first)
    await stack.settled(2, recipient_id=seeker_id, kind="appointment_reminder")
    moved_to = first + timedelta(days=1)
    await stack.publish(APPOINTMENTS, "appointment.rescheduled.v1", appointment_id, _appointment(
        seeker_id, moved_to, appointment_id, previous_starts_at=first.isoformat()), version=2)

    reminders = await stack.settled(4, recipient_id=seeker_id, kind="appointment_reminder")
    old = [r for r in reminders if r["state"] == "suppressed"]
    new = [r for r in reminders if r["state"] == "scheduled"]
    assert len(old) == 2 and all(r["reason"] == "appointment rescheduled" for r in old)
    assert sorted(datetime.fromisoformat(r["due_at"]) for r in new) == [
        moved_to - timedelta(hours=24), moved_to - TWO_HOURS]
    await stack.settled(1, recipient_id=seeker_id, kind="appointment_moved", state="sent")


async def test_a_cancelled_appointment_cancels_its_reminders(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    starts = datetime.now(UTC) + timedelta(days=3)
    appointment_id = await _book(stack, seeker_id, starts)
    await stack.settled(2, recipient_id=seeker_id, kind="appointment_reminder")
    await stack.publish(APPOINTMENTS, "appointment.cancelled.v1", appointment_id, _appointment(
        seeker_id, starts, appointment_id, status="cancelled", reason="malattia"), version=2)

    await stack.settled(2, recipient_id=seeker_id, kind="appointment_reminder",
                        state="suppressed")
    [notice] = await stack.settled(1, recipient_id=seeker_id, kind="appointment_cancelled",
                                   state="sent")
    assert notice["channel"] == "email"
    assert await stack.deliveries(recipient_id=seeker_id, state="scheduled") == []


async def test_people_who_chose_sms_get_it_through_the_gateway(stack: Stack) -> None:
    seeker_id, _ = await stack.new_person(phone="+393331234567")
    async with stack.client() as client:
        await client.put(f"/people/{seeker_id}/preferences", json={"channels": ["sms"]})
    await _book(stack, seeker_id, datetime.now(UTC) + timedelta(days=5))
    [sms] = await stack.settled(1, recipient_id=seeker_id, kind="appointment_confirmed",
                                state="sent")
    assert sms["channel"] == "sms"

    async def received() -> list[Any]:
        return [r for r in stack.gateway.to("/sms") if r.json()["reference"] == sms["id"]]

    [request] = await eventually(received, what="the SMS at the gateway")
    assert request.json()["to"] == "+393331234567"
    assert request.json()["text"].startswith("CPI: confermato il tuo appuntamento")
    assert request.headers["authorization"].startswith("Bearer ")


async def test_a_missed_appointment_is_reported_to_the_operator(stack: Stack) -> None:
    operator = f"op-{secrets.token_hex(3)}"
    async with stack.client() as client:
        response = await client.put(f"/contacts/operator/{operator}", json={
            "name": "Giulia Bianchi", "email": f"{operator}@cpi.example"})
        assert response.status_code == 200, response.text
    appointment_id = f"ap-{secrets.token_hex(4)}"
    data = _appointment("s-anon", datetime.now(UTC) - TWO_HOURS, appointment_id,
                        operator_id=operator, status="missed")
    await stack.publish(APPOINTMENTS, "appointment.missed.v1", appointment_id, data, version=2)
    await stack.settled(1, recipient_id=operator, kind="appointment_missed", state="sent")
    [message] = stack.smtp.to(f"{operator}@cpi.example")
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Gentile Giulia Bianchi" in text and "s-anon non si è presentata" in text
