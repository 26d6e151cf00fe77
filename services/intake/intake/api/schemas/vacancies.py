"""Request and response bodies of the vacancy routes."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from intake.api.schemas.seekers import ISTAT_CODE
from intake.api.schemas.updates import PartialUpdate
from intake.contracts import ContractType, Language
from intake.domain.vacancies import Vacancy

LICENCE = r"^(AM|A1|A2|A|B|BE|C1|C|CE|D1|D|DE)$"
SKILLS: Any = Field(default_factory=list, max_length=100,
                   description="ESCO skill URIs or free text.")


class VacancyFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, examples=["Impiegato amministrativo"])
    occupation: str | None = Field(default=None, max_length=300,
                                   description="ESCO occupation URI or free text.")
    essential_skills: list[str] = SKILLS
    optional_skills: list[str] = SKILLS
    min_education_isced: int | None = Field(default=None, ge=0, le=8)
    languages: list[Language] = Field(default_factory=list, max_length=20)
    driving_licence: str | None = Field(default=None, pattern=LICENCE)
    municipality: str = ISTAT_CODE
    contract_type: ContractType | None = None
    hours_per_week: int | None = Field(default=None, ge=1, le=60)
    openings: int = Field(default=1, ge=1, le=10000)
    deadline: date | None = None
    reserved_disability_list: bool = Field(
        default=False, description="Reserved to people on the law 68/1999 lists (collocamento "
        "mirato); otherwise open to everyone.")


class VacancyCreate(VacancyFields):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "employer_id": "3a1e…", "title": "Impiegato/a amministrativo/a",
        "occupation": "impiegata amministrativa", "essential_skills": ["contabilità", "Excel"],
        "optional_skills": ["inglese"], "min_education_isced": 3,
        "languages": [{"code": "en", "level": "B1"}], "driving_licence": "B",
        "municipality": "036023", "contract_type": "permanent", "hours_per_week": 40,
        "openings": 2, "deadline": "2027-01-31", "status": "published",
    }]})

    employer_id: str = Field(min_length=1, max_length=64)
    status: Literal["draft", "published"] = Field(
        default="published", description="Create as a draft, or publish at once.")


class VacancyUpdate(PartialUpdate):
    """Only the fields sent change; send null to clear an optional one."""

    not_nullable = frozenset({"title", "essential_skills", "optional_skills", "languages",
                              "municipality", "openings", "reserved_disability_list"})

    title: str | None = Field(default=None, min_length=1, max_length=200)
    occupation: str | None = Field(default=None, max_length=300)
    essential_skills: list[str] | None = Field(default=None, max_length=100)
    optional_skills: list[str] | None = Field(default=None, max_length=100)
    min_education_isced: int | None = Field(default=None, ge=0, le=8)
    languages: list[Language] | None = Field(default=None, max_length=20)
    driving_licence: str | None = Field(default=None,
                                        pattern=r"^(AM|A1|A2|A|B|BE|C1|C|CE|D1|D|DE)$")
    municipality: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    contract_type: ContractType | None = None
    hours_per_week: int | None = Field(default=None, ge=1, le=60)
    openings: int | None = Field(default=None, ge=1, le=10000)
    deadline: date | None = None
    reserved_disability_list: bool | None = None


class VacancyClose(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["closed", "filled"] = Field(
        default="closed", description="filled: every opening was taken; closed: withdrawn.")


class VacancyPublic(Vacancy):
    pass
