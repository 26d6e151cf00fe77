"""Bodies of the service pact (patto di servizio) resource."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.domain.pacts import ActionDraft, Pact, PactStatus

PLAN_EXAMPLE = [
    {"kind": "orientation_interview", "due_date": "2026-12-01"},
    {"kind": "cv_workshop", "due_date": "2026-12-10"},
    {"kind": "training", "programme_id": "prog-excel", "due_date": "2027-01-15"},
    {"kind": "job_club"},
]


class PactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"seeker_id": "5b0c…", "operator_id": "op-rossi", "plan": PLAN_EXAMPLE}]})

    seeker_id: str = Field(max_length=64)
    operator_id: str | None = Field(default=None, max_length=64,
                                    description="Assigned operator; the caller when absent.")
    plan: list[ActionDraft] = Field(default_factory=list, max_length=50,
                                    description="Ordered planned actions.")


class PactUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"status": "suspended", "reason": "temporary contract until March"},
        {"operator_id": "op-bianchi"}]})

    operator_id: str | None = Field(default=None, max_length=64)
    status: PactStatus | None = None
    reason: str | None = Field(default=None, max_length=500)
    plan: list[ActionDraft] | None = Field(default=None, max_length=50)


class PlanReplace(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"plan": PLAN_EXAMPLE}]})

    plan: list[ActionDraft] = Field(max_length=50)


class PactPublic(Pact):
    pass


class PactsPublic(BaseModel):
    data: list[PactPublic]
    count: int
    page: int
    per_page: int
