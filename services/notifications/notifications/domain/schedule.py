"""Time rules, pure: reminder times, quiet hours, retry backoff with jitter."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def reminder_times(
    starts_at: datetime, offsets_minutes: Iterable[int], now: datetime
) -> list[tuple[int, datetime]]:
    """(offset, when) of each reminder still in the future; a late booking skips the early ones."""
    times = [(m, starts_at - timedelta(minutes=m)) for m in offsets_minutes]
    return [(m, when) for m, when in times if when > now]


def quiet_until(now: datetime, start: time, end: time, zone: ZoneInfo) -> datetime | None:
    """When the quiet hours that contain `now` end, or None outside them. Hours may span
    midnight (21:00–08:00)."""
    local = now.astimezone(zone)
    clock = local.time()
    inside = start <= clock < end if start < end else clock >= start or clock < end
    if not inside:
        return None
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone)


def at_local(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone)


def next_local_hour(now: datetime, hour: int, zone: ZoneInfo) -> datetime:
    """The next time the local clock shows `hour`:00 (a daily job's slot)."""
    local = now.astimezone(zone)
    today = at_local(local.date(), hour, zone)
    return today if today > local else at_local(local.date() + timedelta(days=1), hour, zone)


def backoff_seconds(
    attempt: int, base: float, cap: float, rng: random.Random | None = None
) -> float:
    """Exponential backoff (base · 2^(attempt-1), capped) with ±20 % jitter so that many failed
    messages do not come back at the same instant."""
    delay = min(base * 2 ** max(attempt - 1, 0), cap)
    return delay * (rng or random).uniform(0.8, 1.2)
