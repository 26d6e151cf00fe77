"""The per-client rate limit refills over time and says how long to wait."""

from api_edge.limits import TokenBuckets


def test_a_client_within_its_budget_is_never_held_back() -> None:
    buckets = TokenBuckets(per_minute=60)
    assert [buckets.take("a", now=0.0) for _ in range(60)] == [0.0] * 60


def test_a_client_over_its_budget_waits_and_others_are_not_affected() -> None:
    buckets = TokenBuckets(per_minute=60)
    for _ in range(60):
        buckets.take("a", now=0.0)
    assert buckets.take("a", now=0.0) == 1.0
    assert buckets.take("b", now=0.0) == 0.0


def test_the_budget_refills_with_time() -> None:
    buckets = TokenBuckets(per_minute=60)
    for _ in range(61):
        buckets.take("a", now=0.0)
    assert buckets.take("a", now=2.0) == 0.0
