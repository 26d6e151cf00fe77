"""What matching reads (trimmed copies of intake's events) and what it publishes."""

from datetime import date, datetime
from typing import Any

from event_backbone import EventContract
from pydantic import BaseModel, Field

# Read from intake: only the fields matching decides on (pseudonymous ids, no contact data).
SEEKERS_TOPIC = "reimpiego.intake.seekers"
VACANCIES_TOPIC = "reimpiego.intake.vacancies"
PROGRAMMES_TOPIC = "reimpiego.intake.programmes"
PARTNERS_TOPIC = "reimpiego.intake.partners"


class WageGuaranteeView(BaseModel):
    kind: str
    expected_end: date | None = None


class LabourStatusView(BaseModel):
    kind: str
    since: date
    availability_declared_on: date | None = None
    wage_guarantee: WageGuaranteeView | None = None


class WorkExperienceView(BaseModel):
    occupation: str
    sector_ateco: str | None = None
    role_level: str | None = None
    years: float


class LanguageView(BaseModel):
    code: str
    level: str = Field(pattern=r"^(A1|A2|B1|B2|C1|C2|native)$")


class AvailabilityView(BaseModel):
    hours_per_week: int | None = None
    start_date: date | None = None
    mobility_radius_km: int | None = None
    relocation: bool = False


class EducationView(BaseModel):
    isced_level: int


class SeekerProfileView(BaseModel):
    """seeker.registered / seeker.updated: the whole public profile (state transfer)."""

    seeker_id: str
    office_id: str | None = None
    birth_date: date | None = None  # for age rules only, never scored
    municipality: str
    labour_status: LabourStatusView | None = None
    target_groups: list[str] = []
    disability_list_eligible: bool = False  # reserved lists only, never scored
    education: EducationView | None = None
    work_history: list[WorkExperienceView] = []
    occupation: str | None = None
    desired_occupations: list[str] = []
    skills: list[str] = []
    languages: list[LanguageView] = []
    driving_licences: list[str] = []
    availability: AvailabilityView | None = None
    anonymised_profile_to_employers: bool = False
    referred_by: str | None = None  # the partner that referred the person (outcomes by partner)


SeekerRegisteredView = SeekerProfileView


class SeekerStatusChangedView(BaseModel):
    seeker_id: str
    labour_status: LabourStatusView
    target_groups: list[str] = []


class SeekerErasedView(BaseModel):
    seeker_id: str
    erasure_id: str


class PlannedActionView(BaseModel):
    kind: str
    programme_id: str | None = None
    status: str = "planned"


class PactView(BaseModel):
    """pact.signed / pact.updated: the personal plan, for programme fit."""

    seeker_id: str
    pact_id: str
    plan: list[PlannedActionView]


class VacancyDetailsView(BaseModel):
    vacancy_id: str
    employer_id: str
    title: str
    occupation: str | None = None
    essential_skills: list[str] = []
    optional_skills: list[str] = []
    min_education_isced: int | None = None
    languages: list[LanguageView] = []
    driving_licence: str | None = None
    municipality: str
    municipality_name: str
    contract_type: str | None = None
    hours_per_week: int | None = None
    openings: int = 1
    deadline: date | None = None
    reserved_disability_list: bool = False
    status: str = "published"
    published_at: datetime | None = None  # skills demand by period


VacancyPublishedView = VacancyDetailsView


class VacancyClosedView(BaseModel):
    vacancy_id: str
    status: str


class EligibilityView(BaseModel):
    """Rules stay data (dicts with a `kind`): the rule engine reads them, so a new programme of a
    known kind needs no code change."""

    version: int
    rules: list[dict[str, Any]] = []


class ProgrammeDetailsView(BaseModel):
    programme_id: str
    kind: str
    title: str
    provider_id: str | None = None
    partnership_id: str | None = None
    municipality: str | None = None
    capacity: int | None = None
    eligibility: EligibilityView
    status: str = "published"


class ProgrammeClosedView(BaseModel):
    programme_id: str


class ReferralReceivedView(BaseModel):
    """A partner proposed a person (e.g. the trade union of seed 001): outcomes by partner."""

    referral_id: str
    seeker_id: str
    programme_id: str | None = None
    partner_id: str
    source_kind: str


class PartnershipFormedView(BaseModel):
    partnership_id: str
    name: str
    member_ids: list[str]
    lead_id: str


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
    actor_id: str | None = Field(default=None, description="Who made the change, if a person.")
    rule_version: int | None = Field(default=None, description="Eligibility rules applied.")


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
CONSUMED_TOPICS = [SEEKERS_TOPIC, VACANCIES_TOPIC, PROGRAMMES_TOPIC, PARTNERS_TOPIC]
