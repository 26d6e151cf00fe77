"""Request and response bodies of the employer routes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.api.schemas.seekers import ISTAT_CODE
from intake.api.schemas.updates import PartialUpdate
from intake.domain.employers import Employer, EmployerSize


class EmployerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Ceramiche Sassuolo S.p.A.", "vat_number": "00743110157",
        "sector_ateco": "23.31", "municipality": "036040", "size": "medium",
    }]})

    name: str = Field(min_length=1, max_length=200)
    vat_number: str = Field(min_length=11, max_length=16, description="Partita IVA.")
    sector_ateco: str = Field(max_length=10, description="ATECO code.", examples=["64.19"])
    municipality: str = ISTAT_CODE
    size: EmployerSize


class EmployerUpdate(PartialUpdate):
    not_nullable = frozenset({"name", "sector_ateco", "municipality", "size"})

    name: str | None = Field(default=None, min_length=1, max_length=200)
    sector_ateco: str | None = Field(default=None, max_length=10)
    municipality: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    size: EmployerSize | None = None


class EmployerPublic(Employer):
    pass
