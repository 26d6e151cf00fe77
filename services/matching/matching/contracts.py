"""What matching reads (trimmed copies of intake's events) and what it publishes."""

from datetime import datetime

from event_backbone import EventContract
from pydantic import BaseModel, Field

# Read from intake: only the fields matching decides on.
SEEKERS_TOPIC = "reimpiego.intake.seekers"
VACANCIES_TOPIC = "reimpiego.intake.vacancies"


class SeekerRegisteredView(BaseModel):
    seeker_id: str
    occupation: str | None = None
    skills: list[str] = []
    municipality: str


class VacancyPublishedView(BaseModel):
    vacancy_id: str
    employer_id: str
    title: str
    occupation: str | None = None
    essential_skills: list[str] = []
    optional_skills: list[str] = []
    municipality: str
    municipality_name: str


# Published by matching.
MATCHES_TOPIC = "reimpiego.matching.matches"
SOURCE = "/reimpiego/matching"


class MatchProposed(BaseModel):
    match_id: str = Field(description="Deterministic: one match per vacancy and person.")
    seeker_id: str = Field(description="Pseudonymous id of the person.")
    vacancy_id: str
    employer_id: str
    vacancy_title: str
    municipality: str = Field(description="ISTAT code of the workplace.")
    municipality_name: str
    score: float = Field(ge=0, le=1)
    reasons: list[str] = Field(description="Plain-language reasons, in Italian.")
    proposed_at: datetime


MATCH_PROPOSED = EventContract(
    "match.proposed.v1",
    MATCHES_TOPIC,
    MatchProposed,
    "A person fits a vacancy above the proposal threshold; an operator decides what follows.",
)

CONTRACTS = [MATCH_PROPOSED]
CONSUMED_TOPICS = [SEEKERS_TOPIC, VACANCIES_TOPIC]
