"""Notifications killed (SIGKILL) around the send and restarted: the message goes out once; a
kill after the SMTP server took it but before the log said so resends it with the same
Message-ID, which receivers use to drop the copy. Waits after a restart are long: on a loaded
machine the restarted process takes a while to claim and send again."""

from __future__ import annotations

import secrets

from tests.harness import eventually
from tests.notifications.stack import Stack

MATCHES = "reimpiego.matching.matches"
AFTER_RESTART = 120.0  # seconds; generous, since the machine may be busy with other work


def _match(seeker_id: str) -> dict[str, object]:
    return {"match_id": secrets.token_hex(6), "seeker_id": seeker_id,
            "vacancy_title": "Magazziniere", "municipality_name": "Modena", "reasons": []}


async def _kill_at(stack: Stack, point: str) -> tuple[str, str]:
    stack.notifications.stop()
    stack.notifications.start({"REIMPIEGO_CRASH_AT": point})
    await stack.notifications.wait_ready()
    seeker_id, email = await stack.new_person()
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    assert await stack.notifications.wait_exit() == -9
    stack.notifications.start()
    await stack.notifications.wait_ready()
    return seeker_id, email


async def test_killed_before_the_send_sends_exactly_one_email_after_restart(
    stack: Stack,
) -> None:
    seeker_id, email = await _kill_at(stack, "notifications.before_send")
    [sent] = await stack.settled(1, recipient_id=seeker_id, state="sent", within=AFTER_RESTART)
    assert sent["attempts"] == 2  # the first attempt died before reaching the server
    assert [m["Message-ID"] for m in stack.smtp.to(email)] == [sent["message_id"]]


async def test_killed_between_its_claim_and_its_lease_sends_exactly_one_email_after_restart(
    stack: Stack,
) -> None:
    """The dead worker's claim blocks its lease generation; the restarted process passes over
    it once abandoned (two leases: six seconds here) and sends the message once."""
    seeker_id, email = await _kill_at(stack, "notifications.after_claim")
    [sent] = await stack.settled(1, recipient_id=seeker_id, state="sent", within=AFTER_RESTART)
    assert sent["attempts"] == 1  # the dead worker never began a send
    assert [m["Message-ID"] for m in stack.smtp.to(email)] == [sent["message_id"]]


async def test_killed_after_the_send_resends_with_the_same_message_id(stack: Stack) -> None:
    seeker_id, email = await _kill_at(stack, "notifications.after_send")
    [sent] = await stack.settled(1, recipient_id=seeker_id, state="sent", within=AFTER_RESTART)
    copies = await eventually(lambda: _at_least(stack, email, 2), timeout=AFTER_RESTART,
                              what="the resent copy")
    assert {m["Message-ID"] for m in copies} == {sent["message_id"]}


async def _at_least(stack: Stack, email: str, count: int) -> list | None:  # type: ignore[type-arg]
    found = stack.smtp.to(email)
    return found if len(found) >= count else None
