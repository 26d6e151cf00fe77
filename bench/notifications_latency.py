"""End-to-end latency of a message: `.venv/bin/python bench/notifications_latency.py
[--path appointment|match] [--events 1000] [--rate 5]`.

Starts intake, matching and notifications as real processes against the running Kafka and
FerretDB (scripts/servers start), with a real SMTP server (aiosmtpd) on loopback, then times, for
each of `--events` people, one intake POST until its email arrives at the SMTP server:
- `appointment` (default): POST /appointments → appointment.scheduled → notifications → the
  confirmation email (intake, its outbox relay, Kafka, notifications, intake's contact API, SMTP);
- `match`: POST /seekers for a person who fits a published vacancy → seeker.registered →
  matching → match.proposed → notifications → the proposal email (adds matching's work).
POSTs are paced at `--rate` a second. The time is split where notifications stored the message
(its delivery's `created_at`); the baseline, measured in the same run, is the POST's own answer
time (what the operator waits for), so the table says how much later the person is told.
Progress is printed every 10 s. Not part of the test suite."""

from __future__ import annotations

import argparse
import asyncio
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "libs")]

import httpx  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from api_edge.dev_tokens import DevIssuer  # noqa: E402
from cryptography.fernet import Fernet  # noqa: E402
from pymongo import AsyncMongoClient  # noqa: E402
from stdnum import luhn  # noqa: E402

from tests.conftest import KAFKA, MONGO  # noqa: E402
from tests.e2e.platform import new_seeker, new_vacancy  # noqa: E402
from tests.harness import ServiceProcess, free_port  # noqa: E402
from tests.notifications.stack import UnbufferedProcess  # noqa: E402


class Arrivals:
    """aiosmtpd handler noting when each recipient's message arrived (wall clock)."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        for recipient in envelope.rcpt_tos:
            self.at.setdefault(recipient, time.time())
        return "250 OK"


def partita_iva() -> str:
    """A valid, random partita IVA (seven digits, a province office code, a Luhn check)."""
    body = f"{secrets.randbelow(10**7):07d}015"
    return body + luhn.calc_check_digit(body)


def environment(smtp_port: int, issuer: DevIssuer) -> dict[str, str]:
    run = secrets.token_hex(4)
    return {
        "REIMPIEGO_ENVIRONMENT": "test", "REIMPIEGO_KAFKA_BOOTSTRAP": KAFKA,
        "REIMPIEGO_MONGO_URI": MONGO, "REIMPIEGO_TOPIC_PREFIX": f"bench{run}.",
        "REIMPIEGO_JWKS_PATH": str(issuer.jwks_path),
        "REIMPIEGO_SERVICE_TOKEN": issuer.issue(["system"], subject="notifications"),
        "REIMPIEGO_INTAKE_DATABASE": f"bench{run}_intake",
        "REIMPIEGO_MATCHING_DATABASE": f"bench{run}_matching",
        "REIMPIEGO_NOTIFICATIONS_DATABASE": f"bench{run}_notifications",
        "REIMPIEGO_RELAY_POLL_SECONDS": "0.2", "REIMPIEGO_SMTP_PORT": str(smtp_port),
        "REIMPIEGO_RATE_LIMIT_PER_MINUTE": "1000000", "REIMPIEGO_LOG_LEVEL": "WARNING",
        "REIMPIEGO_SPECIAL_CATEGORY_KEYS": Fernet.generate_key().decode(),
    }


async def register(client: httpx.AsyncClient, count: int, rate: float) -> dict[str, tuple]:
    """POST `count` people paced at `rate`/s; email → (seeker id, when the POST started, how
    long its answer took)."""
    posted: dict[str, tuple] = {}
    started = time.monotonic()
    in_flight = asyncio.Semaphore(20)  # an overloaded intake slows the pace instead of timing out

    async def one(index: int) -> None:
        await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
        email = f"bench-{secrets.token_hex(5)}@example.org"
        async with in_flight:
            at = time.time()
            response = await client.post("/seekers", json=new_seeker(email))
        assert response.status_code == 201, response.text
        posted[email] = (response.json()["id"], at, time.time() - at)

    await asyncio.gather(*(one(i) for i in range(count)))
    return posted


async def wait_for(arrivals: Arrivals, emails: set[str], seconds: float) -> None:
    # The SMTP server runs its own loop in its own thread: polling is the simple bridge.
    deadline = time.monotonic() + seconds
    report_at = time.monotonic() + 10
    while time.monotonic() < deadline and not emails <= arrivals.at.keys():  # noqa: ASYNC110
        await asyncio.sleep(0.2)
        if time.monotonic() >= report_at:
            print(f"  … {len(emails & arrivals.at.keys())} / {len(emails)} emails at the SMTP "
                  "server", flush=True)
            report_at += 10


async def created_at(client: httpx.AsyncClient, kind: str) -> dict[str, float]:
    """seeker id → when notifications stored its message of `kind`."""
    found: dict[str, float] = {}
    offset = 0
    while True:
        page = (await client.get("/deliveries", params={
            "kind": kind, "limit": 200, "offset": offset})).json()
        for d in page["data"]:
            found[d["recipient_id"]] = datetime.fromisoformat(d["created_at"]).timestamp()
        offset += 200
        if offset >= page["count"]:
            return found


def row(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (f"| {name:<36} | {len(ordered):>6} | {statistics.median(ordered) * 1000:>9.0f} | "
            f"{p95 * 1000:>9.0f} | {ordered[-1] * 1000:>9.0f} |")


async def prepare_office(client: httpx.AsyncClient) -> tuple[str, list[str]]:
    """An office open every day 08:00-20:00 with 100 operators (one slot each per quarter)."""
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    operators = [f"op-{n:03d}" for n in range(100)]
    office = await client.post("/offices", json={
        "name": "CPI Bench", "municipality": "036023",
        "opening_hours": {d: [{"opens": "08:00", "closes": "20:00"}] for d in days},
        "operators": [{"operator_id": o, "name": o} for o in operators]})
    assert office.status_code == 201, office.text
    return office.json()["id"], operators


async def consumed(client: httpx.AsyncClient, url: str, event_type: str, count: int) -> None:
    """Wait until notifications has handled `count` events of a type (its /metrics), so the
    timed phase does not queue behind the untimed one."""
    pattern = re.compile(rf'reimpiego_events_consumed_total{{[^}}]*type="{event_type}"}} (\S+)')
    while True:
        found = pattern.findall((await client.get(f"{url}/metrics")).text)
        if sum(float(v) for v in found) >= count:
            return
        await asyncio.sleep(0.5)


async def book(client: httpx.AsyncClient, count: int, rate: float,
               notifications_url: str) -> dict[str, tuple]:
    """Register `count` people (untimed), then book each an appointment (timed), paced."""
    office_id, operators = await prepare_office(client)
    people = await register(client, count, rate * 2)
    await consumed(client, notifications_url, "seeker.registered.v1", count)
    day = (datetime.now(ZoneInfo("Europe/Rome")) + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0)
    started, posted = time.monotonic(), {}

    async def one(index: int, email: str, seeker_id: str) -> None:
        await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
        starts = day + timedelta(minutes=15 * (index // len(operators)))
        at = time.time()
        response = await client.post("/appointments", json={
            "seeker_id": seeker_id, "office_id": office_id,
            "operator_id": operators[index % len(operators)], "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(minutes=15)).isoformat()})
        assert response.status_code == 201, response.text
        posted[email] = (seeker_id, at, time.time() - at)
        if len(posted) % 100 == 0:
            print(f"  … {len(posted)} / {count} appointments booked", flush=True)

    await asyncio.gather(*(one(i, e, p[0]) for i, (e, p) in enumerate(people.items())))
    return posted


async def measure(args: argparse.Namespace, services: list[ServiceProcess], arrivals: Arrivals,
                  headers: dict[str, str]) -> None:
    intake, _, notifications = services
    kind = "appointment_confirmed" if args.path == "appointment" else "match_proposed"
    async with httpx.AsyncClient(base_url=intake.url, headers=headers, timeout=120) as client:
        began = time.monotonic()
        if args.path == "appointment":
            posted = await book(client, args.events, args.rate, notifications.url)
        else:
            await publish_vacancy(client)
            warm = await register(client, 5, 5)
            await wait_for(arrivals, set(warm), 120)
            began = time.monotonic()
            posted = await register(client, args.events, args.rate)
        await wait_for(arrivals, set(posted), args.timeout)
        elapsed = time.monotonic() - began
    async with httpx.AsyncClient(base_url=notifications.url, headers=headers,
                                 timeout=60) as client:
        stored = await created_at(client, kind)
    report(args, posted, arrivals, stored, elapsed)


async def publish_vacancy(client: httpx.AsyncClient) -> None:
    employer = await client.post("/employers", json={
        "name": "Bench S.r.l.", "vat_number": partita_iva(), "sector_ateco": "52.10",
        "municipality": "036023", "size": "medium"})
    assert employer.status_code == 201, employer.text
    vacancy = await client.post("/vacancies", json=new_vacancy(employer_id=employer.json()["id"]))
    assert vacancy.status_code == 201, vacancy.text


def report(args: argparse.Namespace, posted: dict[str, tuple], arrivals: Arrivals,
           stored: dict[str, float], elapsed: float) -> None:
    arrived = [e for e in posted if e in arrivals.at]
    total = [arrivals.at[e] - posted[e][1] for e in arrived]
    upstream = [stored[posted[e][0]] - posted[e][1] for e in arrived if posted[e][0] in stored]
    sending = [arrivals.at[e] - stored[posted[e][0]] for e in arrived if posted[e][0] in stored]
    print(f"\npath {args.path}: {len(arrived)}/{len(posted)} emails arrived; {args.rate}/s "
          f"offered over {elapsed:.0f} s\n")
    print("| segment                              | events |  p50 (ms) |  p95 (ms) |  max (ms) |")
    print("|--------------------------------------|-------:|----------:|----------:|----------:|")
    print(row("intake POST → email at SMTP server", total))
    print(row("POST → message stored", upstream))
    print(row("message stored → email at SMTP", sending))
    answered = [posted[e][2] for e in arrived]
    print(row("baseline: the POST's own answer", answered))
    print(f"\nemail at the SMTP server / the POST's answer, at p50: "
          f"{statistics.median(total) / statistics.median(answered):.1f}x")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--path", choices=["appointment", "match"], default="appointment")
    parser.add_argument("--rate", type=float, default=5.0, help="timed POSTs per second")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    arrivals = Arrivals()
    smtp = Controller(arrivals, hostname="127.0.0.1", port=free_port())
    smtp.start()
    issuer = DevIssuer(Path(tempfile.mkdtemp(prefix="bench-auth-")))
    env = environment(smtp.port, issuer)
    intake = UnbufferedProcess("intake", env, args=["api"])
    env["REIMPIEGO_INTAKE_URL"] = intake.url
    services = [intake, UnbufferedProcess("matching", env),
                UnbufferedProcess("notifications", env)]
    try:
        for service in services:
            service.start()
        for service in services:
            await service.wait_ready()
        await measure(args, services, arrivals, {
            "Authorization": f"Bearer {issuer.issue(['supervisor'], subject='bench')}"})
    finally:
        for service in services:
            service.stop()
        smtp.stop()
        await drop_databases(env)


async def drop_databases(env: dict[str, str]) -> None:
    """The run's own databases go: a benchmark leaves nothing behind."""
    mongo: AsyncMongoClient = AsyncMongoClient(MONGO)
    for name in ("INTAKE", "MATCHING", "NOTIFICATIONS"):
        await mongo.drop_database(env[f"REIMPIEGO_{name}_DATABASE"])
    await mongo.close()


if __name__ == "__main__":
    asyncio.run(main())
