"""Request and response bodies of the appointment routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from intake.domain.appointments import Appointment


class AppointmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "seeker_id": "5f0c…", "office_id": "3a1e…", "operator_id": "op-1",
        "kind": "orientation_interview", "starts_at": "2026-12-01T10:00:00+01:00",
        "ends_at": "2026-12-01T10:45:00+01:00",
    }]})

    seeker_id: str = Field(min_length=1, max_length=64)
    office_id: str = Field(min_length=1, max_length=64)
    operator_id: str = Field(min_length=1, max_length=64)
    kind: str = Field(default="orientation_interview", min_length=1, max_length=64,
                      examples=["orientation_interview", "contract_assistance", "cv_review"])
    starts_at: datetime = Field(description="With a time-zone offset; on a quarter hour.")
    ends_at: datetime
    notes: str | None = Field(default=None, max_length=2000)


class AppointmentReschedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_at: datetime
    ends_at: datetime
    operator_id: str | None = Field(default=None, min_length=1, max_length=64,
                                    description="Another operator of the same office, if any.")


class AppointmentCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=500)


class AppointmentPublic(Appointment):
    pass
