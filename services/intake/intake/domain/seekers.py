"""A person in care (persona in carico): what an operator declares (`SeekerDraft`), checked and
normalised into the record (`Seeker`) that records its own events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from intake.contracts import (
    Availability,
    Education,
    LabourStatus,
    Language,
    TargetGroup,
    WorkExperience,
)
from intake.domain.aggregate import Aggregate

ISTAT = Field(pattern=r"^[0-9]{6}$", description="ISTAT municipality code.", examples=["036023"])


class ConsentsDraft(BaseModel):
    """What the person agreed to; the time of each change is recorded."""

    model_config = ConfigDict(extra="forbid")
    data_processing: bool = False
    partner_sharing: bool = Field(default=False, description="Share with partner organisations.")
    anonymised_profile_to_employers: bool = False


class SeekerDraft(BaseModel):
    """Everything an operator (or an import row) declares about a person."""

    model_config = ConfigDict(extra="forbid")

    given_name: str = Field(min_length=1, max_length=100, examples=["Maria"])
    family_name: str = Field(min_length=1, max_length=100, examples=["Rossi"])
    tax_code: str = Field(min_length=16, max_length=16, description="Codice fiscale.",
                          examples=["RSSMRA80A41F257K"])
    birth_date: date | None = Field(default=None, description="Must match the tax code; "
                                    "derived from it when absent.")
    sex: str | None = Field(default=None, pattern=r"^[MFmf]$", description="As on the tax code.")
    birthplace: str | None = Field(default=None, max_length=6, description="Cadastral code "
                                   "(F257) or ISTAT code (036023); must match the tax code.")
    citizenship: str = Field(default="IT", pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1.")
    municipality: str = ISTAT
    address: str | None = Field(default=None, max_length=200, examples=["Via Emilia 1"])
    email: EmailStr = Field(examples=["maria.rossi@example.org"])
    phone: str | None = Field(default=None, max_length=20, examples=["+393331234567"])
    locale: str = Field(default="it", pattern=r"^[a-z]{2}$")
    office_id: str | None = Field(default=None, max_length=64)
    labour_status: LabourStatus | None = None
    declared_target_groups: list[TargetGroup] = Field(default_factory=list, max_length=8)
    education: Education | None = None
    work_history: list[WorkExperience] = Field(default_factory=list, max_length=50)
    occupation: str | None = Field(default=None, max_length=300,
                                   description="ESCO occupation URI or free text.")
    desired_occupations: list[str] = Field(default_factory=list, max_length=20)
    skills: list[str] = Field(default_factory=list, max_length=100,
                              examples=[["contabilità", "Excel"]])
    languages: list[Language] = Field(default_factory=list, max_length=20)
    driving_licences: list[str] = Field(default_factory=list, max_length=16, examples=[["B"]])
    availability: Availability | None = None
    consents: ConsentsDraft = Field(default_factory=ConsentsDraft)
    referred_by: str | None = Field(default=None, max_length=64)


class Consent(BaseModel):
    given: bool = False
    changed_at: datetime | None = None


class Consents(BaseModel):
    data_processing: Consent = Field(default_factory=Consent)
    partner_sharing: Consent = Field(default_factory=Consent)
    anonymised_profile_to_employers: Consent = Field(default_factory=Consent)


class Seeker(SeekerDraft, Aggregate):
    """The stored record; derived facts (target groups, province) are kept beside declared ones."""

    model_config = ConfigDict(extra="ignore")

    birth_date: date
    sex: str
    birthplace: str
    province: str
    target_groups: list[TargetGroup] = Field(default_factory=list)
    target_groups_review_on: date | None = None  # next birthday that changes a derived group
    disability_list_eligible: bool = False
    status_history: list[LabourStatus] = Field(default_factory=list)
    consents: Consents = Field(default_factory=Consents)  # type: ignore[assignment]
    registered_at: datetime
    updated_at: datetime
    def draft(self) -> dict[str, Any]:
        """The declared part, as a draft would state it (for merging a change into it)."""
        declared = self.model_dump(include=set(SeekerDraft.model_fields) - {"consents"})
        declared["consents"] = {name: getattr(self.consents, name).given
                                for name in ConsentsDraft.model_fields}
        return declared


def merge_consents(current: Consents, wanted: ConsentsDraft, now: datetime) -> Consents:
    """Keep each consent's timestamp unless its value changes."""
    merged = current.model_copy(deep=True)
    for name in ConsentsDraft.model_fields:
        consent: Consent = getattr(merged, name)
        given = getattr(wanted, name)
        if consent.given != given or consent.changed_at is None and given:
            setattr(merged, name, Consent(given=given, changed_at=now))
    return merged
