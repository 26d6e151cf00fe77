"""Idempotency-Key on POST: the same key and body returns the first result; the same key with a
different body is a 422. Create routes derive the new resource's id from the key, so a request
replayed after a crash between the write and the stored response finds the resource it made."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api_edge.problems import PROBLEM_JSON, TYPE_BASE

HEADER = "idempotency-key"
MAX_BUFFERED_BODY = 1024 * 1024  # larger bodies (bulk imports) stream through untouched
LEASE = timedelta(seconds=60)
KEY_NAMESPACE = uuid.UUID("9c7d3b1e-2f4a-4e8b-a6d5-0b1c2d3e4f50")
KEPT_HEADERS = ("content-type", "location", "etag")


def new_resource_id(request: Request) -> str:
    """The id of the resource a POST creates: derived from its Idempotency-Key when there is one."""
    key = getattr(request.state, "idempotency_key", None)
    if key is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(KEY_NAMESPACE, f"{request.url.path}:{key}"))


class MongoIdempotencyStore:
    def __init__(self, collection: AsyncCollection) -> None:
        self.collection = collection

    async def claim(self, record_id: str, fingerprint: str) -> dict[str, Any] | None:
        """None if this request may proceed; otherwise the stored record to answer from."""
        now = datetime.now(UTC)
        try:
            await self.collection.insert_one({"_id": record_id, "fingerprint": fingerprint,
                                              "state": "in_progress", "locked_until": now + LEASE})
            return None
        except DuplicateKeyError:
            pass
        taken = await self.collection.find_one_and_update(  # an abandoned claim: take it over
            {"_id": record_id, "fingerprint": fingerprint, "state": "in_progress",
             "locked_until": {"$lt": now}},
            {"$set": {"locked_until": now + LEASE}},
        )
        if taken is not None:
            return None
        return await self.collection.find_one({"_id": record_id})

    async def complete(self, record_id: str, status: int, headers: dict[str, str],
                       body: bytes) -> None:
        await self.collection.update_one(
            {"_id": record_id},
            {"$set": {"state": "completed", "status": status, "headers": headers, "body": body,
                      "completed_at": datetime.now(UTC)}},
        )

    async def release(self, record_id: str) -> None:
        await self.collection.delete_one({"_id": record_id, "state": "in_progress"})


def _problem(status: int, kind: str, title: str, detail: str, path: str) -> Response:
    return JSONResponse({"type": f"{TYPE_BASE}{kind}", "title": title, "status": status,
                         "detail": detail, "instance": path,
                         "errors": [{"pointer": "/header/Idempotency-Key",
                                     "field": "Idempotency-Key", "reason": detail}]},
                        status_code=status, media_type=PROBLEM_JSON)


class IdempotencyMiddleware:
    """Needs `app.state.idempotency` (a MongoIdempotencyStore), set in the service's lifespan."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        key = headers.get(HEADER.encode(), b"").decode()
        length = int(headers.get(b"content-length", b"0") or 0)
        if (scope["type"] != "http" or scope["method"] != "POST" or not key
                or length > MAX_BUFFERED_BODY):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if len(key) > 255:
            await _problem(422, "invalid-idempotency-key", "Invalid Idempotency-Key",
                           "is longer than 255 characters", path)(scope, receive, send)
            return
        body = await _read_body(receive)
        store: MongoIdempotencyStore = scope["app"].state.idempotency
        record_id = hashlib.sha256(f"{path}\0{key}".encode()).hexdigest()
        fingerprint = hashlib.sha256(body).hexdigest()
        stored = await store.claim(record_id, fingerprint)
        if stored is not None:
            await _answer_from(stored, fingerprint, path)(scope, receive, send)
            return
        scope.setdefault("state", {})["idempotency_key"] = key
        await self._run_and_store(scope, body, send, store, record_id)

    async def _run_and_store(self, scope: Scope, body: bytes, send: Send,
                             store: MongoIdempotencyStore, record_id: str) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        delivered = False

        async def replay_body() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        last: list[Message] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    last.append(message)  # held until the record is stored (see below)
                    return
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        except BaseException:
            await store.release(record_id)
            raise
        status = int(start.get("status", 500))
        if status >= 500:
            await store.release(record_id)  # a server error may be retried with the same key
        else:
            kept = {k.decode(): v.decode() for k, v in start.get("headers", [])
                    if k.decode().lower() in KEPT_HEADERS}
            await store.complete(record_id, status, kept, b"".join(chunks))
        # The response ends only now: a client replaying as soon as it has the answer finds the
        # stored result, not a request "in progress".
        for message in last:
            await send(message)


async def _read_body(receive: Receive) -> bytes:
    parts = []
    while True:
        message = await receive()
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(parts)


def _answer_from(stored: dict[str, Any], fingerprint: str, path: str) -> Response:
    if stored["fingerprint"] != fingerprint:
        return _problem(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "was already used with a different request body", path)
    if stored["state"] != "completed":
        return _problem(409, "idempotency-key-in-progress", "Request in progress",
                        "a request with this key is still being processed; retry shortly", path)
    response = Response(content=bytes(stored["body"]), status_code=stored["status"],
                        headers={**stored["headers"], "idempotent-replayed": "true"})
    return response
