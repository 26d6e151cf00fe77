"""The events intake publishes. Intake owns these contracts; consumers keep trimmed copies.

Events carry a pseudonymous seeker id and what matching and notifications need to decide — never a
name, tax code, contact detail or health information. The only trace of the law 68/1999 lists is
the boolean `disability_list_eligible`; the birth date travels for age-based eligibility rules only
(matching never scores on it).

Person, vacancy and programme events carry the aggregate's whole public state ("state transfer"),
so a consumer's projection is rebuilt from the latest event of each aggregate alone.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from event_backbone import EventContract
from pydantic import BaseModel, Field

SOURCE = "/reimpiego/intake"
SEEKERS_TOPIC = "reimpiego.intake.seekers"
APPOINTMENTS_TOPIC = "reimpiego.intake.appointments"
VACANCIES_TOPIC = "reimpiego.intake.vacancies"
PROGRAMMES_TOPIC = "reimpiego.intake.programmes"
PARTNERS_TOPIC = "reimpiego.intake.partners"
TOPICS = [SEEKERS_TOPIC, APPOINTMENTS_TOPIC, VACANCIES_TOPIC, PROGRAMMES_TOPIC, PARTNERS_TOPIC]

ISTAT = Field(pattern=r"^[0-9]{6}$", description="ISTAT municipality code.", examples=["036023"])


# ---------------------------------------------------------------- vocabulary --


class LabourStatusKind(StrEnum):
    UNEMPLOYED = "unemployed"  # disoccupato, with a declaration of availability (DID)
    NEVER_EMPLOYED = "never_employed"  # inoccupato
    EMPLOYED_AT_RISK = "employed_at_risk"
    WAGE_GUARANTEE = "wage_guarantee"  # cassa integrazione
    NASPI = "naspi"  # unemployment benefit recipient


class WageGuaranteeKind(StrEnum):
    ORDINARY = "ordinary"  # CIGO
    EXTRAORDINARY = "extraordinary"  # CIGS
    BUSINESS_CLOSURE = "business_closure"  # CIGS per cessazione di attività


class TargetGroup(StrEnum):
    YOUNG = "young"  # under 30
    NEET = "neet"  # young, not in employment, education or training
    ADULT_OUT_OF_WORK = "adult_out_of_work"
    OVER_60 = "over_60"
    WOMEN_RETURNING = "women_returning"  # declared
    SENIOR_PROFESSIONAL = "senior_professional"  # manager / middle manager / top clerical
    GRADUATE = "graduate"  # ISCED 6+
    DISABILITY_LIST = "disability_list"  # law 68/1999 lists: the eligibility flag, never details


class RoleLevel(StrEnum):
    WORKER = "worker"
    CLERK = "clerk"
    TOP_CLERICAL = "top_clerical"  # impiegato direttivo / quadro di primo livello
    MIDDLE_MANAGER = "middle_manager"  # quadro
    MANAGER = "manager"  # dirigente


class ProgrammeKind(StrEnum):
    TRAINING_COURSE = "training_course"
    SHORT_MODULE = "short_module"
    INDIVIDUAL_ORIENTATION = "individual_orientation"
    GROUP_ORIENTATION = "group_orientation"
    SELF_HELP_GROUP = "self_help_group"  # gruppi di auto-mutuo aiuto, with a facilitator
    JOB_CLUB = "job_club"
    INTERNSHIP = "internship"
    INTERNSHIP_ABROAD = "internship_abroad"  # e.g. Erasmus+
    DISABILITY_INTERNSHIP = "disability_internship"  # e.g. ILCom, law 68/1999 lists
    PUBLIC_UTILITY_WORK = "public_utility_work"  # cantieri di lavoro, regional law 34/2008
    ACTIVE_SEARCH_PATH = "active_search_path"  # structured active job-search path
    SELF_EMPLOYMENT = "self_employment"  # microcredit, guarantee funds, coworking, prizes
    OUTPLACEMENT = "outplacement"
    SENIOR_PROFESSIONAL_DESK = "senior_professional_desk"
    CONTRACT_ASSISTANCE = "contract_assistance"  # help with the contract after an offer
    RECEPTION = "reception"  # accoglienza e informazione


class ContractType(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    APPRENTICESHIP = "apprenticeship"
    INTERNSHIP = "internship"
    TEMPORARY_AGENCY = "temporary_agency"
    PART_TIME = "part_time"
    SEASONAL = "seasonal"
    SELF_EMPLOYED = "self_employed"


# ------------------------------------------------------------ shared shapes --


class WageGuarantee(BaseModel):
    kind: WageGuaranteeKind
    employer_id: str | None = None
    hours_reduction_pct: int | None = Field(default=None, ge=0, le=100)
    expected_end: date | None = Field(default=None, description="When the wage guarantee ends.")


class LabourStatus(BaseModel):
    kind: LabourStatusKind
    since: date
    availability_declared_on: date | None = Field(
        default=None, description="Date of the declaration of availability (DID)."
    )
    wage_guarantee: WageGuarantee | None = None


class Education(BaseModel):
    isced_level: int = Field(ge=0, le=8)
    title: str | None = None


class WorkExperience(BaseModel):
    occupation: str = Field(description="ESCO occupation URI or free text.")
    sector_ateco: str | None = Field(default=None, description="ATECO code, e.g. 64.19.")
    role_level: RoleLevel | None = None
    years: float = Field(ge=0, le=60)


class Language(BaseModel):
    code: str = Field(description="ISO 639-1 language code.", examples=["en"])
    level: str = Field(pattern=r"^(A1|A2|B1|B2|C1|C2|native)$")


class Availability(BaseModel):
    hours_per_week: int | None = Field(default=None, ge=1, le=60)
    start_date: date | None = None
    mobility_radius_km: int | None = Field(default=None, ge=0, le=1000)
    relocation: bool = False


class SeekerProfile(BaseModel):
    """A person's profile as matching needs it: no name, tax code, contact, sex, citizenship or
    disability details."""

    seeker_id: str = Field(description="Pseudonymous id of the person in care.")
    office_id: str | None = Field(default=None, description="Job centre in charge.")
    birth_date: date | None = Field(
        default=None, description="For age-based eligibility rules only; never scored."
    )
    municipality: str = ISTAT
    labour_status: LabourStatus | None = None
    target_groups: list[TargetGroup] = Field(default_factory=list)
    disability_list_eligible: bool = Field(
        default=False, description="On the law 68/1999 lists: the only disability fact shared."
    )
    education: Education | None = None
    work_history: list[WorkExperience] = Field(default_factory=list)
    occupation: str | None = Field(default=None, description="Last or main occupation.")
    desired_occupations: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list, description="ESCO skill URIs or free text.")
    languages: list[Language] = Field(default_factory=list)
    driving_licences: list[str] = Field(default_factory=list, examples=[["B"]])
    availability: Availability | None = None
    shares_with_partners: bool = Field(
        default=False, description="Consented to sharing with partner organisations."
    )
    anonymised_profile_to_employers: bool = False
    referred_by: str | None = Field(default=None, description="Partner that referred the person.")
    registered_at: datetime


# ------------------------------------------------------------------ seekers --


class SeekerRegistered(SeekerProfile):
    pass


class SeekerUpdated(SeekerProfile):
    pass


class SeekerStatusChanged(BaseModel):
    seeker_id: str
    labour_status: LabourStatus
    target_groups: list[TargetGroup] = Field(default_factory=list)
    changed_at: datetime


class SeekerErased(BaseModel):
    """Every service removes or irreversibly anonymises the person and confirms."""

    seeker_id: str
    erasure_id: str
    requested_at: datetime


class PlannedAction(BaseModel):
    action_id: str
    kind: str = Field(examples=["orientation_interview", "cv_workshop", "training", "job_club"])
    programme_id: str | None = None
    due_date: date | None = None
    status: str = Field(default="planned", pattern=r"^(planned|in_progress|done|dropped)$")


class PactSigned(BaseModel):
    """Patto di servizio: the service pact and its personal plan."""

    seeker_id: str
    pact_id: str
    office_id: str | None = None
    operator_id: str
    status: str
    plan: list[PlannedAction]
    signed_at: datetime


class PactUpdated(PactSigned):
    pass


# ------------------------------------------------------------- appointments --


class AppointmentDetails(BaseModel):
    appointment_id: str
    seeker_id: str
    office_id: str
    operator_id: str
    kind: str = Field(examples=["orientation_interview"])
    starts_at: datetime
    ends_at: datetime
    status: str = Field(pattern=r"^(scheduled|cancelled|attended|missed)$")


class AppointmentScheduled(AppointmentDetails):
    pass


class AppointmentRescheduled(AppointmentDetails):
    previous_starts_at: datetime


class AppointmentCancelled(AppointmentDetails):
    reason: str | None = None


class AppointmentAttended(AppointmentDetails):
    pass


class AppointmentMissed(AppointmentDetails):
    pass


# ---------------------------------------------------------------- vacancies --


class VacancyDetails(BaseModel):
    vacancy_id: str
    employer_id: str
    employer_sector_ateco: str | None = None
    title: str
    occupation: str | None = Field(default=None, description="ESCO occupation URI or free text.")
    essential_skills: list[str] = Field(default_factory=list)
    optional_skills: list[str] = Field(default_factory=list)
    min_education_isced: int | None = Field(default=None, ge=0, le=8)
    languages: list[Language] = Field(default_factory=list)
    driving_licence: str | None = None
    municipality: str = ISTAT
    municipality_name: str
    contract_type: ContractType | None = None
    hours_per_week: int | None = Field(default=None, ge=1, le=60)
    openings: int = Field(ge=1)
    deadline: date | None = None
    reserved_disability_list: bool = Field(
        default=False, description="Reserved to people on the law 68/1999 lists."
    )
    status: str = Field(pattern=r"^(draft|published|closed|filled)$")
    published_at: datetime


class VacancyPublished(VacancyDetails):
    pass


class VacancyUpdated(VacancyDetails):
    pass


class VacancyClosed(BaseModel):
    vacancy_id: str
    employer_id: str
    status: str = Field(pattern=r"^(closed|filled)$")
    closed_at: datetime


# --------------------------------------------------------------- programmes --


class AgeRule(BaseModel):
    kind: Literal["age"] = "age"
    min: int | None = Field(default=None, ge=0, le=120)
    max: int | None = Field(default=None, ge=0, le=120)


class TargetGroupRule(BaseModel):
    kind: Literal["target_group"] = "target_group"
    any_of: list[TargetGroup]


class LabourStatusRule(BaseModel):
    kind: Literal["labour_status"] = "labour_status"
    any_of: list[LabourStatusKind]
    wage_guarantee_any_of: list[WageGuaranteeKind] = Field(default_factory=list)


class ResidenceRule(BaseModel):
    kind: Literal["residence"] = "residence"
    municipalities: list[str] = Field(default_factory=list, description="ISTAT codes.")
    provinces: list[str] = Field(default_factory=list, description="Abbreviations, e.g. MO.")
    regions: list[int] = Field(default_factory=list, description="ISTAT region codes 1-20.")


class PrerequisiteRule(BaseModel):
    """Completed programmes required first (e.g. Job Club after a structured active-search path)."""

    kind: Literal["prerequisite"] = "prerequisite"
    completed_programme_ids: list[str] = Field(default_factory=list)
    completed_programme_kinds: list[ProgrammeKind] = Field(default_factory=list)


class DisabilityListRule(BaseModel):
    kind: Literal["disability_list"] = "disability_list"


class ExperienceRule(BaseModel):
    kind: Literal["experience"] = "experience"
    min_years: float = Field(ge=0)
    role_levels_any_of: list[RoleLevel] = Field(default_factory=list)
    sectors_ateco_any_of: list[str] = Field(default_factory=list)


EligibilityRule = Annotated[
    AgeRule
    | TargetGroupRule
    | LabourStatusRule
    | ResidenceRule
    | PrerequisiteRule
    | DisabilityListRule
    | ExperienceRule,
    Field(discriminator="kind"),
]


class Eligibility(BaseModel):
    """Every rule must hold. Versioned: a change makes a new version, and events carry it."""

    version: int = Field(ge=1)
    rules: list[EligibilityRule] = Field(default_factory=list)
    required_documents: list[str] = Field(default_factory=list)


class Funding(BaseModel):
    source: str = Field(examples=["Regione Lombardia — Dote ricollocazione"])
    scheme: str | None = Field(default=None, examples=["voucher"])
    budget_eur: float | None = Field(default=None, ge=0)


class Session(BaseModel):
    session_id: str
    starts_at: datetime
    ends_at: datetime
    place: str | None = None
    resource: str | None = Field(default=None, examples=["10 postazioni informatiche"])
    facilitator: str | None = None


class Allowance(BaseModel):
    amount_eur: float = Field(ge=0)
    period: str = Field(examples=["month", "hour", "one_off"])


class ProgrammeDetails(BaseModel):
    programme_id: str
    kind: ProgrammeKind
    title: str
    provider_id: str | None = Field(default=None, description="The partner that runs it.")
    partnership_id: str | None = None
    office_id: str | None = None
    municipality: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    funding: Funding | None = None
    capacity: int | None = Field(default=None, ge=1, description="Seats; None means no limit.")
    sessions: list[Session] = Field(default_factory=list)
    allowance: Allowance | None = None
    eligibility: Eligibility
    status: str = Field(pattern=r"^(draft|published|closed)$")
    published_at: datetime


class ProgrammePublished(ProgrammeDetails):
    pass


class ProgrammeUpdated(ProgrammeDetails):
    pass


class ProgrammeClosed(BaseModel):
    programme_id: str
    closed_at: datetime


# ----------------------------------------------------------------- partners --


class PartnershipFormed(BaseModel):
    """A territorial partnership: at least three members, one an accredited operator."""

    partnership_id: str
    name: str
    member_ids: list[str]
    lead_id: str = Field(description="The accredited labour-service operator in charge.")
    budget_eur: float | None = None
    formed_at: datetime


class ReferralReceived(BaseModel):
    """A partner proposed a person for a programme (e.g. the trade union in seed 001)."""

    referral_id: str
    seeker_id: str
    programme_id: str | None = None
    partner_id: str
    source_kind: str = Field(examples=["trade_union", "association", "operator", "municipality"])
    received_at: datetime


def _contract(event_type: str, topic: str, model: type[BaseModel], summary: str) -> EventContract:
    return EventContract(event_type, topic, model, summary)


SEEKER_REGISTERED = _contract("seeker.registered.v1", SEEKERS_TOPIC, SeekerRegistered,
                              "A person was taken into care.")
SEEKER_UPDATED = _contract("seeker.updated.v1", SEEKERS_TOPIC, SeekerUpdated,
                           "A person's profile changed.")
SEEKER_STATUS_CHANGED = _contract("seeker.status_changed.v1", SEEKERS_TOPIC, SeekerStatusChanged,
                                  "A person's labour status changed.")
SEEKER_ERASED = _contract("seeker.erased.v1", SEEKERS_TOPIC, SeekerErased,
                          "A person's data must be erased everywhere.")
PACT_SIGNED = _contract("pact.signed.v1", SEEKERS_TOPIC, PactSigned,
                        "A service pact (patto di servizio) was signed.")
PACT_UPDATED = _contract("pact.updated.v1", SEEKERS_TOPIC, PactUpdated,
                         "A service pact or its personal plan changed.")
APPOINTMENT_SCHEDULED = _contract("appointment.scheduled.v1", APPOINTMENTS_TOPIC,
                                  AppointmentScheduled, "An interview was booked.")
APPOINTMENT_RESCHEDULED = _contract("appointment.rescheduled.v1", APPOINTMENTS_TOPIC,
                                    AppointmentRescheduled, "An interview was moved.")
APPOINTMENT_CANCELLED = _contract("appointment.cancelled.v1", APPOINTMENTS_TOPIC,
                                  AppointmentCancelled, "An interview was cancelled.")
APPOINTMENT_ATTENDED = _contract("appointment.attended.v1", APPOINTMENTS_TOPIC,
                                 AppointmentAttended, "The person came to the interview.")
APPOINTMENT_MISSED = _contract("appointment.missed.v1", APPOINTMENTS_TOPIC, AppointmentMissed,
                               "The person did not come to the interview.")
VACANCY_PUBLISHED = _contract("vacancy.published.v1", VACANCIES_TOPIC, VacancyPublished,
                              "A vacancy is open to candidates.")
VACANCY_UPDATED = _contract("vacancy.updated.v1", VACANCIES_TOPIC, VacancyUpdated,
                            "A published vacancy changed.")
VACANCY_CLOSED = _contract("vacancy.closed.v1", VACANCIES_TOPIC, VacancyClosed,
                           "A vacancy was closed or filled.")
PROGRAMME_PUBLISHED = _contract("programme.published.v1", PROGRAMMES_TOPIC, ProgrammePublished,
                                "A programme (percorso) is open, with its eligibility rules.")
PROGRAMME_UPDATED = _contract("programme.updated.v1", PROGRAMMES_TOPIC, ProgrammeUpdated,
                              "A programme or its rules changed.")
PROGRAMME_CLOSED = _contract("programme.closed.v1", PROGRAMMES_TOPIC, ProgrammeClosed,
                             "A programme no longer takes people.")
PARTNERSHIP_FORMED = _contract("partnership.formed.v1", PARTNERS_TOPIC, PartnershipFormed,
                               "A territorial partnership was formed.")
REFERRAL_RECEIVED = _contract("referral.received.v1", PARTNERS_TOPIC, ReferralReceived,
                              "A partner proposed a person for a programme.")

CONTRACTS = [
    SEEKER_REGISTERED, SEEKER_UPDATED, SEEKER_STATUS_CHANGED, SEEKER_ERASED, PACT_SIGNED,
    PACT_UPDATED, APPOINTMENT_SCHEDULED, APPOINTMENT_RESCHEDULED, APPOINTMENT_CANCELLED,
    APPOINTMENT_ATTENDED, APPOINTMENT_MISSED, VACANCY_PUBLISHED, VACANCY_UPDATED, VACANCY_CLOSED,
    PROGRAMME_PUBLISHED, PROGRAMME_UPDATED, PROGRAMME_CLOSED, PARTNERSHIP_FORMED,
    REFERRAL_RECEIVED,
]
