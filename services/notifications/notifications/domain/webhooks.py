"""Standard Webhooks (standardwebhooks.com), pure: secrets, signatures, what an answer means,
and which target addresses are acceptable."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from enum import StrEnum

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's decoded bytes."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(secret: str, message_id: str, timestamp: str, body: bytes, signatures: str,
           now: float, tolerance_seconds: float) -> bool:
    """A signed request from a partner (the SMS gateway's receipts): one of the space-separated
    `v1,<signature>` matches, and the timestamp is close to `now`, so a captured request cannot
    be replayed later."""
    try:
        moment = int(timestamp)
        expected = sign(secret, message_id, moment, body)
    except ValueError:  # not a number, or a secret that is not base64
        return False
    if abs(now - moment) > tolerance_seconds:
        return False
    return any(hmac.compare_digest(expected.encode(), given.encode())
               for given in signatures.split())


def headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
        "content-type": "application/json",
    }


class Outcome(StrEnum):
    DELIVERED = "delivered"
    GONE = "gone"  # 410: the receiver asks us to stop; the endpoint is disabled
    SLOW_DOWN = "slow_down"  # 429/502/504: back off longer, and hold the endpoint's other messages
    RETRY = "retry"


def outcome(status: int) -> Outcome:
    if 200 <= status < 300:
        return Outcome.DELIVERED
    if status == 410:
        return Outcome.GONE
    if status in (429, 502, 503, 504):
        return Outcome.SLOW_DOWN
    return Outcome.RETRY


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, shared (CGNAT), multicast, reserved and unspecified
    addresses (IPv4-mapped IPv6 included): a webhook must not reach into our own networks."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
