"""SMS delivery receipts, pure: what a gateway's final word about a message does to its
delivery. A receipt only moves a message forward, and only once."""

from __future__ import annotations

from enum import StrEnum

OUTCOMES = ("delivered", "failed")
# sending: the gateway answered so fast that its receipt came before our own record of the send
AWAITING_RECEIPT = ("sending", "sent")


class Effect(StrEnum):
    APPLY = "apply"
    ALREADY = "already"  # the same receipt again: nothing changes
    CONFLICT = "conflict"  # another outcome is recorded, or the message was never handed over


def effect(current_state: str, outcome: str) -> Effect:
    if current_state == outcome:
        return Effect.ALREADY
    if current_state in AWAITING_RECEIPT:
        return Effect.APPLY
    return Effect.CONFLICT
