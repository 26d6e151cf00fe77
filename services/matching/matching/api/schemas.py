"""Response bodies of matching's API."""

from datetime import datetime

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
