"""Outcome analysis, pure: re-employment rates with the counts behind them, skills shortage
(demand in open vacancies against supply of people in care) and target companies for a cohort."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from matching.domain.models import Person, Vacancy, occupation_group


@dataclass(frozen=True)
class Member:
    """One person of the population in care, by a stable key (a token once erased)."""

    key: str
    groups: dict[str, frozenset[str]] = field(default_factory=dict)  # dimension → values


@dataclass(frozen=True)
class Rate:
    group: str
    people: int
    placed: int
    rate: float | None


def reemployment(members: list[Member], placed_on: dict[str, list[date]], dimension: str,
                 start: date, end: date) -> list[Rate]:
    """Share of the people in each group with a placement starting in [start, end]."""
    people: dict[str, set[str]] = defaultdict(set)
    for member in members:
        for value in member.groups.get(dimension, frozenset()):
            people[value].add(member.key)
    rates = []
    for group, keys in sorted(people.items()):
        placed = sum(1 for k in keys if any(start <= d <= end for d in placed_on.get(k, [])))
        rates.append(Rate(group, len(keys), placed, round(placed / len(keys), 4)))
    return rates


@dataclass(frozen=True)
class SkillBalance:
    skill: str
    demand: int  # open vacancies asking for it
    supply: int  # people in care holding it


def skills_shortage(vacancies: list[Vacancy], people: list[Person], top: int = 10,
                    period: tuple[date, date] | None = None
                    ) -> tuple[list[SkillBalance], list[SkillBalance]]:
    """(most in shortage, most in surplus), by the gap between demand and supply. Demand: the
    vacancies open now or, for a period, those published in it; supply: the people in care."""

    def counted(vacancy: Vacancy) -> bool:
        if period is None:
            return vacancy.open
        return vacancy.published_on is not None and period[0] <= vacancy.published_on <= period[1]

    demand = Counter(s for v in vacancies if counted(v) for s in v.essential | v.optional)
    supply = Counter(s for p in people for s in p.skills)
    balances = [SkillBalance(s, demand[s], supply[s]) for s in set(demand) | set(supply)]
    shortage = sorted((b for b in balances if b.demand > b.supply),
                      key=lambda b: (b.supply - b.demand, b.skill))[:top]
    surplus = sorted((b for b in balances if b.supply > b.demand),
                     key=lambda b: (b.demand - b.supply, b.skill))[:top]
    return shortage, surplus


@dataclass(frozen=True)
class TargetCompany:
    employer_id: str
    score: int
    reasons: list[str]


def target_companies(cohort: list[Person], vacancies: list[Vacancy],
                     hires: list[tuple[str, str | None]], top: int = 10) -> list[TargetCompany]:
    """Employers most likely to hire this cohort: their vacancies (open or past) in the cohort's
    occupations (or the same group), and their hires of people in those occupations (×2)."""
    wanted = {o for p in cohort for o in p.occupations | p.desired}
    groups = {occupation_group(o) for o in wanted} - {None}
    same, near, hired = Counter[str](), Counter[str](), Counter[str]()
    for vacancy in vacancies:
        if vacancy.occupation in wanted:
            same[vacancy.employer_id] += 1
        elif occupation_group(vacancy.occupation) in groups:
            near[vacancy.employer_id] += 1
    for employer_id, occupation in hires:
        if occupation in wanted:
            hired[employer_id] += 1
    ranked = []
    for employer in set(same) | set(near) | set(hired):
        reasons = [f"{same[employer]} offerte nelle professioni della coorte"]
        if near[employer]:
            reasons.append(f"{near[employer]} offerte in professioni dello stesso gruppo")
        if hired[employer]:
            reasons.append(f"{hired[employer]} assunzioni di persone con queste professioni")
        ranked.append(TargetCompany(employer, 2 * same[employer] + near[employer]
                                    + 4 * hired[employer], reasons))
    return sorted(ranked, key=lambda t: (-t.score, t.employer_id))[:top]
