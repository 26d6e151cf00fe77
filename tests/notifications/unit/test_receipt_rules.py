"""A gateway's receipt moves a handed-over SMS forward once, never back or sideways."""

from __future__ import annotations

import pytest
from notifications.domain.receipts import Effect, effect


@pytest.mark.parametrize("state", ["sent", "sending"])
@pytest.mark.parametrize("outcome", ["delivered", "failed"])
def test_a_message_handed_over_takes_the_receipts_outcome(state: str, outcome: str) -> None:
    assert effect(state, outcome) is Effect.APPLY


@pytest.mark.parametrize("outcome", ["delivered", "failed"])
def test_the_same_receipt_again_changes_nothing(outcome: str) -> None:
    assert effect(outcome, outcome) is Effect.ALREADY


@pytest.mark.parametrize("state,outcome", [
    ("delivered", "failed"), ("failed", "delivered"), ("queued", "delivered"),
    ("scheduled", "failed"), ("suppressed", "delivered"),
])
def test_a_receipt_cannot_change_a_settled_or_unsent_message(state: str, outcome: str) -> None:
    assert effect(state, outcome) is Effect.CONFLICT
