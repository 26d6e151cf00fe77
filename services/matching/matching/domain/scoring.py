"""How well a person fits a vacancy, factor by factor, explained in plain Italian.

This scalar scorer is the reference: the vectorised index (domain/index.py) must agree with it
(a unit test checks they do on a random population). Hard constraints (reserved list, distance
beyond the mobility radius without relocation, a closed vacancy) exclude; the rest scores.
Only factors the vacancy asks for count, and the weights are renormalised over them.
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.domain.models import Person, Vacancy, occupation_group
from matching.domain.territory import Territory

WEIGHTS = {
    "essential_skills": 0.35, "optional_skills": 0.10, "occupation": 0.20, "experience": 0.10,
    "education": 0.05, "languages": 0.05, "driving_licence": 0.05, "distance": 0.05,
    "availability": 0.05,
}
OCCUPATION_CREDIT = {"same": 1.0, "past": 0.9, "desired": 0.8, "group": 0.5, "none": 0.0}
FULL_EXPERIENCE_YEARS = 5.0
LEVEL_NAMES = {1: "A1", 2: "A2", 3: "B1", 4: "B2", 5: "C1", 6: "C2", 7: "madrelingua"}


@dataclass(frozen=True)
class Score:
    value: float
    breakdown: dict[str, float]
    reasons: list[str]
    missing_essential: list[str]
    excluded: str | None = None


def occupation_kind(person: Person, vacancy: Vacancy) -> str:
    wanted = vacancy.occupation
    if wanted is None:
        return "none"
    if person.occupation == wanted:
        return "same"
    if wanted in person.past_occupations:
        return "past"
    if wanted in person.desired:
        return "desired"
    group = occupation_group(wanted)
    groups = {occupation_group(o) for o in person.occupations | person.desired}
    return "group" if group is not None and group in groups else "none"


def exclusion(person: Person, vacancy: Vacancy, distance: float | None) -> str | None:
    if not vacancy.open:
        return "offerta non più aperta"
    if vacancy.reserved_disability_list and not person.disability_list:
        return "offerta riservata agli iscritti alle liste L. 68/1999"
    if distance is not None and distance > person.radius_km and not person.relocation:
        return f"distanza {distance:.0f} km oltre il raggio di {person.radius_km} km"
    return None


def _skills(person: Person, vacancy: Vacancy, factors: dict[str, float], reasons: list[str]
            ) -> list[str]:
    missing = sorted(vacancy.essential - person.skills)
    if vacancy.essential:
        held = len(vacancy.essential) - len(missing)
        factors["essential_skills"] = held / len(vacancy.essential)
        reasons.append(f"possiede {held} su {len(vacancy.essential)} competenze essenziali")
        if missing:
            reasons.append("manca: " + ", ".join(missing))
    if vacancy.optional:
        held = len(vacancy.optional & person.skills)
        factors["optional_skills"] = held / len(vacancy.optional)
        reasons.append(f"possiede {held} su {len(vacancy.optional)} competenze facoltative")
    return missing


def _occupation(person: Person, vacancy: Vacancy, factors: dict[str, float], reasons: list[str]
                ) -> None:
    if vacancy.occupation is None:
        return
    kind = occupation_kind(person, vacancy)
    factors["occupation"] = OCCUPATION_CREDIT[kind]
    reasons.append({
        "same": "stessa professione richiesta", "past": "ha già svolto la professione richiesta",
        "desired": "professione richiesta tra quelle desiderate",
        "group": "professione dello stesso gruppo", "none": "professione diversa",
    }[kind])
    years = person.past_occupations.get(vacancy.occupation, 0.0)
    factors["experience"] = min(years / FULL_EXPERIENCE_YEARS, 1.0)
    reasons.append(f"esperienza nella professione: {years:g} anni")


def _requirements(person: Person, vacancy: Vacancy, factors: dict[str, float], reasons: list[str]
                  ) -> None:
    if vacancy.min_isced is not None:
        ok = person.isced is not None and person.isced >= vacancy.min_isced
        factors["education"] = 1.0 if ok else 0.0
        reasons.append(f"titolo di studio {'adeguato' if ok else 'inferiore al richiesto'} "
                       f"(ISCED {vacancy.min_isced} richiesto)")
    if vacancy.languages:
        lacking = sorted(c for c, lvl in vacancy.languages.items()
                         if person.languages.get(c, 0) < lvl)
        factors["languages"] = 1 - len(lacking) / len(vacancy.languages)
        reasons.append("lingue richieste possedute" if not lacking else "lingue insufficienti: "
                       + ", ".join(f"{c} {LEVEL_NAMES[vacancy.languages[c]]}" for c in lacking))
    if vacancy.licence:
        ok = vacancy.licence in person.licences
        factors["driving_licence"] = 1.0 if ok else 0.0
        reasons.append(f"patente {vacancy.licence} {'posseduta' if ok else 'mancante'}")


def _availability(person: Person, vacancy: Vacancy, factors: dict[str, float],
                  reasons: list[str]) -> None:
    parts = []
    if vacancy.hours is not None and person.hours is not None:
        parts.append(min(person.hours / vacancy.hours, 1.0))
        reasons.append(f"disponibile {person.hours} ore settimanali su {vacancy.hours}")
    if vacancy.deadline is not None and person.start_date is not None:
        ok = person.start_date <= vacancy.deadline
        parts.append(1.0 if ok else 0.0)
        reasons.append(f"disponibile dal {person.start_date:%d/%m/%Y}"
                       + ("" if ok else " (dopo la scadenza dell'offerta)"))
    if parts:
        factors["availability"] = sum(parts) / len(parts)


def score(person: Person, vacancy: Vacancy, land: Territory) -> Score:
    distance = land.distance_km(person.municipality, vacancy.municipality)
    excluded = exclusion(person, vacancy, distance)
    if excluded:
        return Score(0.0, {}, [excluded], [], excluded)
    factors: dict[str, float] = {}
    reasons: list[str] = []
    missing = _skills(person, vacancy, factors, reasons)
    _occupation(person, vacancy, factors, reasons)
    _requirements(person, vacancy, factors, reasons)
    if distance is not None:
        factors["distance"] = max(0.0, 1 - distance / max(person.radius_km, 1))
        reasons.append(f"distanza {distance:.0f} km entro il raggio di {person.radius_km} km"
                       if distance <= person.radius_km else
                       f"distanza {distance:.0f} km, disponibile a trasferirsi")
    _availability(person, vacancy, factors, reasons)
    total_weight = sum(WEIGHTS[f] for f in factors)
    breakdown = {f: round(WEIGHTS[f] * v / total_weight, 4) for f, v in factors.items()}
    value = sum(WEIGHTS[f] * v for f, v in factors.items()) / total_weight if factors else 0.0
    return Score(round(value, 4), breakdown, reasons, missing)
