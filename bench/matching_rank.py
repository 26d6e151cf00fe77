"""Benchmark of matching's ranking: `.venv/bin/python bench/matching_rank.py [--people N]`.

Generates 100,000 people and 20,000 open vacancies (tests/matching/population.py, fixed seed),
builds the in-memory index, and reports p50/p95 of ranking the best 50 people for a vacancy and
the best 50 vacancies for a person (explanations of the 50 included), the full rebuild time and
memory. In the same run it measures the straightforward approach — filter candidates in the
database (FerretDB), score each in a Python loop — on a smaller sample stored in a throwaway
database (loading 100,000 documents into FerretDB alone takes minutes), and compares it with the
index on that same sample. Not part of the test suite."""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "services" / "matching"), str(ROOT / "libs")]

from matching.adapters.reference import load_territory  # noqa: E402
from matching.domain.models import person_from, vacancy_from  # noqa: E402
from matching.domain.scoring import score  # noqa: E402
from matching.matcher import Matcher  # noqa: E402
from pymongo import AsyncMongoClient  # noqa: E402

from tests.matching.population import Population  # noqa: E402

MONGO = os.environ.get("REIMPIEGO_MONGO_URI", "mongodb://127.0.0.1:27017/")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def build(people: list[dict], vacancies: list[dict]) -> tuple[Matcher, float]:  # type: ignore[type-arg]
    started = time.perf_counter()
    matcher = Matcher(load_territory())
    for document in people:
        matcher.put_person(document, [])
    for document in vacancies:
        matcher.put_vacancy(document)
    return matcher, time.perf_counter() - started


def time_index(matcher: Matcher, vacancy_ids: list[str], seeker_ids: list[str]
               ) -> tuple[list[float], list[float]]:
    for_vacancy, for_person = [], []
    for vacancy_id in vacancy_ids:
        started = time.perf_counter()
        matcher.people_for_vacancy(matcher.vacancies.vacancy(vacancy_id), limit=50)
        for_vacancy.append((time.perf_counter() - started) * 1000)
    for seeker_id in seeker_ids:
        started = time.perf_counter()
        matcher.vacancies_for_person(matcher.people.person(seeker_id), limit=50)
        for_person.append((time.perf_counter() - started) * 1000)
    return for_vacancy, for_person


async def time_baseline(people: list[dict], vacancies: list[dict], vacancy_sample: list[dict],  # type: ignore[type-arg]
                        person_sample: list[dict]) -> tuple[list[float], list[float], float]:  # type: ignore[type-arg]
    """Filter in the database (skills or occupation in common), score each in Python."""
    land = load_territory()
    client: AsyncMongoClient = AsyncMongoClient(MONGO)
    database = client[f"bench_{secrets.token_hex(3)}"]
    try:
        started = time.perf_counter()
        for start in range(0, len(people), 1000):
            await database.seekers.insert_many(people[start:start + 1000])
        for start in range(0, len(vacancies), 1000):
            await database.vacancies.insert_many(vacancies[start:start + 1000])
        load_seconds = time.perf_counter() - started
        for_vacancy, for_person = [], []
        for document in vacancy_sample:
            started = time.perf_counter()
            vacancy = vacancy_from(document)
            found = database.seekers.find({"$or": [
                {"skills": {"$in": document["essential_skills"]}},
                {"occupation": document["occupation"]}]})
            scored = [score(person_from(p), vacancy, land) for p in await found.to_list(None)]
            sorted(scored, key=lambda s: -s.value)[:50]
            for_vacancy.append((time.perf_counter() - started) * 1000)
        for document in person_sample:
            started = time.perf_counter()
            person = person_from(document)
            found = database.vacancies.find({"$or": [
                {"essential_skills": {"$in": document["skills"]}},
                {"occupation": document["occupation"]}]})
            scored = [score(person, vacancy_from(v), land) for v in await found.to_list(None)]
            sorted(scored, key=lambda s: -s.value)[:50]
            for_person.append((time.perf_counter() - started) * 1000)
        return for_vacancy, for_person, load_seconds
    finally:
        await client.drop_database(database.name)
        await client.close()


def row(name: str, samples: list[float]) -> str:
    p50, p95 = percentiles(samples)
    return f"| {name:<58} | {p50:>9.1f} | {p95:>9.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--sample-people", type=int, default=10_000,
                        help="people stored in FerretDB for the straightforward approach")
    parser.add_argument("--sample-vacancies", type=int, default=4_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    population = Population(seed=2026)
    people = [population.person(i) for i in range(args.people)]
    vacancies = [population.vacancy(i) for i in range(args.vacancies)]
    before = rss_mb()
    matcher, build_seconds = build(people, vacancies)
    after = rss_mb()
    picks_v = [v["_id"] for v in vacancies[:: max(1, len(vacancies) // args.queries)]]
    picks_p = [p["_id"] for p in people[:: max(1, len(people) // args.queries)]]
    full_v, full_p = time_index(matcher, picks_v, picks_p)

    sample_people, sample_vacancies = people[:args.sample_people], vacancies[:args.sample_vacancies]
    small, _ = build(sample_people, sample_vacancies)
    few_v, few_p = picks_v[:20], [p for p in picks_p if p in small.people.table.rows][:20]
    small_v, small_p = time_index(small, [v for v in few_v if v in small.vacancies.table.rows]
                                  or [sample_vacancies[0]["_id"]], few_p)
    by_id_v = {v["_id"]: v for v in sample_vacancies}
    by_id_p = {p["_id"]: p for p in sample_people}
    base_v, base_p, load_seconds = asyncio.run(time_baseline(
        sample_people, sample_vacancies,
        [by_id_v[v] for v in few_v if v in by_id_v] or [sample_vacancies[0]],
        [by_id_p[p] for p in few_p]))

    print(f"\nmatching ranking benchmark — {args.people:,} people, {args.vacancies:,} vacancies, "
          f"{os.cpu_count()} CPUs\n")
    print(f"| {'what (milliseconds)':<58} | {'p50':>9} | {'p95':>9} |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|")
    print(row(f"index: best 50 people for a vacancy ({args.people:,})", full_v))
    print(row(f"index: best 50 vacancies for a person ({args.vacancies:,})", full_p))
    print(row(f"index: best 50 people, sample of {len(sample_people):,}", small_v))
    print(row(f"index: best 50 vacancies, sample of {len(sample_vacancies):,}", small_p))
    print(row(f"Mongo filter + Python loop: people, sample of {len(sample_people):,}", base_v))
    print(row(f"Mongo filter + Python loop: vacancies, sample of {len(sample_vacancies):,}",
              base_p))
    ratio_v = percentiles(base_v)[1] / percentiles(small_v)[1]
    ratio_p = percentiles(base_p)[1] / percentiles(small_p)[1]
    print(f"\nspeed-up at p95 on the same sample: people {ratio_v:.0f}x, vacancies {ratio_p:.0f}x")
    print(f"full rebuild of the index from {args.people + args.vacancies:,} projection documents: "
          f"{build_seconds:.1f} s")
    print(f"memory: peak RSS {after:.0f} MB ({after - before:.0f} MB for the index and its "
          f"documents); loading the sample into FerretDB took {load_seconds:.1f} s")


if __name__ == "__main__":
    main()
