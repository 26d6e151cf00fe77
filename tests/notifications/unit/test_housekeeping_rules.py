"""Which claims and queue entries the clean-up may forget: only those of settled messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notifications.domain.housekeeping import claimed_delivery, leftover_entries, releasable_claims

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_claim_names_its_delivery_before_the_lease_generation() -> None:
    assert claimed_delivery("0e0c7a3e-3f8e@2026-11-01 10:00:00.123000+00:00") == "0e0c7a3e-3f8e"


def test_claims_of_settled_or_vanished_messages_go_and_those_in_flight_stay() -> None:
    states = {"a": "sent", "b": "delivered", "c": "suppressed", "d": "failed",
              "e": "sending", "f": "queued", "g": "scheduled"}
    claims = [f"{delivery}@t1" for delivery in [*states, "vanished"]]
    assert releasable_claims(claims, states) == ["a@t1", "b@t1", "c@t1", "d@t1", "vanished@t1"]


def test_queue_entries_of_settled_messages_go_once_no_sender_holds_them() -> None:
    entries = [{"_id": "settled", "lease_until": NOW - timedelta(seconds=1)},
               {"_id": "held", "lease_until": NOW + timedelta(seconds=20)},
               {"_id": "waiting", "lease_until": NOW}]
    states = {"settled": "suppressed", "held": "sent", "waiting": "scheduled"}
    assert [e["_id"] for e in leftover_entries(entries, states, NOW)] == ["settled"]
