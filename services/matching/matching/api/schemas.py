"""Response bodies of matching's API."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class MatchPublic(BaseModel):
    id: str
    seeker_id: str
    vacancy_id: str
    employer_id: str
    vacancy_title: str
    municipality: str
    municipality_name: str
    score: float
    breakdown: dict[str, float]
    reasons: list[str]
    status: str
    proposed_at: datetime


class MatchesPublic(BaseModel):
    data: list[MatchPublic]
    count: int


class RankedPublic(BaseModel):
    rank: int
    seeker_id: str
    opportunity_id: str
    kind: str
    title: str
    score: float
    breakdown: dict[str, float]
    reasons: list[str]
    missing_essential: list[str]


class RankingPublic(BaseModel):
    data: list[RankedPublic]
    count: int


class EligibilityPublic(BaseModel):
    seeker_id: str
    programme_id: str
    eligible: bool
    rule_version: int
    reasons: list[str]
    failed_rules: list[str]


class EnrolmentCreate(BaseModel):
    seeker_id: str = Field(min_length=1, max_length=64)


class AttendanceCreate(BaseModel):
    session_id: str = Field(min_length=1, max_length=64)


class EnrolmentPublic(BaseModel):
    id: str
    programme_id: str
    seeker_id: str
    status: str
    ticket: int | None = None
    waiting_position: int | None = None
    session_ids: list[str] = []


class SeatsPublic(BaseModel):
    programme_id: str
    capacity: int | None
    counts: dict[str, int]


class ShortlistCreate(BaseModel):
    seeker_ids: list[str] = Field(min_length=1, max_length=100)


class ShortlistPublic(BaseModel):
    id: str
    vacancy_id: str
    employer_id: str
    seeker_ids: list[str]
    status: str
    created_by: str
    referral_ids: list[str] = []


class ReferralStatusCreate(BaseModel):
    status: str = Field(pattern=r"^(sent_to_employer|interview|hired|not_selected|withdrawn)$")
    interview_at: datetime | None = None


class ReferralPublic(BaseModel):
    id: str
    seeker_id: str
    vacancy_id: str
    employer_id: str
    status: str
    interview_at: datetime | None = None
    history: list[dict[str, Any]]


class CandidateProfile(BaseModel):
    """What an employer sees: the referral's id as a handle, never the person's."""

    referral_id: str
    status: str
    profile: dict[str, Any] | None = Field(
        description="Null when the person did not consent to share an anonymised profile.")


class EmployerShortlist(BaseModel):
    id: str
    vacancy_id: str
    candidates: list[CandidateProfile]


class PlacementCreate(BaseModel):
    seeker_id: str = Field(min_length=1, max_length=64)
    employer_id: str = Field(min_length=1, max_length=64)
    contract_type: str | None = Field(default=None, max_length=40)
    start_date: date
    via_programme_id: str | None = Field(default=None, max_length=64)
    via_referral_id: str | None = Field(default=None, max_length=64)


class FollowUpCreate(BaseModel):
    months: Literal[3, 6, 12]
    employed: bool
    on: date


class PlacementPublic(BaseModel):
    id: str
    seeker_id: str
    employer_id: str
    contract_type: str | None
    start_date: date
    via_programme_id: str | None
    via_referral_id: str | None
    follow_ups: dict[str, dict[str, Any]]


class RatePublic(BaseModel):
    group: str
    people: int
    placed: int
    rate: float | None


class RatesPublic(BaseModel):
    by: str
    start: date
    end: date
    data: list[RatePublic]


class SkillBalancePublic(BaseModel):
    skill: str
    demand: int
    supply: int


class SkillsShortagePublic(BaseModel):
    province: str | None
    shortage: list[SkillBalancePublic]
    surplus: list[SkillBalancePublic]


class TargetCompanyPublic(BaseModel):
    employer_id: str
    score: int
    reasons: list[str]
