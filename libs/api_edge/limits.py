"""Abuse resistance at the edge: a request-rate limit per client (429 with Retry-After) and a body
size limit (413). Bulk-import paths stream their bodies and are exempt from the size limit."""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api_edge.problems import PROBLEM_JSON, TYPE_BASE

OPERATIONS_PATHS = ("/healthz", "/readyz", "/metrics")


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """Per-client token buckets, kept in this process (each replica limits on its own)."""

    def __init__(self, per_minute: int, max_clients: int = 50_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}

    def take(self, client: str, now: float | None = None) -> float:
        """0 if the request may go ahead, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(client)
        if bucket is None:
            if len(self._buckets) >= self.max_clients:
                self._buckets.clear()  # bounded memory; a burst of new clients only resets limits
            bucket = self._buckets[client] = _Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate


def _problem(status: int, kind: str, title: str, detail: str, path: str,
             headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"type": f"{TYPE_BASE}{kind}", "title": title, "status": status,
                         "detail": detail, "instance": path},
                        status_code=status, media_type=PROBLEM_JSON, headers=headers)


class LimitsMiddleware:
    def __init__(self, app: ASGIApp, per_minute: int, max_body_bytes: int,
                 streamed_suffixes: tuple[str, ...] = ("/imports", "/rows")) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute)
        self.max_body_bytes = max_body_bytes
        self.streamed_suffixes = streamed_suffixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPERATIONS_PATHS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        path = scope["path"]
        wait = self.buckets.take(_client_key(scope, headers))
        if wait > 0:
            await _problem(429, "rate-limited", "Too many requests",
                           "This client sent too many requests; retry after the delay given.",
                           path, {"Retry-After": str(math.ceil(wait))})(scope, receive, send)
            return
        if path.endswith(self.streamed_suffixes):
            await self.app(scope, receive, send)
            return
        declared = int(headers.get(b"content-length", b"0") or 0)
        if declared > self.max_body_bytes:
            await self._too_large(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _problem(413, "body-too-large", "Request body too large",
                       f"The body must be at most {self.max_body_bytes} bytes.",
                       scope["path"])(scope, receive, send)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.max_body_bytes

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge()
            return message

        return counted


class BodyTooLarge(Exception):
    """A chunked body grew past the limit while being read."""


def _client_key(scope: Scope, headers: dict[bytes, bytes]) -> str:
    """The bearer token when there is one (each credential is a client), else the peer address."""
    authorization = headers.get(b"authorization")
    if authorization:
        return hashlib.sha256(authorization).hexdigest()
    client = scope.get("client")
    return client[0] if client else "unknown"
