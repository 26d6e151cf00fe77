"""Naming of lease generations and when a claim counts as abandoned by a dead worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notifications.domain.housekeeping import claimed_delivery
from notifications.domain.leases import abandoned, claim_id

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_takeovers_of_a_generation_have_their_own_names_under_the_same_delivery() -> None:
    names = [claim_id("d-1", NOW, takeover) for takeover in range(3)]
    assert names == ["d-1@2026-12-01 09:00:00+00:00", "d-1@2026-12-01 09:00:00+00:00#1",
                     "d-1@2026-12-01 09:00:00+00:00#2"]
    assert {claimed_delivery(name) for name in names} == {"d-1"}


def test_a_claim_is_abandoned_only_after_two_leases() -> None:
    assert not abandoned(NOW - timedelta(seconds=39), NOW, lease_seconds=20)
    assert abandoned(NOW - timedelta(seconds=40), NOW, lease_seconds=20)
