"""Time rules: reminders, quiet hours, daily slots and the webhook retry schedule."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notifications.domain.schedule import (
    backoff_seconds,
    next_local_hour,
    quiet_until,
    reminder_times,
)

ROME = ZoneInfo("Europe/Rome")


def _rome(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ROME)


def test_reminders_already_past_are_not_planned() -> None:
    now = _rome(9)
    starts = _rome(12)
    assert reminder_times(starts, [24 * 60, 120], now) == [(120, _rome(10))]


def test_quiet_hours_over_midnight_end_the_next_morning() -> None:
    until = quiet_until(_rome(23, 30), time(21), time(8), ROME)
    assert until == _rome(8, day=11)
    assert quiet_until(_rome(6), time(21), time(8), ROME) == _rome(8)


def test_outside_quiet_hours_nothing_waits() -> None:
    assert quiet_until(_rome(12), time(21), time(8), ROME) is None
    assert quiet_until(_rome(12), time(13), time(15), ROME) is None
    assert quiet_until(_rome(14), time(13), time(15), ROME) == _rome(15)


def test_quiet_hours_are_read_in_local_time_whatever_the_clock_zone() -> None:
    utc_evening = datetime(2026, 12, 10, 21, 30, tzinfo=UTC)  # 22:30 in Rome
    assert quiet_until(utc_evening, time(22), time(7), ROME) == _rome(7, day=11)


def test_the_daily_slot_is_today_before_the_hour_and_tomorrow_after() -> None:
    assert next_local_hour(_rome(7), 8, ROME) == _rome(8)
    assert next_local_hour(_rome(9), 8, ROME) == _rome(8, day=11)


def test_webhook_retries_span_about_three_days() -> None:
    rng = random.Random(7)
    delays = [backoff_seconds(n, 5, 12 * 3600, rng) for n in range(1, 19)]  # 18 retries
    total = timedelta(seconds=sum(delays))
    assert timedelta(days=2.5) < total < timedelta(days=3.5)
    assert delays[0] < 10 and max(delays) <= 12 * 3600 * 1.2


def test_backoff_grows_and_is_jittered() -> None:
    rng = random.Random(1)
    first, second, third = (backoff_seconds(n, 10, 1000, rng) for n in (1, 2, 3))
    assert 8 <= first <= 12 and 16 <= second <= 24 and 32 <= third <= 48
    assert len({backoff_seconds(3, 10, 1000, rng) for _ in range(5)}) > 1
