"""Interviews at an office. Booked only inside opening hours and on a 15-minute grid, so two
overlapping appointments always share a grid slot: the store claims each slot once (a unique id per
operator and per person), which keeps double-booking out without multi-document transactions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from intake.contracts import (
    APPOINTMENT_ATTENDED,
    APPOINTMENT_CANCELLED,
    APPOINTMENT_MISSED,
    APPOINTMENT_RESCHEDULED,
    APPOINTMENT_SCHEDULED,
    AppointmentAttended,
    AppointmentCancelled,
    AppointmentMissed,
    AppointmentRescheduled,
    AppointmentScheduled,
)
from intake.domain.aggregate import Aggregate, InvalidTransition, Violations
from intake.domain.offices import Office, opening_problem

SLOT = timedelta(minutes=15)
LONGEST = timedelta(hours=4)


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    MISSED = "missed"


class Appointment(Aggregate):
    seeker_id: str
    office_id: str
    operator_id: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    status: AppointmentStatus = AppointmentStatus.SCHEDULED
    notes: str | None = None
    cancel_reason: str | None = None
    created_at: datetime
    updated_at: datetime

    def details(self) -> dict[str, Any]:
        return self.model_dump(
            include={"seeker_id", "office_id", "operator_id", "kind", "starts_at", "ends_at",
                     "status"}
        ) | {"appointment_id": self.id}

    def claims(self) -> list[str]:
        """The grid slots this appointment holds, for its operator and for its person."""
        return [
            f"{party}:{slot.isoformat()}"
            for party in (f"operator:{self.operator_id}", f"seeker:{self.seeker_id}")
            for slot in slots(self.starts_at, self.ends_at)
        ]


def slots(starts_at: datetime, ends_at: datetime) -> list[datetime]:
    start = starts_at.astimezone(UTC)
    count = int((ends_at - starts_at) / SLOT)
    return [start + SLOT * i for i in range(count)]


def check_time(
    office: Office, operator_id: str, starts_at: datetime, ends_at: datetime, now: datetime
) -> None:
    problems = Violations()
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        problems.add("starts_at", "must include a time-zone offset, e.g. 2026-12-01T10:00:00+01:00")
        problems.raise_if_any()
    problems.check(office.has_operator(operator_id), "operator_id",
                   f"operator '{operator_id}' does not work at office '{office.id}'")
    problems.check(starts_at > now, "starts_at", "must be in the future")
    problems.check(ends_at > starts_at, "ends_at", "must be after starts_at")
    problems.check(ends_at - starts_at <= LONGEST, "ends_at", 
                   "an appointment lasts at most 4 hours")
    on_grid = starts_at.minute % 15 == 0 and ends_at.minute % 15 == 0
    on_grid = on_grid and starts_at.second == ends_at.second == 0
    on_grid = on_grid and starts_at.microsecond == ends_at.microsecond == 0
    problems.check(on_grid, "starts_at", 
                   "start and end must fall on quarter hours (:00 :15 :30 :45)")
    problems.raise_if_any()
    reason = opening_problem(office, starts_at, ends_at)
    problems.check(reason is None, "starts_at", reason or "")
    problems.raise_if_any()


def schedule_appointment(
    *, appointment_id: str, office: Office, seeker_id: str, operator_id: str, kind: str,
    starts_at: datetime, ends_at: datetime, notes: str | None, now: datetime,
) -> Appointment:
    check_time(office, operator_id, starts_at, ends_at, now)
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    appointment = Appointment(
        id=appointment_id, seeker_id=seeker_id, office_id=office.id, operator_id=operator_id,
        kind=kind, starts_at=starts_at, ends_at=ends_at, notes=notes, created_at=now,
        updated_at=now,
    )
    appointment.record(APPOINTMENT_SCHEDULED, AppointmentScheduled(**appointment.details()))
    return appointment


def _require_scheduled(appointment: Appointment, action: str) -> None:
    if appointment.status != AppointmentStatus.SCHEDULED:
        raise InvalidTransition(appointment.status.value, action)


def reschedule(
    appointment: Appointment, office: Office, operator_id: str, starts_at: datetime,
    ends_at: datetime, now: datetime,
) -> Appointment:
    _require_scheduled(appointment, "reschedule")
    check_time(office, operator_id, starts_at, ends_at, now)
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    previous = appointment.starts_at
    moved = appointment.evolve(**{
        "starts_at": starts_at, "ends_at": ends_at, "operator_id": operator_id, "updated_at": now,
    })
    moved.record(APPOINTMENT_RESCHEDULED,
                 AppointmentRescheduled(**moved.details(), previous_starts_at=previous))
    return moved


def cancel(appointment: Appointment, reason: str | None, now: datetime) -> Appointment:
    _require_scheduled(appointment, "cancel")
    cancelled = appointment.evolve(**{
        "status": AppointmentStatus.CANCELLED, "cancel_reason": reason, "updated_at": now,
    })
    cancelled.record(APPOINTMENT_CANCELLED, AppointmentCancelled(**cancelled.details(),
                                                                reason=reason))
    return cancelled


def record_outcome(appointment: Appointment, attended: bool, now: datetime) -> Appointment:
    """Attended or missed: only once the appointment has started."""
    action = "mark attended" if attended else "mark missed"
    _require_scheduled(appointment, action)
    if appointment.starts_at > now:
        raise InvalidTransition("not started yet", action)
    status = AppointmentStatus.ATTENDED if attended else AppointmentStatus.MISSED
    done = appointment.evolve(**{"status": status, "updated_at": now})
    if attended:
        done.record(APPOINTMENT_ATTENDED, AppointmentAttended(**done.details()))
    else:
        done.record(APPOINTMENT_MISSED, AppointmentMissed(**done.details()))
    return done
