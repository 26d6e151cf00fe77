"""Naming of lease generations, when a claim counts as abandoned by a dead worker, and how long
a send may take within the lease of its claim."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notifications.domain.housekeeping import claimed_delivery
from notifications.domain.leases import abandoned, claim_id, send_allowance

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_takeovers_of_a_generation_have_their_own_names_under_the_same_delivery() -> None:
    names = [claim_id("d-1", NOW, takeover) for takeover in range(3)]
    assert names == ["d-1@2026-12-01 09:00:00+00:00", "d-1@2026-12-01 09:00:00+00:00#1",
                     "d-1@2026-12-01 09:00:00+00:00#2"]
    assert {claimed_delivery(name) for name in names} == {"d-1"}


def test_a_claim_is_abandoned_only_after_two_leases() -> None:
    assert not abandoned(NOW - timedelta(seconds=39), NOW, lease_seconds=20)
    assert abandoned(NOW - timedelta(seconds=40), NOW, lease_seconds=20)


def test_a_send_started_at_the_claim_gets_the_lease_less_the_time_to_record_it() -> None:
    assert send_allowance(NOW + timedelta(seconds=20), NOW, lease_seconds=20) == 16


def test_time_spent_since_the_claim_comes_off_the_send() -> None:
    lease_until = NOW + timedelta(seconds=20)
    # 9 s after the claim, 7 s to send and 4 s to record it: all done as the lease ends (16 s
    # counted from the send's start, as before, could end 5 s after another worker claimed it)
    assert send_allowance(lease_until, NOW + timedelta(seconds=9), lease_seconds=20) == 7


def test_a_send_with_too_little_lease_left_is_not_started() -> None:
    lease_until = NOW + timedelta(seconds=20)
    assert send_allowance(lease_until, NOW + timedelta(seconds=14), lease_seconds=20) == 2
    assert send_allowance(lease_until, NOW + timedelta(seconds=14.5), lease_seconds=20) is None
    assert send_allowance(lease_until, NOW + timedelta(seconds=25), lease_seconds=20) is None
