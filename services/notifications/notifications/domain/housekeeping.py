"""What the send queue may forget, pure. A claim guards one lease generation of a message's send
only until the message is settled; a queue entry of a settled message is a leftover once no
sender holds it (superseded reminders would otherwise wait there until their due time)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

SETTLED = ("sent", "delivered", "suppressed", "failed")
GONE = "gone"  # no longer in the log: nothing left to send


def claimed_delivery(claim_id: str) -> str:
    """Claims are named `<delivery id>@<lease generation>[#takeover]` (domain/leases.py)."""
    return claim_id.partition("@")[0]


def _settled(state: str) -> bool:
    return state in SETTLED or state == GONE


def releasable_claims(claim_ids: Iterable[str], states: Mapping[str, str]) -> list[str]:
    """Of claims old enough to go, those of settled messages: no send of theirs is in flight,
    and a message sent again (webhook redelivery) is claimed under a new generation."""
    return [c for c in claim_ids if _settled(states.get(claimed_delivery(c), GONE))]


def leftover_entries(entries: Iterable[dict[str, Any]], states: Mapping[str, str],
                     now: datetime) -> list[dict[str, Any]]:
    """Queue entries of settled messages whose lease has run out (none is being sent)."""
    return [e for e in entries
            if e["lease_until"] <= now and _settled(states.get(e["_id"], GONE))]
