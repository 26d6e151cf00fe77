"""The events notifications reads: trimmed copies of the producers' contracts (only what a message
needs), and the topics they travel on."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

SEEKERS_TOPIC = "reimpiego.intake.seekers"
APPOINTMENTS_TOPIC = "reimpiego.intake.appointments"
VACANCIES_TOPIC = "reimpiego.intake.vacancies"
PROGRAMMES_TOPIC = "reimpiego.intake.programmes"
PARTNERS_TOPIC = "reimpiego.intake.partners"
MATCHES_TOPIC = "reimpiego.matching.matches"
ENROLMENTS_TOPIC = "reimpiego.matching.enrolments"
OUTCOMES_TOPIC = "reimpiego.matching.outcomes"
CONSUMED_TOPICS = [
    SEEKERS_TOPIC, APPOINTMENTS_TOPIC, VACANCIES_TOPIC, PROGRAMMES_TOPIC, MATCHES_TOPIC,
    ENROLMENTS_TOPIC, OUTCOMES_TOPIC,
]
# Downstream systems may subscribe to any of these (the envelope is forwarded as it is).
WEBHOOK_TOPICS = [*CONSUMED_TOPICS, PARTNERS_TOPIC]
WEBHOOK_EVENT_TYPES = [
    "seeker.registered.v1", "seeker.updated.v1", "seeker.status_changed.v1", "seeker.erased.v1",
    "pact.signed.v1", "pact.updated.v1", "appointment.scheduled.v1",
    "appointment.rescheduled.v1", "appointment.cancelled.v1", "appointment.attended.v1",
    "appointment.missed.v1", "vacancy.published.v1", "vacancy.updated.v1", "vacancy.closed.v1",
    "programme.published.v1", "programme.updated.v1", "programme.closed.v1",
    "partnership.formed.v1", "referral.received.v1", "match.proposed.v1",
    "shortlist.confirmed.v1", "referral.status_changed.v1", "enrolment.changed.v1",
    "placement.recorded.v1",
]


class SeekerProfileView(BaseModel):
    """seeker.registered / seeker.updated: only which office looks after the person."""

    seeker_id: str
    office_id: str | None = None


class WageGuaranteeView(BaseModel):
    expected_end: date | None = None


class LabourStatusView(BaseModel):
    kind: str
    wage_guarantee: WageGuaranteeView | None = None


class SeekerStatusChangedView(BaseModel):
    seeker_id: str
    labour_status: LabourStatusView


class SeekerErasedView(BaseModel):
    seeker_id: str


class AppointmentView(BaseModel):
    """appointment.scheduled / rescheduled / cancelled / attended / missed."""

    appointment_id: str
    seeker_id: str
    office_id: str
    operator_id: str
    kind: str
    starts_at: datetime
    status: str


class SessionView(BaseModel):
    session_id: str
    starts_at: datetime
    place: str | None = None


class ProgrammeView(BaseModel):
    programme_id: str
    title: str
    sessions: list[SessionView] = []


class VacancyView(BaseModel):
    vacancy_id: str
    title: str


class MatchProposedView(BaseModel):
    match_id: str
    seeker_id: str
    vacancy_title: str
    municipality_name: str
    reasons: list[str] = []


class ShortlistConfirmedView(BaseModel):
    shortlist_id: str
    vacancy_id: str
    employer_id: str
    seeker_ids: list[str]


class ReferralStatusChangedView(BaseModel):
    referral_id: str
    seeker_id: str
    vacancy_id: str
    employer_id: str
    status: str
    interview_at: datetime | None = None


class EnrolmentChangedView(BaseModel):
    enrolment_id: str
    programme_id: str
    seeker_id: str
    status: str
    waiting_position: int | None = None
    session_ids: list[str] = []


class PlacementRecordedView(BaseModel):
    placement_id: str
    seeker_id: str
    employer_id: str
    start_date: date
