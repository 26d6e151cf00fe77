"""What matching reads (trimmed copies of intake's events) and what it publishes."""

from datetime import date, datetime

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


class ShortlistConfirmed(BaseModel):
    shortlist_id: str
    vacancy_id: str
    employer_id: str
    seeker_ids: list[str]
    confirmed_by: str = Field(description="Operator who confirmed it.")
    confirmed_at: datetime


class ReferralStatusChanged(BaseModel):
    """A person referred to an employer: proposed → sent_to_employer → interview → hired /
    not_selected / withdrawn."""

    referral_id: str
    seeker_id: str
    vacancy_id: str
    employer_id: str
    status: str = Field(
        pattern=r"^(proposed|sent_to_employer|interview|hired|not_selected|withdrawn)$"
    )
    interview_at: datetime | None = None
    actor_id: str = Field(description="Who made the change.")
    changed_at: datetime


class EnrolmentChanged(BaseModel):
    """A person's place in a programme: a seat, a waiting-list position, or the way out."""

    enrolment_id: str
    programme_id: str
    seeker_id: str
    status: str = Field(
        pattern=r"^(enrolled|waitlisted|promoted|withdrawn|attended|completed)$"
    )
    waiting_position: int | None = Field(default=None, ge=1)
    session_ids: list[str] = Field(default_factory=list)
    changed_at: datetime


class PlacementRecorded(BaseModel):
    placement_id: str
    seeker_id: str
    employer_id: str
    contract_type: str | None = None
    start_date: date
    via_programme_id: str | None = None
    via_referral_id: str | None = None
    recorded_at: datetime


MATCH_PROPOSED = EventContract(
    "match.proposed.v1",
    MATCHES_TOPIC,
    MatchProposed,
    "A person fits a vacancy above the proposal threshold; an operator decides what follows.",
)

SHORTLIST_CONFIRMED = EventContract(
    "shortlist.confirmed.v1", MATCHES_TOPIC, ShortlistConfirmed,
    "An operator confirmed a shortlist for a vacancy.",
)
REFERRAL_STATUS_CHANGED = EventContract(
    "referral.status_changed.v1", MATCHES_TOPIC, ReferralStatusChanged,
    "A referral to an employer moved on; says who moved it.",
)
ENROLMENTS_TOPIC = "reimpiego.matching.enrolments"
ENROLMENT_CHANGED = EventContract(
    "enrolment.changed.v1", ENROLMENTS_TOPIC, EnrolmentChanged,
    "A seat was allocated, a waiting-list position given, or the person left the programme.",
)
OUTCOMES_TOPIC = "reimpiego.matching.outcomes"
PLACEMENT_RECORDED = EventContract(
    "placement.recorded.v1", OUTCOMES_TOPIC, PlacementRecorded, "A person was hired."
)

CONTRACTS = [
    MATCH_PROPOSED, SHORTLIST_CONFIRMED, REFERRAL_STATUS_CHANGED, ENROLMENT_CHANGED,
    PLACEMENT_RECORDED,
]
CONSUMED_TOPICS = [SEEKERS_TOPIC, VACANCIES_TOPIC]
