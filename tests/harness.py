"""Real processes and real servers for tests: service subprocesses, an SMTP sink, polling."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage as Message
from pathlib import Path
from typing import Any, TypeVar

import httpx
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
LOG_DIR = ROOT / ".local" / "log" / "tests"
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def eventually(
    probe: Callable[[], Awaitable[T | None]], *, timeout: float = 30, what: str = "condition"
) -> T:
    """Poll `probe` until it returns something truthy, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    last: Any = None
    while time.monotonic() < deadline:
        last = await probe()
        if last:
            return last
        await asyncio.sleep(delay)
        delay = min(delay * 1.5, 0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; last value: {last!r}")


@dataclass
class ServiceProcess:
    """One service run as `python -m <module>` on its own port, as in production."""

    module: str
    env: dict[str, str]
    args: list[str] = field(default_factory=list)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, extra_env: dict[str, str] | None = None) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = (LOG_DIR / f"{self.module}-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.module, *self.args, "--port", str(self.port)],
            env={**os.environ, **self.env, **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )

    async def wait_ready(self, timeout: float = 60) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=5) as client:

            async def ready() -> bool:
                assert self.process is not None
                if self.process.poll() is not None:
                    raise AssertionError(f"{self.module} exited with {self.process.returncode}")
                try:
                    return (await client.get("/readyz")).status_code == 200
                except httpx.TransportError:
                    return False

            await eventually(ready, timeout=timeout, what=f"{self.module} ready")

    async def wait_exit(self, timeout: float = 60) -> int:
        assert self.process is not None
        process = self.process

        async def exited() -> int | None:
            return process.poll()

        await eventually(exited, timeout=timeout, what=f"{self.module} to exit")
        return process.returncode

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


class _Collector:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(
            message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        )
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message it accepts."""

    def __init__(self) -> None:
        self.port = free_port()
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[Message]:
        return self._collector.messages

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()
