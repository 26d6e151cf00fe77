"""Request and response bodies of the office routes."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from intake.api.schemas.seekers import ISTAT_CODE
from intake.api.schemas.updates import PartialUpdate
from intake.domain.offices import Office, OpeningInterval, Operator, Weekday

MODENA_HOURS: dict[str, Any] = {
    "monday": [{"opens": "10:00", "closes": "13:30"}],
    "tuesday": [{"opens": "10:00", "closes": "13:30"}],
    "wednesday": [{"opens": "10:00", "closes": "13:30"}],
    "thursday": [{"opens": "13:00", "closes": "17:00"}],
    "friday": [{"opens": "10:00", "closes": "13:30"}],
}


class OfficeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Centro per l'Impiego di Modena", "municipality": "036023",
        "address": "via delle Costellazioni 108", "opening_hours": MODENA_HOURS,
        "closures": ["2026-12-25"], "operators": [{"operator_id": "op-1", "name": "Anna Neri"}],
    }]})

    name: str = Field(min_length=1, max_length=200)
    municipality: str = ISTAT_CODE
    address: str | None = Field(default=None, max_length=300)
    time_zone: str = Field(default="Europe/Rome", max_length=64)
    opening_hours: dict[Weekday, list[OpeningInterval]] = Field(
        description="Weekly opening hours, local time; a day not listed is closed.")
    closures: list[date] = Field(default_factory=list, max_length=400,
                                 description="Days the office is closed (holidays, strikes).")
    operators: list[Operator] = Field(default_factory=list, max_length=500)


class OfficeUpdate(PartialUpdate):
    not_nullable = frozenset({"name", "opening_hours", "closures", "operators"})

    name: str | None = Field(default=None, min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    opening_hours: dict[Weekday, list[OpeningInterval]] | None = None
    closures: list[date] | None = Field(default=None, max_length=400)
    operators: list[Operator] | None = Field(default=None, max_length=500)


class OfficePublic(Office):
    pass
