"""Real HTTP servers a test starts on loopback: an SMS gateway and webhook receivers that record
every request and answer with a scripted sequence of statuses and a fresh message id, as an SMS
gateway does; and the gateway's signed delivery receipts (Standard Webhooks), signed here by
hand from the specification rather than with the service's own code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    at: float  # time.monotonic() when it arrived
    answered_id: str  # the message id the gateway gave back

    def json(self) -> Any:
        return json.loads(self.body)


class HttpRecorder:
    """Answers the next scripted status for each request to a path (200 once the script ends)."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self._scripts: dict[str, list[int]] = {}
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                status = recorder._next_status(self.path)
                answered_id = f"gw-{secrets.token_hex(6)}"
                with recorder._lock:
                    recorder.requests.append(Received(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, body, status,
                        time.monotonic(), answered_id))
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"id": answered_id}).encode())

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _next_status(self, path: str) -> int:
        with self._lock:
            script = self._scripts.get(path, [])
            return script.pop(0) if script else 200

    def script(self, path: str, statuses: list[int]) -> None:
        with self._lock:
            self._scripts[path] = list(statuses)

    def to(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def signed_receipt(secret: str, receipt: dict[str, Any], *, at: float | None = None,
                   message_id: str | None = None) -> tuple[bytes, dict[str, str]]:
    """A delivery receipt as the gateway posts it: body and Standard Webhooks headers."""
    body = json.dumps(receipt).encode()
    webhook_id = message_id or f"msg_{secrets.token_hex(8)}"
    timestamp = str(int(at if at is not None else time.time()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return body, {"webhook-id": webhook_id, "webhook-timestamp": timestamp,
                  "webhook-signature": "v1," + base64.b64encode(mac).decode(),
                  "content-type": "application/json"}
