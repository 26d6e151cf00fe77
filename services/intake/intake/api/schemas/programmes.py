"""Request and response bodies of the programme routes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from intake.api.schemas.updates import PartialUpdate
from intake.contracts import Allowance, EligibilityRule, Funding, ProgrammeKind, Session
from intake.domain.programmes import Programme

EXAMPLE: dict[str, Any] = {
    "kind": "self_help_group", "title": "Gruppi di auto mutuo aiuto — Villa Scheibler",
    "provider_id": "<partner id of the Camera del Lavoro>", "municipality": "015146",
    "capacity": 10,
    "sessions": [{"session_id": "s1", "starts_at": "2026-12-02T09:00:00+01:00",
                  "ends_at": "2026-12-02T18:00:00+01:00",
                  "place": "Villa Scheibler, Quarto Oggiaro",
                  "resource": "10 postazioni informatiche", "facilitator": "facilitatrice"}],
    "eligibility": {"rules": [
        {"kind": "labour_status", "any_of": ["unemployed", "never_employed", "wage_guarantee"]},
        {"kind": "residence", "municipalities": ["015146"]}]},
    "publish": True,
}


class EligibilityInput(BaseModel):
    """Every rule must hold. The version is the platform's to assign."""

    model_config = ConfigDict(extra="forbid")

    rules: list[EligibilityRule] = Field(default_factory=list, max_length=50)
    required_documents: list[str] = Field(default_factory=list, max_length=50,
                                          examples=[["DID", "documento di identità"]])


class ProgrammeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    kind: ProgrammeKind
    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    provider_id: str | None = Field(default=None, max_length=64,
                                    description="The partner organisation that runs it.")
    partnership_id: str | None = Field(default=None, max_length=64)
    office_id: str | None = Field(default=None, max_length=64)
    municipality: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    funding: Funding | None = None
    capacity: int | None = Field(default=None, ge=1, le=100000, description="Seats.")
    sessions: list[Session] = Field(default_factory=list, max_length=500)
    allowance: Allowance | None = None
    eligibility: EligibilityInput = Field(default_factory=EligibilityInput)
    publish: bool = Field(default=False, description="Publish at once instead of a draft.")


class ProgrammeUpdate(PartialUpdate):
    not_nullable = frozenset({"title", "sessions", "eligibility"})

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    provider_id: str | None = Field(default=None, max_length=64)
    partnership_id: str | None = Field(default=None, max_length=64)
    office_id: str | None = Field(default=None, max_length=64)
    municipality: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    funding: Funding | None = None
    capacity: int | None = Field(default=None, ge=1, le=100000)
    sessions: list[Session] | None = Field(default=None, max_length=500)
    allowance: Allowance | None = None
    eligibility: EligibilityInput | None = Field(
        default=None, description="New rules make a new eligibility version.")


class ProgrammePublic(Programme):
    pass


