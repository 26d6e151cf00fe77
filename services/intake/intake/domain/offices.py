"""Offices (sedi) with weekly opening hours and closure days, and the operators who work there.

Appointments may only be booked inside an office's opening hours, read in the office's time zone
(Europe/Rome for every job centre today)."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field

from intake.domain.aggregate import Aggregate, Violations
from intake.domain.municipalities import Municipalities

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class OpeningInterval(BaseModel):
    opens: time = Field(examples=["10:00"])
    closes: time = Field(examples=["13:30"])


class Operator(BaseModel):
    operator_id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)


class Office(Aggregate):
    name: str
    municipality: str
    address: str | None = None
    time_zone: str = "Europe/Rome"
    opening_hours: dict[Weekday, list[OpeningInterval]]
    closures: list[date] = Field(default_factory=list)
    operators: list[Operator] = Field(default_factory=list)
    created_at: datetime

    def has_operator(self, operator_id: str) -> bool:
        return any(o.operator_id == operator_id for o in self.operators)


def validate_office(office: Office, municipalities: Municipalities) -> Office:
    """Every rule an office must satisfy, checked together so one answer names all failures."""
    problems = Violations()
    problems.check(
        municipalities.get(office.municipality), "municipality",
        f"'{office.municipality}' is not an ISTAT municipality code",
    )
    try:
        ZoneInfo(office.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add("time_zone", f"'{office.time_zone}' is not an IANA time zone")
    for day, intervals in office.opening_hours.items():
        ordered = sorted(intervals, key=lambda i: i.opens)
        for index, interval in enumerate(ordered):
            problems.check(
                interval.opens < interval.closes, f"opening_hours.{day}",
                f"opens at {interval.opens:%H:%M} but closes at {interval.closes:%H:%M}",
            )
            if index and ordered[index - 1].closes > interval.opens:
                problems.add(f"opening_hours.{day}", "intervals overlap")
    ids = [o.operator_id for o in office.operators]
    problems.check(len(ids) == len(set(ids)), "operators", "an operator id appears twice")
    problems.raise_if_any()
    office.closures = sorted(set(office.closures))
    return office


def opening_problem(office: Office, starts_at: datetime, ends_at: datetime) -> str | None:
    """Why [starts_at, ends_at) is not bookable at this office, or None when it is."""
    zone = ZoneInfo(office.time_zone)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    if start.date() != end.date():
        return "must start and end on the same day"
    if start.date() in office.closures:
        return f"the office is closed on {start.date().isoformat()} (closure day)"
    day = Weekday(WEEKDAYS[start.weekday()])
    intervals = office.opening_hours.get(day, [])
    if not intervals:
        return f"the office is closed on {day.value}s"
    for interval in intervals:
        if interval.opens <= start.time() and end.time() <= interval.closes and end > start:
            return None
    hours = ", ".join(f"{i.opens:%H:%M}-{i.closes:%H:%M}" for i in intervals)
    return f"falls outside the opening hours on {day.value}s ({hours}, {office.time_zone})"
