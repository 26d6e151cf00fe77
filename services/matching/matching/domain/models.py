"""The read model as the domain sees it: people, vacancies and programmes built from projection
documents (pseudonymous ids only). Sex and citizenship are never here; age and the disability-list
flag are here for eligibility rules and reserved vacancies only, never for scores."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

LANGUAGE_LEVELS = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
DEFAULT_RADIUS_KM = 30


def normalise(term: str) -> str:
    """ESCO URIs compare exactly; free text compares case-, accent- and space-insensitively."""
    term = term.strip()
    if term.startswith(("http://", "https://")):
        return term
    folded = unicodedata.normalize("NFKD", term.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def normalise_all(terms: list[str] | None) -> frozenset[str]:
    return frozenset(normalise(t) for t in terms or [] if t.strip())


def occupation_group(occupation: str | None) -> str | None:
    """Same group = same head word without its gender ending ("impiegata"/"impiegato contabile");
    ESCO URIs carry no group here (the hierarchy is not loaded), so only exact matches count."""
    if not occupation or occupation.startswith("http"):
        return None
    head = occupation.split()[0]
    return head[:-1] if len(head) > 3 and head[-1] in "aeio" else head


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Person:
    seeker_id: str
    municipality: str | None = None
    birth_date: date | None = None
    labour_kind: str | None = None
    labour_since: date | None = None
    availability_declared_on: date | None = None
    wage_guarantee_kind: str | None = None
    wage_guarantee_end: date | None = None
    target_groups: frozenset[str] = frozenset()
    disability_list: bool = False
    isced: int | None = None
    occupation: str | None = None
    past_occupations: dict[str, float] = field(default_factory=dict)  # occupation → years
    role_levels: frozenset[str] = frozenset()
    sectors: dict[str, float] = field(default_factory=dict)  # ATECO → years
    desired: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    languages: dict[str, int] = field(default_factory=dict)
    licences: frozenset[str] = frozenset()
    hours: int | None = None
    start_date: date | None = None
    radius_km: int = DEFAULT_RADIUS_KM
    relocation: bool = False
    plan_kinds: frozenset[str] = frozenset()
    plan_programmes: frozenset[str] = frozenset()
    completed_programmes: frozenset[str] = frozenset()
    completed_kinds: frozenset[str] = frozenset()
    shares_anonymised: bool = False  # consented to an anonymised profile for employers
    office_id: str | None = None  # the job centre in charge: operators see their office only
    referred_by: str | None = None

    @property
    def occupations(self) -> frozenset[str]:
        own = {self.occupation} if self.occupation else set()
        return frozenset(own | set(self.past_occupations))

    @property
    def total_years(self) -> float:
        return sum(self.past_occupations.values())

    @property
    def waiting_since(self) -> date | None:
        return self.availability_declared_on or self.labour_since


def person_from(document: dict[str, Any]) -> Person:
    status = document.get("labour_status") or {}
    guarantee = status.get("wage_guarantee") or {}
    availability = document.get("availability") or {}
    history = document.get("work_history") or []
    past: dict[str, float] = {}
    sectors: dict[str, float] = {}
    for job in history:
        occupation = normalise(job["occupation"])
        past[occupation] = past.get(occupation, 0.0) + float(job.get("years") or 0)
        if job.get("sector_ateco"):
            sectors[job["sector_ateco"]] = sectors.get(job["sector_ateco"], 0.0) + job["years"]
    plan = [a for a in document.get("plan") or [] if a.get("status") != "dropped"]
    radius = availability.get("mobility_radius_km")
    return Person(
        seeker_id=document["_id"],
        municipality=document.get("municipality"),
        birth_date=_day(document.get("birth_date")),
        labour_kind=status.get("kind"),
        labour_since=_day(status.get("since")),
        availability_declared_on=_day(status.get("availability_declared_on")),
        wage_guarantee_kind=guarantee.get("kind"),
        wage_guarantee_end=_day(guarantee.get("expected_end")),
        target_groups=frozenset(document.get("target_groups") or []),
        disability_list=bool(document.get("disability_list_eligible")),
        isced=(document.get("education") or {}).get("isced_level"),
        occupation=normalise(document["occupation"]) if document.get("occupation") else None,
        past_occupations=past,
        role_levels=frozenset(j["role_level"] for j in history if j.get("role_level")),
        sectors=sectors,
        desired=normalise_all(document.get("desired_occupations")),
        skills=normalise_all(document.get("skills")),
        languages={
            lang["code"]: LANGUAGE_LEVELS[lang["level"]] for lang in document.get("languages") or []
        },
        licences=frozenset(document.get("driving_licences") or []),
        hours=availability.get("hours_per_week"),
        start_date=_day(availability.get("start_date")),
        radius_km=DEFAULT_RADIUS_KM if radius is None else radius,
        relocation=bool(availability.get("relocation")),
        plan_kinds=frozenset(a["kind"] for a in plan),
        plan_programmes=frozenset(a["programme_id"] for a in plan if a.get("programme_id")),
        completed_programmes=frozenset(document.get("completed_programmes") or []),
        completed_kinds=frozenset(document.get("completed_kinds") or []),
        shares_anonymised=bool(document.get("anonymised_profile_to_employers")),
        referred_by=document.get("referred_by"),
        office_id=document.get("office_id"),
    )


@dataclass(frozen=True)
class Vacancy:
    vacancy_id: str
    employer_id: str
    title: str
    municipality: str
    municipality_name: str = ""
    occupation: str | None = None
    essential: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    min_isced: int | None = None
    languages: dict[str, int] = field(default_factory=dict)
    licence: str | None = None
    hours: int | None = None
    deadline: date | None = None
    reserved_disability_list: bool = False
    open: bool = True
    published_on: date | None = None


def vacancy_from(document: dict[str, Any]) -> Vacancy:
    return Vacancy(
        vacancy_id=document["_id"],
        employer_id=document["employer_id"],
        title=document.get("title", ""),
        municipality=document["municipality"],
        municipality_name=document.get("municipality_name", ""),
        occupation=normalise(document["occupation"]) if document.get("occupation") else None,
        essential=normalise_all(document.get("essential_skills")),
        optional=normalise_all(document.get("optional_skills")),
        min_isced=document.get("min_education_isced"),
        languages={
            lang["code"]: LANGUAGE_LEVELS[lang["level"]] for lang in document.get("languages") or []
        },
        licence=document.get("driving_licence"),
        hours=document.get("hours_per_week"),
        deadline=_day(document.get("deadline")),
        reserved_disability_list=bool(document.get("reserved_disability_list")),
        open=document.get("status", "published") == "published",
        published_on=_day(document.get("published_at")),
    )
