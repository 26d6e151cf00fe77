"""Messages to people: content, exactly one per event, and nothing to those who must not get it."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.harness import eventually
from tests.notifications.stack import Stack, now_iso

MATCHES = "reimpiego.matching.matches"
SEEKERS = "reimpiego.intake.seekers"


def _match(seeker_id: str) -> dict[str, object]:
    return {"match_id": secrets.token_hex(8), "seeker_id": seeker_id,
            "vacancy_id": "v-1", "employer_id": "e-1", "vacancy_title": "Magazziniere",
            "municipality": "036023", "municipality_name": "Modena", "score": 0.9,
            "reasons": ["possiede 2 su 2 competenze essenziali"], "proposed_at": now_iso()}


async def test_a_proposal_is_emailed_once_even_when_the_event_comes_twice(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    envelope = await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    await stack.send(MATCHES, envelope)  # the broker redelivers the very same event

    [sent] = await stack.settled(1, recipient_id=seeker_id, state="sent")
    assert sent["attempts"] == 1 and sent["kind"] == "match_proposed"
    [message] = await eventually(lambda: _async(stack.smtp.to(email)), what="the email")
    assert message["Message-ID"] == sent["message_id"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Gentile Maria" in text and "Magazziniere — Modena" in text
    assert "<strong>Magazziniere</strong>" in html
    assert "/unsubscribe/" in text and message["List-Unsubscribe"].startswith("<http")
    # A later event on the same partition (same key) is handled after the duplicate was.
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    await stack.settled(2, recipient_id=seeker_id, state="sent")
    assert len(await stack.deliveries(recipient_id=seeker_id, event_id=envelope.id)) == 1
    assert len(stack.smtp.to(email)) == 2


async def test_the_unsubscribe_link_stops_further_proposals(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    await stack.settled(1, recipient_id=seeker_id, state="sent")
    [message] = stack.smtp.to(email)
    link = message["List-Unsubscribe"].strip("<>")
    async with stack.client() as client:
        assert (await client.get(link)).status_code == 200
        assert (await client.get(link[:-3] + "xyz")).status_code == 404  # forged: refused

    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    [suppressed] = await stack.settled(1, recipient_id=seeker_id, state="suppressed")
    assert suppressed["reason"] == "the person opted out of match_proposed"
    assert len(stack.smtp.to(email)) == 1


async def test_an_erased_person_gets_nothing_and_the_reason_is_recorded(stack: Stack) -> None:
    unknown = f"erased-{secrets.token_hex(4)}"  # intake answers 404: erased or never known
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(unknown))
    [suppressed] = await stack.settled(1, recipient_id=unknown, state="suppressed")
    assert suppressed["reason"] == "the person is no longer in intake (erased)"
    assert suppressed["attempts"] == 0


async def test_a_person_who_opted_out_of_everything_is_not_contacted(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    async with stack.client() as client:
        response = await client.put(f"/people/{seeker_id}/preferences",
                                    json={"opted_out": ["all"]})
        assert response.status_code == 200, response.text
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    [suppressed] = await stack.settled(1, recipient_id=seeker_id, state="suppressed")
    assert "opted out" in suppressed["reason"]
    assert stack.smtp.to(email) == []


async def test_messages_wait_for_the_end_of_quiet_hours(stack: Stack) -> None:
    seeker_id, email = await stack.new_person()
    local = datetime.now(UTC).astimezone(ZoneInfo("Europe/Rome"))
    start, end = local - timedelta(hours=1), local + timedelta(hours=2)
    async with stack.client() as client:
        await client.put(f"/people/{seeker_id}/preferences", json={
            "quiet_hours": {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}})
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))

    async def deferred() -> dict | None:  # type: ignore[type-arg]
        found = await stack.deliveries(recipient_id=seeker_id, state="scheduled")
        return found[0] if found and found[0].get("due_at") else None

    waiting = await deferred_or_fail(deferred)
    due = datetime.fromisoformat(waiting["due_at"]).astimezone(ZoneInfo("Europe/Rome"))
    assert f"{due:%H:%M}" == f"{end:%H:%M}" and due > local
    assert waiting["attempts"] == 0 and stack.smtp.to(email) == []


async def test_an_erasure_event_cancels_what_was_waiting_and_the_log_forgets_who(
    stack: Stack,
) -> None:
    seeker_id, email = await stack.new_person()
    local = datetime.now(UTC).astimezone(ZoneInfo("Europe/Rome"))
    async with stack.client() as client:
        await client.put(f"/people/{seeker_id}/preferences", json={"quiet_hours": {
            "start": f"{local - timedelta(hours=1):%H:%M}",
            "end": f"{local + timedelta(hours=1):%H:%M}"}})
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    await stack.settled(1, recipient_id=seeker_id, state="scheduled")
    await stack.publish(SEEKERS, "seeker.erased.v1", seeker_id, {
        "seeker_id": seeker_id, "erasure_id": "er-1", "requested_at": now_iso()})
    # The log keeps that a message was suppressed, under the erasure's token, not the person's id.
    token = f"cancellato-{uuid.uuid5(uuid.NAMESPACE_URL, 'er-1')}"
    [suppressed] = await stack.settled(1, recipient_id=token, state="suppressed")
    assert suppressed["reason"] == "the person was erased"
    async with stack.client() as client:
        left = (await client.get("/deliveries", params={"recipient_id": seeker_id})).json()
    assert left["count"] == 0
    async with stack.client() as client:  # and the preferences are gone with the person
        assert (await client.get(f"/people/{seeker_id}/preferences")).json()["quiet_hours"] is None


async def deferred_or_fail(probe):  # type: ignore[no-untyped-def]
    return await eventually(probe, what="the deferred delivery")


async def _async(value):  # type: ignore[no-untyped-def]
    return value
