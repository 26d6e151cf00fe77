"""Helpers for intake API tests: one real intake process on its own database and topics, an HTTP
client with a bearer token, and dates that fall on a given weekday in Europe/Rome."""

from __future__ import annotations

import json
import secrets
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.e2e.kafka_reader import read_topic
from tests.e2e.platform import new_seeker, unique_email
from tests.harness import ServiceProcess, eventually

ROME = ZoneInfo("Europe/Rome")
MODENA, MILANO, COLLEGNO = "036023", "015146", "001090"
MODENA_HOURS = {
    day: [{"opens": "10:00", "closes": "13:30"}]
    for day in ("monday", "tuesday", "wednesday", "friday")
} | {"thursday": [{"opens": "13:00", "closes": "17:00"}]}


def intake_process(base_env: dict[str, str]) -> ServiceProcess:
    """An intake API with a database and topic prefix of its own."""
    suffix = secrets.token_hex(3)
    env = {**base_env,
           "REIMPIEGO_TOPIC_PREFIX": f"{base_env['REIMPIEGO_TOPIC_PREFIX']}{suffix}.",
           "REIMPIEGO_INTAKE_DATABASE": f"{base_env['REIMPIEGO_INTAKE_DATABASE']}_{suffix}"}
    return ServiceProcess("intake", env, args=["api"])


def client(
    process: ServiceProcess, tokens: Tokens, *roles: Role, **claims: Any
) -> httpx.AsyncClient:
    headers = tokens.headers(*(roles or (Role.SUPERVISOR,)), **claims)
    return httpx.AsyncClient(base_url=process.url, headers=headers, timeout=20)


async def created(api: httpx.AsyncClient, path: str, body: dict[str, Any],
                  key: str | None = None) -> dict[str, Any]:
    headers = {"Idempotency-Key": key} if key else {}
    response = await api.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == '"1"'
    return response.json()  # type: ignore[no-any-return]


async def new_person(api: httpx.AsyncClient) -> str:
    return str((await created(api, "/seekers", new_seeker(unique_email())))["id"])


def fields(problem: httpx.Response) -> dict[str, str]:
    """field -> reason of a problem+json answer."""
    assert problem.headers["content-type"].startswith("application/problem+json"), problem.text
    return {e["field"]: e["reason"] for e in problem.json().get("errors", [])}


def next_weekday(weekday: int, weeks_ahead: int = 2) -> date:
    """A date on `weekday` (0 = Monday) at least `weeks_ahead` weeks from today."""
    start = date.today() + timedelta(weeks=weeks_ahead)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), ROME).isoformat()


async def events_on(process: ServiceProcess, topic: str, subject: str,
                    count: int) -> list[dict[str, Any]]:
    """The distinct envelopes published for `subject`, once there are at least `count`."""
    physical = process.env["REIMPIEGO_TOPIC_PREFIX"] + topic

    async def probe() -> list[dict[str, Any]] | None:
        records = await read_topic(physical)
        mine: dict[str, dict[str, Any]] = {}  # at-least-once: a republished event keeps its id
        for record in records:
            if record.key == subject.encode():
                envelope = json.loads(record.value)
                mine.setdefault(envelope["id"], envelope)
        return list(mine.values()) if len(mine) >= count else None

    return await eventually(probe, what=f"{count} events for {subject} on {topic}")

