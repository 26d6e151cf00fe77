"""An employer's vacancy. Publishing makes it visible to matching."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from event_backbone import EventContract
from pydantic import BaseModel

from intake.contracts import VACANCY_PUBLISHED, VacancyPublished
from intake.domain.errors import InvalidField
from intake.domain.municipalities import Municipalities


@dataclass
class Vacancy:
    id: str
    version: int
    employer_id: str
    title: str
    occupation: str | None
    essential_skills: list[str]
    optional_skills: list[str]
    municipality: str
    openings: int
    status: str
    published_at: datetime
    pending_events: list[tuple[EventContract, BaseModel]] = field(default_factory=list, repr=False)


def publish_vacancy(
    *,
    employer_id: str,
    title: str,
    occupation: str | None,
    essential_skills: list[str],
    optional_skills: list[str],
    municipality: str,
    openings: int,
    municipalities: Municipalities,
    now: datetime,
) -> Vacancy:
    place = municipalities.get(municipality)
    if place is None:
        raise InvalidField("municipality", f"'{municipality}' is not an ISTAT municipality code")
    essential = list(dict.fromkeys(s.strip() for s in essential_skills if s.strip()))
    optional = [
        s
        for s in dict.fromkeys(s.strip() for s in optional_skills if s.strip())
        if s not in essential
    ]
    vacancy = Vacancy(
        id=str(uuid.uuid4()),
        version=1,
        employer_id=employer_id,
        title=title.strip(),
        occupation=occupation,
        essential_skills=essential,
        optional_skills=optional,
        municipality=municipality,
        openings=openings,
        status="published",
        published_at=now,
    )
    vacancy.pending_events.append(
        (
            VACANCY_PUBLISHED,
            VacancyPublished(
                vacancy_id=vacancy.id,
                employer_id=employer_id,
                title=vacancy.title,
                occupation=occupation,
                essential_skills=essential,
                optional_skills=optional,
                municipality=municipality,
                municipality_name=place.name,
                openings=openings,
                status="published",
                published_at=now,
            ),
        )
    )
    return vacancy
