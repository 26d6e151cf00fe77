"""Outcome use-cases: the population in care (and erased people's anonymised outcomes) as
members with their groups, then the pure analyses of domain/outcomes.py."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from matching.adapters.enrolments import MongoEnrolments
from matching.adapters.placements import MongoPlacements
from matching.adapters.projections import ReadModel
from matching.domain.outcomes import Member, Rate, reemployment
from matching.matcher import Matcher

TOOK_PART = {"enrolled", "promoted", "attended", "completed"}


def snapshot_of(matcher: Matcher, seeker_id: str) -> dict[str, Any]:
    """What a placement keeps of the person for the statistics, surviving erasure."""
    person = matcher.people.person(seeker_id)
    place = matcher.land.get(person.municipality) if person else None
    return {"province": place.province_code if place else None,
            "target_groups": sorted(person.target_groups) if person else [],
            "referred_by": person.referred_by if person else None,
            "occupation": person.occupation if person else None}


async def members(matcher: Matcher, enrolments: MongoEnrolments, model: ReadModel,
                  placements: list[dict[str, Any]]) -> list[Member]:
    programmes: dict[str, set[str]] = defaultdict(set)
    referrers: dict[str, set[str]] = defaultdict(set)
    async for row in model.partner_referrals.collection.find({}):
        referrers[row["seeker_id"]].add(row["partner_id"])
    async for row in enrolments.enrolments.find({"status": {"$in": sorted(TOOK_PART)}},
                                                {"seeker_id": 1, "programme_id": 1}):
        programmes[row["seeker_id"]].add(row["programme_id"])
    facts: dict[str, dict[str, Any]] = {p["seeker_id"]: p["snapshot"] for p in placements}
    for person in matcher.people.people.values():
        facts[person.seeker_id] = snapshot_of(matcher, person.seeker_id)
    result = []
    for key in set(facts) | set(programmes) | set(referrers):
        fact = facts.get(key, {})
        joined = programmes.get(key, set())
        providers = {matcher.programmes[p].provider_id for p in joined if p in matcher.programmes}
        partners = ({fact.get("referred_by")} | providers | referrers.get(key, set())) - {None}
        result.append(Member(key, {
            "programme": frozenset(joined), "partner": frozenset(partners),  # type: ignore[arg-type]
            "territory": frozenset({fact["province"]} if fact.get("province") else set()),
            "target_group": frozenset(fact.get("target_groups", [])),
        }))
    return result


async def reemployment_rates(matcher: Matcher, enrolments: MongoEnrolments, model: ReadModel,
                             store: MongoPlacements, by: str, start: date, end: date
                             ) -> list[Rate]:
    placements = await store.all()
    placed_on: dict[str, list[date]] = defaultdict(list)
    for placement in placements:
        placed_on[placement["seeker_id"]].append(date.fromisoformat(placement["start_date"]))
    population = await members(matcher, enrolments, model, placements)
    return reemployment(population, placed_on, by, start, end)
