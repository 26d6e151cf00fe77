"""Posts signed webhooks over httpx, refusing targets that resolve to private networks (checked
when a subscription is made and again before every delivery, since DNS answers change)."""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from notifications.domain import webhooks


class TargetRefused(Exception):
    """The URL is not an acceptable webhook target (scheme, or a private/loopback address)."""


async def check_target(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("the URL must be http(s) with a host name")
    if allow_private:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, parts.port or 443, type=socket.SOCK_STREAM
        )
    except socket.gaierror as error:
        raise TargetRefused(f"the host name does not resolve: {error}") from None
    refused = sorted({str(i[4][0]) for i in infos if not webhooks.is_public(str(i[4][0]))})
    if refused:
        raise TargetRefused(f"the host resolves to non-public addresses {refused}")


@dataclass(frozen=True)
class Answer:
    status: int
    retry_after: float | None


class WebhookClient:
    def __init__(self, http: httpx.AsyncClient, allow_private: bool) -> None:
        self._http = http
        self._allow_private = allow_private

    async def post(self, url: str, secret: str, message_id: str, body: bytes) -> Answer:
        await check_target(url, self._allow_private)
        signed = webhooks.headers(secret, message_id, int(time.time()), body)
        response = await self._http.post(url, content=body, headers=signed)
        return Answer(response.status_code, _seconds(response.headers.get("retry-after")))


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
