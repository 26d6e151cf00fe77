"""Send leases, pure. A lease generation is won by inserting a claim under a unique id naming it
(FerretDB does not isolate concurrent updates); a worker that dies between that insert and
taking its lease leaves the generation blocked, so once that claim is clearly abandoned the next
worker claims a fresh one, again by unique insert, rather than waiting for ever."""

from __future__ import annotations

from datetime import datetime, timedelta

ABANDONED_AFTER_LEASES = 2


def claim_id(delivery_id: str, generation: datetime, takeover: int = 0) -> str:
    """`<delivery id>@<lease generation>`, suffixed `#1`, `#2`... for each takeover of it."""
    name = f"{delivery_id}@{generation}"
    return f"{name}#{takeover}" if takeover else name


def abandoned(claimed_at: datetime, now: datetime, lease_seconds: float) -> bool:
    """A live claimer takes its lease moments after claiming, and gives the claim up unless the
    generation is still unchanged then; after two leases its worker is presumed dead."""
    return now - claimed_at >= timedelta(seconds=ABANDONED_AFTER_LEASES * lease_seconds)
