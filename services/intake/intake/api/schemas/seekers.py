"""Request and response bodies of intake's API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

ISTAT_CODE = Field(
    pattern=r"^[0-9]{6}$", description="ISTAT municipality code (6 digits).", examples=["036023"]
)


class SeekerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    given_name: str = Field(min_length=1, max_length=100, examples=["Maria"])
    family_name: str = Field(min_length=1, max_length=100, examples=["Rossi"])
    tax_code: str = Field(
        min_length=16, max_length=16, description="Codice fiscale.", examples=["RSSMRA80A41F257X"]
    )
    email: EmailStr = Field(examples=["maria.rossi@example.org"])
    phone: str | None = Field(default=None, max_length=20, examples=["+393331234567"])
    municipality: str = ISTAT_CODE
    occupation: str | None = Field(
        default=None,
        max_length=300,
        description="ESCO occupation URI or free text.",
        examples=["http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"],
    )
    skills: list[str] = Field(
        default_factory=list, max_length=100, examples=[["contabilità", "Excel"]]
    )
    office_id: str | None = Field(default=None, max_length=64)


class SeekerPublic(BaseModel):
    id: str
    version: int
    given_name: str
    family_name: str
    tax_code: str
    email: str
    phone: str | None
    municipality: str
    occupation: str | None
    skills: list[str]
    office_id: str | None
    registered_at: datetime


class SeekerContact(BaseModel):
    """What notifications may read at send time, and nothing more."""

    id: str
    given_name: str
    email: str
    phone: str | None
