"""Request and response bodies of the vacancy routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from intake.api.schemas.seekers import ISTAT_CODE


class VacancyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    employer_id: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=200, examples=["Impiegato amministrativo"])
    occupation: str | None = Field(default=None, max_length=300)
    essential_skills: list[str] = Field(default_factory=list, max_length=100)
    optional_skills: list[str] = Field(default_factory=list, max_length=100)
    municipality: str = ISTAT_CODE
    openings: int = Field(default=1, ge=1, le=10000)


class VacancyPublic(BaseModel):
    id: str
    version: int
    employer_id: str
    title: str
    occupation: str | None
    essential_skills: list[str]
    optional_skills: list[str]
    municipality: str
    openings: int
    status: str
    published_at: datetime
