"""How well a person fits a vacancy: occupation and skills, explained in plain Italian."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

OCCUPATION_WEIGHT = 0.4
SKILLS_WEIGHT = 0.6


@dataclass(frozen=True)
class Candidate:
    seeker_id: str
    occupation: str | None
    skills: frozenset[str]


@dataclass(frozen=True)
class Opening:
    vacancy_id: str
    occupation: str | None
    essential_skills: frozenset[str]
    optional_skills: frozenset[str]


@dataclass(frozen=True)
class Score:
    value: float
    breakdown: dict[str, float]
    reasons: list[str]
    missing_essential: list[str]


def normalise(term: str) -> str:
    """ESCO URIs compare exactly; free text compares case-, accent- and space-insensitively."""
    term = term.strip()
    if term.startswith("http://") or term.startswith("https://"):
        return term
    folded = unicodedata.normalize("NFKD", term.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def normalise_all(terms: list[str]) -> frozenset[str]:
    return frozenset(normalise(t) for t in terms if t.strip())


def score(candidate: Candidate, opening: Opening) -> Score:
    same_occupation = (
        candidate.occupation is not None
        and opening.occupation is not None
        and normalise(candidate.occupation) == normalise(opening.occupation)
    )
    required = opening.essential_skills or opening.optional_skills
    held = sorted(required & candidate.skills)
    missing = sorted(opening.essential_skills - candidate.skills)
    skills_fit = len(held) / len(required) if required else 0.0
    breakdown = {
        "occupation": OCCUPATION_WEIGHT if same_occupation else 0.0,
        "skills": round(SKILLS_WEIGHT * skills_fit, 4),
    }
    reasons = ["stessa professione richiesta" if same_occupation else "professione diversa"]
    if required:
        kind = "essenziali" if opening.essential_skills else "richieste"
        reasons.append(f"possiede {len(held)} su {len(required)} competenze {kind}")
    if missing:
        reasons.append("manca: " + ", ".join(missing))
    return Score(round(sum(breakdown.values()), 4), breakdown, reasons, missing)
