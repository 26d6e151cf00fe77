"""Bulk import of people through intake's real HTTP endpoint: rows/s and the intake process's peak
memory, against a baseline of posting people one by one, in the same run.

Usage: .venv/bin/python bench/intake_import.py [--rows 100000] [--baseline 300] [--batch 500]
Needs Kafka and FerretDB running (scripts/servers start). Uses a throwaway database and topic
prefix and drops the database afterwards (--keep to keep it).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import itertools
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
from api_edge.dev_tokens import DevIssuer
from codicefiscale import codicefiscale
from cryptography.fernet import Fernet
from pymongo import AsyncMongoClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.harness import LOG_DIR, ServiceProcess  # noqa: E402


class BenchIntake(ServiceProcess):
    """The intake process, started as `python -u -m intake`: scripts/test's clean-up of stray
    `python -m intake` processes (other engineers' test runs) must not end a long benchmark."""

    def start(self, extra_env: dict[str, str] | None = None) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = (LOG_DIR / f"bench-intake-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "intake", *self.args, "--port", str(self.port)],
            env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)

MONGO = os.environ.get("REIMPIEGO_MONGO_URI", "mongodb://127.0.0.1:27017/")
KAFKA = os.environ.get("REIMPIEGO_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
COLUMNS = ["tax_code", "given_name", "family_name", "birth_date", "sex", "email", "phone",
           "municipality", "labour_status", "labour_status_since", "wage_guarantee_kind",
           "hours_reduction_pct", "wage_guarantee_expected_end", "skills", "languages",
           "consent_data_processing"]
PLACES = [("F257", "036023"), ("B819", "036005"), ("F240", "036022"), ("I462", "036040")]


def people(count: int, seed: int) -> Iterator[dict[str, str]]:
    """Distinct valid people: each tax code is built from python-codicefiscale's own encoders
    (surname, name, birth date, birthplace) and its check character (encode_cin)."""
    rng = random.Random(seed)
    surnames = sorted({codicefiscale.encode_lastname(_word(rng, 7)) for _ in range(400)})
    names = sorted({codicefiscale.encode_firstname(_word(rng, 6)) for _ in range(300)})
    seen: set[str] = set()
    index = 0
    while index < count:
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        sex = rng.choice("MF")
        place, istat = rng.choice(PLACES)
        stem = (rng.choice(surnames) + rng.choice(names)
                + codicefiscale.encode_birthdate(born.isoformat(), sex) + place)
        if stem in seen:
            continue
        seen.add(stem)
        yield {
            "tax_code": stem + codicefiscale.encode_cin(stem), "given_name": "Persona",
            "family_name": f"Prova{index}", "birth_date": born.isoformat(), "sex": sex,
            "email": f"persona{index}@example.org", "phone": f"+39333{index:07d}",
            "municipality": istat, "labour_status": "wage_guarantee",
            "labour_status_since": "2026-03-01", "wage_guarantee_kind": "business_closure",
            "hours_reduction_pct": "100", "wage_guarantee_expected_end": "2027-02-28",
            "skills": "saldatura;muletto;magazzino", "languages": "en:A2",
            "consent_data_processing": "si",
        }
        index += 1


def _word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("BCDFGLMNPRSTVZAEIOU") for _ in range(length))


async def csv_stream(rows: Iterator[dict[str, str]], per_chunk: int = 200) -> AsyncIterator[bytes]:
    """The file as the client sends it: generated on the fly, never whole in memory."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS)
    writer.writeheader()
    for count, row in enumerate(rows, 1):
        writer.writerow(row)
        if count % per_chunk == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            await asyncio.sleep(0)
    yield buffer.getvalue().encode()


async def relayed(client: httpx.AsyncClient, expected: int, seconds: float = 600) -> float:
    """Seconds until intake's relay has published `expected` seeker.registered events (its
    /metrics): the import is done only when downstream services can see every person."""
    started = time.perf_counter()
    pattern = re.compile(r'reimpiego_events_produced_total{[^}]*type="seeker.registered.v1"} (\S+)')
    while time.perf_counter() - started < seconds:
        found = pattern.findall((await client.get("/metrics")).text)
        if sum(float(v) for v in found) >= expected:
            return time.perf_counter() - started
        await asyncio.sleep(1)
    return float("nan")


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set size, from the kernel."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run_import(client: httpx.AsyncClient, rows: Iterator[dict[str, str]],
                     expected: int) -> tuple[float, dict[str, int]]:
    job = (await client.post("/seeker-imports", json={"format": "csv"})).json()
    started = time.perf_counter()
    upload = asyncio.create_task(client.put(
        f"/seeker-imports/{job['id']}/rows", content=csv_stream(rows),
        headers={"Content-Type": "text/csv"}, timeout=None))
    while not upload.done():  # progress is visible while the file streams in
        await asyncio.wait([upload], timeout=10)
        if not upload.done():
            counts = (await client.get(f"/seeker-imports/{job['id']}")).json()["counts"]
            print(f"  … {counts['processed']:>7} / {expected} rows "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
    response = upload.result()
    response.raise_for_status()
    return time.perf_counter() - started, response.json()["counts"]


async def run_baseline(client: httpx.AsyncClient, rows: Iterator[dict[str, str]]) -> float:
    started = time.perf_counter()
    for row in rows:
        body = {k: v for k, v in row.items() if k in ("tax_code", "given_name", "family_name",
                                                      "birth_date", "sex", "email", "phone",
                                                      "municipality")}
        body["labour_status"] = {"kind": "wage_guarantee", "since": "2026-03-01",
                                 "wage_guarantee": {"kind": "business_closure",
                                                    "hours_reduction_pct": 100,
                                                    "expected_end": "2027-02-28"}}
        body["skills"] = ["saldatura", "muletto", "magazzino"]
        body["languages"] = [{"code": "en", "level": "A2"}]
        response = await client.post("/seekers", json=body)
        response.raise_for_status()
    return time.perf_counter() - started


async def main(args: argparse.Namespace) -> None:
    run = secrets.token_hex(3)
    issuer = DevIssuer(Path(tempfile.mkdtemp(prefix="bench-auth-")))
    env = {"REIMPIEGO_ENVIRONMENT": "test", "REIMPIEGO_KAFKA_BOOTSTRAP": KAFKA,
           "REIMPIEGO_MONGO_URI": MONGO, "REIMPIEGO_TOPIC_PREFIX": f"bench{run}.",
           "REIMPIEGO_INTAKE_DATABASE": f"bench_import_{run}",
           "REIMPIEGO_JWKS_PATH": str(issuer.jwks_path),
           "REIMPIEGO_SERVICE_TOKEN": "bench-not-used",
           "REIMPIEGO_SPECIAL_CATEGORY_KEYS": Fernet.generate_key().decode(),
           "REIMPIEGO_IMPORT_BATCH_SIZE": str(args.batch),
           "REIMPIEGO_RELAY_ENABLED": os.environ.get("BENCH_RELAY", "true"),
           "REIMPIEGO_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING")}
    intake = BenchIntake("intake", env, args=["api"])
    intake.start()
    token = issuer.issue(["supervisor"], subject="bench")
    try:
        await intake.wait_ready()
        assert intake.process is not None
        async with httpx.AsyncClient(base_url=intake.url, timeout=120,
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            rows = people(args.rows + args.baseline, seed=args.seed)
            baseline_rows = itertools.islice(rows, args.baseline)
            baseline_seconds = await run_baseline(client, baseline_rows)
            rss_after_baseline = peak_rss_mb(intake.process.pid)
            print(f"baseline: {args.baseline} people posted one by one", flush=True)
            seconds, counts = await run_import(client, rows, args.rows)
            relay_on = env["REIMPIEGO_RELAY_ENABLED"] == "true"
            lag = await relayed(client, args.baseline + counts["created"]) if relay_on else None
            peak = peak_rss_mb(intake.process.pid)
        report(args, baseline_seconds, seconds, counts, rss_after_baseline, peak)
        if lag is not None:
            print(f"every seeker.registered event published {lag:.1f} s after the last row")
    finally:
        intake.stop()
        if not args.keep:
            mongo: AsyncMongoClient = AsyncMongoClient(MONGO)
            await mongo.drop_database(env["REIMPIEGO_INTAKE_DATABASE"])
            await mongo.close()


def report(args: argparse.Namespace, baseline_seconds: float, seconds: float,
           counts: dict[str, int], rss_before: float, peak: float) -> None:
    bulk_rate = args.rows / seconds
    one_by_one = args.baseline / baseline_seconds
    print()
    print("| what                                   | rows    | seconds | rows/s  |")
    print("|----------------------------------------|---------|---------|---------|")
    print(f"| POST /seekers one by one (baseline)    | {args.baseline:>7} | "
          f"{baseline_seconds:>7.1f} | {one_by_one:>7.1f} |")
    print(f"| bulk CSV import, streamed              | {args.rows:>7} | {seconds:>7.1f} | "
          f"{bulk_rate:>7.1f} |")
    print()
    print(f"bulk / one-by-one: {bulk_rate / one_by_one:.1f}x; outcome {counts}")
    print(f"intake peak RSS: {rss_before:.0f} MB after the baseline, {peak:.0f} MB after the "
          f"import (batch of {args.batch} rows)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=300)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    asyncio.run(main(parser.parse_args()))
