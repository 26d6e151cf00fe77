"""An employer's vacancy and its lifecycle: draft -> published -> closed or filled. Matching sees a
vacancy from the moment it is published; every later change or closure is published too."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from intake.contracts import (
    VACANCY_CLOSED,
    VACANCY_PUBLISHED,
    VACANCY_UPDATED,
    ContractType,
    Language,
    VacancyClosed,
    VacancyPublished,
    VacancyUpdated,
)
from intake.domain.aggregate import Aggregate, InvalidTransition, Violations
from intake.domain.municipalities import Municipalities


class VacancyStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    FILLED = "filled"


class Vacancy(Aggregate):
    employer_id: str
    employer_sector_ateco: str | None = None
    title: str
    occupation: str | None = None
    essential_skills: list[str] = Field(default_factory=list)
    optional_skills: list[str] = Field(default_factory=list)
    min_education_isced: int | None = None
    languages: list[Language] = Field(default_factory=list)
    driving_licence: str | None = None
    municipality: str
    municipality_name: str
    province: str
    contract_type: ContractType | None = None
    hours_per_week: int | None = None
    openings: int = 1
    deadline: date | None = None
    reserved_disability_list: bool = False
    status: VacancyStatus = VacancyStatus.DRAFT
    created_at: datetime
    published_at: datetime | None = None
    closed_at: datetime | None = None

    def details(self) -> dict[str, Any]:
        return self.model_dump(exclude={"id", "version", "province", "created_at", "closed_at"}) | {
            "vacancy_id": self.id
        }


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def shape_vacancy(
    fields: dict[str, Any], municipalities: Municipalities, today: date
) -> dict[str, Any]:
    """Checks and normalises the fields an operator may set, all failures at once."""
    problems = Violations()
    place = municipalities.get(fields["municipality"])
    problems.check(place, "municipality",
                   f"'{fields['municipality']}' is not an ISTAT municipality code")
    deadline = fields.get("deadline")
    problems.check(deadline is None or deadline >= today, "deadline", "is in the past")
    essential = _distinct(fields.get("essential_skills", []))
    optional = [s for s in _distinct(fields.get("optional_skills", [])) if s not in essential]
    languages = [Language.model_validate(item) for item in fields.get("languages", [])]
    codes = [language.code for language in languages]
    problems.check(len(codes) == len(set(codes)), "languages", "a language appears twice")
    problems.raise_if_any()
    assert place is not None
    return fields | {
        "essential_skills": essential, "optional_skills": optional,
        "title": fields["title"].strip(),
        "municipality_name": place.name, "province": place.province_code, "languages": languages,
    }


def create_vacancy(
    *, vacancy_id: str, fields: dict[str, Any], publish: bool, employer_sector_ateco: str | None,
    municipalities: Municipalities, now: datetime,
) -> Vacancy:
    shaped = shape_vacancy(fields, municipalities, now.date())
    vacancy = Vacancy(id=vacancy_id, employer_sector_ateco=employer_sector_ateco, created_at=now,
                      **shaped)
    return publish_vacancy(vacancy, now) if publish else vacancy


def publish_vacancy(vacancy: Vacancy, now: datetime) -> Vacancy:
    if vacancy.status != VacancyStatus.DRAFT:
        raise InvalidTransition(vacancy.status.value, "publish")
    published = vacancy.evolve(status=VacancyStatus.PUBLISHED, published_at=now)
    published.record(VACANCY_PUBLISHED, VacancyPublished(**published.details()))
    return published


def revise_vacancy(
    vacancy: Vacancy, changes: dict[str, Any], municipalities: Municipalities, now: datetime
) -> Vacancy:
    """Drafts and published vacancies can change; closed and filled ones are history."""
    if vacancy.status not in (VacancyStatus.DRAFT, VacancyStatus.PUBLISHED):
        raise InvalidTransition(vacancy.status.value, "change")
    current = vacancy.model_dump(exclude={"id", "version", "status", "created_at", "published_at",
                                          "closed_at", "employer_sector_ateco"})
    current["languages"] = vacancy.languages
    shaped = shape_vacancy(current | changes, municipalities, now.date())
    revised = vacancy.evolve(**shaped)
    if revised.status == VacancyStatus.PUBLISHED:
        revised.record(VACANCY_UPDATED, VacancyUpdated(**revised.details()))
    return revised


def close_vacancy(vacancy: Vacancy, filled: bool, now: datetime) -> Vacancy:
    if vacancy.status not in (VacancyStatus.DRAFT, VacancyStatus.PUBLISHED):
        raise InvalidTransition(vacancy.status.value, "close")
    status = VacancyStatus.FILLED if filled else VacancyStatus.CLOSED
    closed = vacancy.evolve(status=status, closed_at=now)
    if vacancy.status == VacancyStatus.PUBLISHED:
        closed.record(VACANCY_CLOSED, VacancyClosed(
            vacancy_id=closed.id, employer_id=closed.employer_id, status=status.value,
            closed_at=now))
    return closed
