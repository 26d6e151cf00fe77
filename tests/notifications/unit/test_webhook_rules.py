"""Standard Webhooks signing and verifying (checked against the specification's published
example) and the address and answer rules."""

from __future__ import annotations

import base64

import pytest
from notifications.domain.webhooks import (
    Outcome,
    is_public,
    new_secret,
    outcome,
    sign,
    verify,
)

EXAMPLE = ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
           b'{"test": 2432232314}')
EXAMPLE_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_signature_matches_the_specification_example() -> None:
    # The example of github.com/standard-webhooks/standard-webhooks (libraries' shared test).
    signature = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                     1614265330, b'{"test": 2432232314}')
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_a_new_secret_is_prefixed_base64_of_32_bytes() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert new_secret() != secret


def test_a_signed_request_verifies_within_the_tolerance_and_among_rotated_signatures() -> None:
    moment = int(EXAMPLE[2])
    assert verify(*EXAMPLE, EXAMPLE_SIGNATURE, now=moment + 299, tolerance_seconds=300)
    assert verify(*EXAMPLE, f"v1,b2xk {EXAMPLE_SIGNATURE}", now=moment, tolerance_seconds=300)


@pytest.mark.parametrize("change", ["body", "id", "stale", "future", "timestamp", "secret",
                                    "signature"])
def test_anything_changed_or_late_does_not_verify(change: str) -> None:
    secret, message_id, timestamp, body = EXAMPLE
    now, signature = float(timestamp), EXAMPLE_SIGNATURE
    if change == "body":
        body = b'{"test": 2432232315}'
    elif change == "id":
        message_id += "x"
    elif change in ("stale", "future"):
        now += 301 if change == "stale" else -301
    elif change == "timestamp":
        timestamp = "not-a-number"
    elif change == "secret":
        secret = "whsec_not base64!"
    else:
        signature = "v1," + "A" * 44
    assert not verify(secret, message_id, timestamp, body, signature, now, 300)


@pytest.mark.parametrize("status,expected", [
    (200, Outcome.DELIVERED), (204, Outcome.DELIVERED), (410, Outcome.GONE),
    (429, Outcome.SLOW_DOWN), (502, Outcome.SLOW_DOWN), (504, Outcome.SLOW_DOWN),
    (500, Outcome.RETRY), (404, Outcome.RETRY), (301, Outcome.RETRY),
])
def test_answers_are_classified(status: int, expected: Outcome) -> None:
    assert outcome(status) is expected


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.8", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1",
])
def test_private_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public(address)
