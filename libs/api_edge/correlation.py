"""Take the caller's X-Correlation-ID (or make one) so logs and events of a request share it."""

from __future__ import annotations

import uuid

from event_backbone.observability import correlation_id
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "x-correlation-id"


class CorrelationMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = dict(scope["headers"]).get(HEADER.encode(), b"").decode()[:128]
        value = supplied or str(uuid.uuid4())
        token = correlation_id.set(value)

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((HEADER.encode(), value.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_header)
        finally:
            correlation_id.reset(token)
