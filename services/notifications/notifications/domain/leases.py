"""Send leases, pure. A lease generation is won by inserting a claim under a unique id naming it
(FerretDB does not isolate concurrent updates); a worker that dies between that insert and
taking its lease leaves the generation blocked, so once that claim is clearly abandoned the next
worker claims a fresh one, again by unique insert, rather than waiting for ever. A send must
also end, and be recorded, before its lease does."""

from __future__ import annotations

from datetime import datetime, timedelta

ABANDONED_AFTER_LEASES = 2
SETTLE_SHARE = 0.2  # of a lease, kept back to record a send's outcome before the lease ends
MIN_SEND_SHARE = 0.1  # of a lease: a send given less than this is not started


def claim_id(delivery_id: str, generation: datetime, takeover: int = 0) -> str:
    """`<delivery id>@<lease generation>`, suffixed `#1`, `#2`... for each takeover of it."""
    name = f"{delivery_id}@{generation}"
    return f"{name}#{takeover}" if takeover else name


def abandoned(claimed_at: datetime, now: datetime, lease_seconds: float) -> bool:
    """A live claimer takes its lease moments after claiming, and gives the claim up unless the
    generation is still unchanged then; after two leases its worker is presumed dead."""
    return now - claimed_at >= timedelta(seconds=ABANDONED_AFTER_LEASES * lease_seconds)


def send_allowance(lease_until: datetime, now: datetime, lease_seconds: float) -> float | None:
    """Seconds a send starting now may take so that its outcome is recorded before the lease
    ends, counted from the claim's lease rather than the send's start: time spent since the
    claim (contact lookup, checks) comes off it. None when too little is left to start: the
    message is given back rather than sent while another worker could claim it."""
    left = (lease_until - now).total_seconds() - SETTLE_SHARE * lease_seconds
    return left if left >= MIN_SEND_SHARE * lease_seconds else None
