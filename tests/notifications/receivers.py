"""Real HTTP servers a test starts on loopback: an SMS gateway and webhook receivers that record
every request and answer with a scripted sequence of statuses."""

from __future__ import annotations

import json
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
                with recorder._lock:
                    recorder.requests.append(Received(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, body, status,
                        time.monotonic()))
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": "gw-1"}')

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
