"""Opening hours, the 15-minute grid and the appointment lifecycle, without I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from intake.domain.aggregate import InvalidFields, InvalidTransition
from intake.domain.appointments import cancel, record_outcome, schedule_appointment
from intake.domain.offices import Office, OpeningInterval, Operator, Weekday, opening_problem

ROME = ZoneInfo("Europe/Rome")
THURSDAY = date(2030, 1, 3)
NOW = datetime(2029, 12, 1, tzinfo=UTC)
MORNING = [OpeningInterval(opens=time(10), closes=time(13, 30))]
OFFICE = Office(
    id="cpi-modena", name="CPI Modena", municipality="036023", created_at=NOW,
    opening_hours={Weekday.MONDAY: MORNING, Weekday.THURSDAY: [
        OpeningInterval(opens=time(13), closes=time(17))]},
    closures=[date(2030, 1, 7)], operators=[Operator(operator_id="anna", name="Anna")])


def rome(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ROME)


def book(start: datetime, end: datetime, seeker: str = "p1") -> object:
    return schedule_appointment(appointment_id="a1", office=OFFICE, seeker_id=seeker,
                                operator_id="anna", kind="orientation_interview",
                                starts_at=start, ends_at=end, notes=None, now=NOW)


def test_thursday_afternoon_is_open_and_thursday_morning_is_not() -> None:
    assert opening_problem(OFFICE, rome(THURSDAY, 13), rome(THURSDAY, 17)) is None
    assert "13:00-17:00" in str(opening_problem(OFFICE, rome(THURSDAY, 10), rome(THURSDAY, 11)))
    assert "closure day" in str(opening_problem(OFFICE, rome(date(2030, 1, 7), 10),
                                                rome(date(2030, 1, 7), 11)))
    assert "closed on fridays" in str(opening_problem(OFFICE, rome(date(2030, 1, 4), 10),
                                                      rome(date(2030, 1, 4), 11)))


def test_opening_hours_are_read_in_rome_time_whatever_offset_the_caller_sends() -> None:
    utc_start = rome(THURSDAY, 13).astimezone(UTC)
    assert opening_problem(OFFICE, utc_start, utc_start + timedelta(minutes=30)) is None
    assert opening_problem(OFFICE, utc_start - timedelta(hours=1), utc_start) is not None


def test_a_booking_off_the_quarter_hour_or_in_the_past_is_refused_naming_the_fields() -> None:
    with pytest.raises(InvalidFields) as refused:
        book(rome(THURSDAY, 13, 10), rome(THURSDAY, 13, 40))
    assert "quarter hours" in dict(refused.value.errors)["starts_at"]
    with pytest.raises(InvalidFields) as refused:
        book(datetime(2020, 1, 2, 13, tzinfo=ROME), datetime(2020, 1, 2, 12, tzinfo=ROME))
    assert dict(refused.value.errors) == {"starts_at": "must be in the future",
                                          "ends_at": "must be after starts_at"}


def test_overlapping_appointments_share_a_slot_and_adjacent_ones_do_not() -> None:
    first = book(rome(THURSDAY, 14), rome(THURSDAY, 14, 45))
    overlapping = book(rome(THURSDAY, 14, 30), rome(THURSDAY, 15), seeker="p2")
    adjacent = book(rome(THURSDAY, 14, 45), rome(THURSDAY, 15), seeker="p3")
    assert set(first.claims()) & set(overlapping.claims())  # type: ignore[attr-defined]
    assert not set(first.claims()) & set(adjacent.claims())  # type: ignore[attr-defined]
    assert len(first.claims()) == 6  # type: ignore[attr-defined]  # 3 slots x operator, person


def test_an_outcome_is_recorded_once_the_appointment_has_started() -> None:
    booked = book(rome(THURSDAY, 14), rome(THURSDAY, 14, 30))
    with pytest.raises(InvalidTransition):
        record_outcome(booked, attended=True, now=NOW)  # type: ignore[arg-type]
    later = rome(THURSDAY, 14, 5)
    attended = record_outcome(booked, attended=True, now=later)  # type: ignore[arg-type]
    missed = record_outcome(booked, attended=False, now=later)  # type: ignore[arg-type]
    assert [c.type for c, _ in attended.pending_events] == ["appointment.attended.v1"]
    assert [c.type for c, _ in missed.pending_events] == ["appointment.missed.v1"]
    with pytest.raises(InvalidTransition):
        cancel(attended, "too late", later)
