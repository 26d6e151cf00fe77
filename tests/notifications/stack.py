"""Notifications as a real process with intake (for contact details), a real SMTP sink, a real
SMS gateway and webhook receiver, and a Kafka producer publishing real envelopes to real topics."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from api_edge.auth import Role
from event_backbone import Envelope

from tests.conftest import Tokens
from tests.e2e.platform import new_seeker, unique_email
from tests.harness import LOG_DIR, ROOT, ServiceProcess, SmtpSink, eventually
from tests.notifications.receivers import HttpRecorder

FAST = {  # days and hours shrunk to seconds, so tests never wait for the clock
    "REIMPIEGO_SEND_LEASE_SECONDS": "3",
    "REIMPIEGO_RETRY_BASE_SECONDS": "0.3",
    "REIMPIEGO_WEBHOOK_RETRY_BASE_SECONDS": "0.3",
    "REIMPIEGO_WEBHOOK_ALLOW_PRIVATE": "true",
    "REIMPIEGO_SCHEDULER_POLL_SECONDS": "0.2",
    "REIMPIEGO_OUTGOING_TIMEOUT_SECONDS": "2",
    "REIMPIEGO_WORKERS_PER_CHANNEL": "2",
}


class UnbufferedProcess(ServiceProcess):
    """A service process with unbuffered output (`python -u`), so its log is complete up to a
    SIGKILL; this also keeps it out of reach of other checkouts' `pkill -f 'python -m svc'`
    clean-ups when several test runs share a machine."""

    def start(self, extra_env: dict[str, str] | None = None) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = (LOG_DIR / f"{self.module}-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", self.module, *self.args, "--port", str(self.port)],
            env={**os.environ, **self.env, **(extra_env or {})},
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        )


@dataclass
class Stack:
    env: dict[str, str]
    intake: ServiceProcess
    notifications: ServiceProcess
    smtp: SmtpSink
    gateway: HttpRecorder
    tokens: Tokens
    producer: AIOKafkaProducer | None = None
    headers: dict[str, str] = field(default_factory=dict)
    receipt_secret: str = ""  # the SMS gateway signs its delivery receipts with it

    @classmethod
    def create(cls, base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens,
               **extra: str) -> Stack:
        suffix = secrets.token_hex(3)
        gateway = HttpRecorder()
        receipt_secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
        env = {**base_env, **FAST, "REIMPIEGO_SMS_RECEIPT_SECRET": receipt_secret, **extra,
               "REIMPIEGO_TOPIC_PREFIX": f"{base_env['REIMPIEGO_TOPIC_PREFIX']}n{suffix}.",
               "REIMPIEGO_INTAKE_DATABASE": f"{base_env['REIMPIEGO_INTAKE_DATABASE']}_n{suffix}",
               "REIMPIEGO_NOTIFICATIONS_DATABASE":
                   f"{base_env['REIMPIEGO_NOTIFICATIONS_DATABASE']}_n{suffix}",
               "REIMPIEGO_SMTP_PORT": str(smtp.port),
               "REIMPIEGO_SMS_GATEWAY_URL": f"{gateway.url}/sms"}
        intake = UnbufferedProcess("intake", env, args=["api"])
        notifications = UnbufferedProcess("notifications", env)
        env["REIMPIEGO_INTAKE_URL"] = intake.url
        env["REIMPIEGO_PUBLIC_URL"] = notifications.url
        return cls(env, intake, notifications, smtp, gateway, tokens,
                   headers=tokens.headers(Role.SUPERVISOR, subject="test-supervisor"),
                   receipt_secret=receipt_secret)

    async def start(self) -> None:
        self.gateway.start()
        self.intake.start()
        self.notifications.start()
        await self.intake.wait_ready()
        await self.notifications.wait_ready()
        self.producer = AIOKafkaProducer(bootstrap_servers=self.env["REIMPIEGO_KAFKA_BOOTSTRAP"])
        await self.producer.start()

    async def stop(self) -> None:
        self.notifications.stop()
        self.intake.stop()
        self.gateway.stop()
        if self.producer:
            await self.producer.stop()

    def client(self, **claims: Any) -> httpx.AsyncClient:
        headers = self.tokens.headers(*claims.pop("roles"), **claims) if claims else self.headers
        return httpx.AsyncClient(base_url=self.notifications.url, headers=headers, timeout=15)

    async def publish(self, topic: str, event_type: str, subject: str, data: dict[str, Any],
                      *, version: int = 1, event_id: str | None = None) -> Envelope:
        envelope = Envelope.build(event_type=event_type, source="/tests", subject=subject,
                                  aggregate_version=version, data=data, event_id=event_id)
        await self.send(topic, envelope)
        return envelope

    async def send(self, topic: str, envelope: Envelope) -> None:
        assert self.producer is not None
        await self.producer.send_and_wait(self.env["REIMPIEGO_TOPIC_PREFIX"] + topic,
                                          envelope.to_bytes(), key=envelope.subject.encode())

    async def new_person(self, **overrides: Any) -> tuple[str, str]:
        """A person registered in intake; returns (seeker id, email)."""
        email = unique_email()
        async with httpx.AsyncClient(base_url=self.intake.url, headers=self.headers,
                                     timeout=15) as intake:
            response = await intake.post("/seekers", json=new_seeker(email, **overrides))
        assert response.status_code == 201, response.text
        return response.json()["id"], email

    async def deliveries(self, **filters: str) -> list[dict[str, Any]]:
        async with self.client() as client:
            response = await client.get("/deliveries", params={**filters, "limit": 200})
        assert response.status_code == 200, response.text
        return response.json()["data"]  # type: ignore[no-any-return]

    async def settled(self, count: int, *, within: float = 30,
                      **filters: str) -> list[dict[str, Any]]:
        """Wait (up to `within` seconds) until `count` deliveries matching `filters` are there."""
        async def probe() -> list[dict[str, Any]] | None:
            found = await self.deliveries(**filters)
            return found if len(found) >= count else None

        return await eventually(probe, timeout=within, what=f"{count} deliveries {filters}")


def now_iso() -> str:
    return datetime.now(UTC).isoformat()
