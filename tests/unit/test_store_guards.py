"""The guard check used where the store does not apply guarded updates by index."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from event_backbone.store import satisfies

SENT_AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
MESSAGE = {"_id": "m1", "state": "queued", "lease_owner": "w1", "lease_until": SENT_AT}


@pytest.mark.parametrize("guard", [
    {},
    {"lease_owner": "w1"},
    {"lease_until": SENT_AT},
    {"state": {"$in": ["queued", "scheduled"]}, "lease_owner": "w1"},
    {"state": {"$ne": "sent"}},
    {"missing": None},
])
def test_a_document_meeting_every_condition_satisfies_the_guard(guard: dict) -> None:
    assert satisfies(MESSAGE, guard)


@pytest.mark.parametrize("guard", [
    {"lease_owner": "w2"},
    {"state": {"$in": ["sending"]}},
    {"state": {"$ne": "queued"}},
    {"state": {"$in": ["queued"]}, "lease_owner": None},
])
def test_one_failing_condition_fails_the_guard(guard: dict) -> None:
    assert not satisfies(MESSAGE, guard)


def test_an_operator_the_check_does_not_know_is_refused_rather_than_ignored() -> None:
    with pytest.raises(ValueError, match=r"\$gt"):
        satisfies(MESSAGE, {"attempts": {"$gt": 1}})
