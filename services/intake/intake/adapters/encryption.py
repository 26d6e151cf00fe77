"""Encryption at rest for special-category data (GDPR art. 9): Fernet (AES-128-CBC + HMAC-SHA256)
from `cryptography`, with MultiFernet so keys can be rotated without re-encrypting at once."""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class UnreadableSecret(Exception):
    """No configured key decrypts this value (a key was removed, or the data was tampered with)."""


class Cipher:
    def __init__(self, keys: str) -> None:
        self._fernet = MultiFernet(
            [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])

    def seal(self, value: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(value, sort_keys=True).encode())

    def open(self, token: bytes) -> dict[str, Any]:
        try:
            return json.loads(self._fernet.decrypt(bytes(token)))  # type: ignore[no-any-return]
        except InvalidToken:
            raise UnreadableSecret() from None
