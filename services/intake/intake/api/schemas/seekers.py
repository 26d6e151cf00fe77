"""Bodies of the people-in-care resource: create, partial update, public record, pages, contact."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from intake.contracts import LabourStatus
from intake.domain.seekers import ISTAT, Seeker, SeekerDraft

ISTAT_CODE = ISTAT  # shared with the other resources' schemas

EXAMPLE = {
    "given_name": "Maria", "family_name": "Rossi", "tax_code": "RSSMRA80A41F257K",
    "birth_date": "1980-01-01", "sex": "F", "birthplace": "F257", "citizenship": "IT",
    "municipality": "036023", "address": "Via Emilia 1", "email": "maria.rossi@example.org",
    "phone": "+393331234567",
    "labour_status": {"kind": "wage_guarantee", "since": "2026-03-01",
                      "wage_guarantee": {"kind": "business_closure", "employer_id": "emp-1",
                                         "hours_reduction_pct": 100,
                                         "expected_end": "2027-03-01"}},
    "declared_target_groups": ["women_returning"],
    "education": {"isced_level": 6, "title": "Laurea in economia"},
    "work_history": [{"occupation": "impiegata amministrativa", "sector_ateco": "25.11",
                      "role_level": "clerk", "years": 18}],
    "occupation": "impiegata amministrativa", "skills": ["contabilità", "Excel"],
    "languages": [{"code": "en", "level": "B2"}], "driving_licences": ["B"],
    "availability": {"hours_per_week": 36, "mobility_radius_km": 30},
    "consents": {"data_processing": True, "partner_sharing": True},
}


class SeekerCreate(SeekerDraft):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})


SeekerUpdate = create_model(  # every field optional: only what is sent changes
    "SeekerUpdate",
    __config__=ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"phone": "+393339876543", "skills": ["contabilità", "Excel", "SAP"]}]}),
    **{name: (field.annotation | None, None)  # type: ignore[operator]
       for name, field in SeekerDraft.model_fields.items()},
)


class SeekerPublic(Seeker):
    """The whole record, as operators of the person's office see it."""


class SeekerPartnerView(BaseModel):
    """What a partner organisation sees of a person it referred or who agreed to sharing: enough
    to work with them, without tax code, birth data, sex, citizenship or disability."""

    id: str
    given_name: str
    family_name: str
    email: str | None = None
    phone: str | None = None
    municipality: str
    labour_status: dict[str, Any] | None = None
    target_groups: list[str] = Field(default_factory=list)
    occupation: str | None = None
    desired_occupations: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    referred_by: str | None = None


class SeekersPublic(BaseModel):
    data: list[dict[str, Any]] = Field(description="Records, or only the `fields=` asked for.")
    count: int = Field(description="How many records match the filters, over all pages.")
    page: int
    per_page: int


class SeekerContact(BaseModel):
    """What notifications may read at send time, and nothing more."""

    id: str
    given_name: str
    family_name: str
    email: str
    phone: str | None
    locale: str = "it"


class LabourStatusChange(LabourStatus):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"kind": "unemployed", "since": "2026-09-01", "availability_declared_on": "2026-09-02"}]})


PUBLIC_FIELDS = frozenset(SeekerPublic.model_fields)
