"""The events intake publishes. Intake owns these contracts; consumers keep trimmed copies.

Events carry a pseudonymous seeker id and what matching and notifications need to decide — never
a name, tax code, contact detail or health information.
"""

from datetime import datetime

from event_backbone import EventContract
from pydantic import BaseModel, Field

SEEKERS_TOPIC = "reimpiego.intake.seekers"
VACANCIES_TOPIC = "reimpiego.intake.vacancies"
SOURCE = "/reimpiego/intake"


class SeekerRegistered(BaseModel):
    seeker_id: str = Field(description="Pseudonymous id of the person in care.")
    occupation: str | None = Field(
        default=None, description="ESCO occupation URI or free-text occupation sought."
    )
    skills: list[str] = Field(default_factory=list, description="ESCO skill URIs or free text.")
    municipality: str = Field(
        description="ISTAT code of the municipality of residence.", examples=["036023"]
    )
    office_id: str | None = Field(default=None, description="Job centre in charge.")
    registered_at: datetime


class VacancyPublished(BaseModel):
    vacancy_id: str
    employer_id: str
    title: str
    occupation: str | None = Field(default=None, description="ESCO occupation URI or free text.")
    essential_skills: list[str] = Field(default_factory=list)
    optional_skills: list[str] = Field(default_factory=list)
    municipality: str = Field(description="ISTAT code of the workplace.")
    municipality_name: str = Field(description="Name of the workplace municipality.")
    openings: int = Field(ge=1)
    published_at: datetime


SEEKER_REGISTERED = EventContract(
    "seeker.registered.v1", SEEKERS_TOPIC, SeekerRegistered, "A person was taken into care."
)
VACANCY_PUBLISHED = EventContract(
    "vacancy.published.v1", VACANCIES_TOPIC, VacancyPublished, "A vacancy is open to candidates."
)

CONTRACTS = [SEEKER_REGISTERED, VACANCY_PUBLISHED]
TOPICS = [SEEKERS_TOPIC, VACANCIES_TOPIC]
