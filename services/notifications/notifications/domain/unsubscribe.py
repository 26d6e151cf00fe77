"""Unsubscribe links: a signed token naming the person and the kind, so the link works without a
login and cannot be forged for someone else."""

from __future__ import annotations

import base64
import hashlib
import hmac


def _mac(secret: bytes, payload: bytes) -> str:
    digest = hmac.new(secret, payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def make_token(secret: bytes, seeker_id: str, kind: str) -> str:
    payload = f"{seeker_id}:{kind}".encode()
    encoded = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{encoded}.{_mac(secret, payload)}"


def read_token(secret: bytes, token: str) -> tuple[str, str] | None:
    """(seeker_id, kind), or None when the token was not made by us."""
    encoded, _, mac = token.partition(".")
    try:
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError:
        return None
    if not hmac.compare_digest(mac.encode(), _mac(secret, payload).encode()):  # any input
        return None
    seeker_id, _, kind = payload.decode(errors="replace").rpartition(":")
    return (seeker_id, kind) if seeker_id and kind else None
