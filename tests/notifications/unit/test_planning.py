"""Who is told what, decided without I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from notifications.contracts import (
    AppointmentView,
    EnrolmentChangedView,
    ReferralStatusChangedView,
    SeekerStatusChangedView,
)
from notifications.domain import planning
from notifications.domain.unsubscribe import make_token, read_token

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ROME = ZoneInfo("Europe/Rome")


def _appointment(starts_in: timedelta) -> AppointmentView:
    return AppointmentView(appointment_id="a1", seeker_id="s1", office_id="o1",
                           operator_id="op1", kind="colloquio", starts_at=NOW + starts_in,
                           status="scheduled")


def test_a_booking_is_confirmed_and_gets_both_reminders() -> None:
    plan = planning.appointment_messages("appointment.scheduled.v1",
                                         _appointment(timedelta(days=3)), [1440, 120], NOW)
    assert [p.kind for p in plan] == ["appointment_confirmed", "appointment_reminder",
                                      "appointment_reminder"]
    assert [p.slot for p in plan[1:]] == ["reminder-1440", "reminder-120"]
    assert {p.group for p in plan[1:]} == {"appointment:a1:reminders"}


def test_a_cancellation_plans_a_notice_and_no_reminder() -> None:
    plan = planning.appointment_messages("appointment.cancelled.v1",
                                         _appointment(timedelta(days=3)), [1440, 120], NOW)
    assert [p.kind for p in plan] == ["appointment_cancelled"]


def test_a_missed_appointment_goes_to_the_operator_only() -> None:
    [planned] = planning.appointment_messages("appointment.missed.v1",
                                              _appointment(-timedelta(hours=1)), [120], NOW)
    assert (planned.recipient_type, planned.recipient_id) == ("operator", "op1")


def _status(end: date | None, kind: str = "wage_guarantee") -> SeekerStatusChangedView:
    return SeekerStatusChangedView.model_validate({"seeker_id": "s1", "labour_status": {
        "kind": kind, "wage_guarantee": {"expected_end": end.isoformat() if end else None}}})


def test_the_wage_guarantee_alert_is_due_days_before_at_nine() -> None:
    [alert] = planning.wage_guarantee_alert(_status(date(2027, 3, 31)), 30, ROME, NOW)
    assert alert.due_at == datetime(2027, 3, 1, 9, tzinfo=ROME)


def test_no_alert_without_an_end_date_or_once_it_passed() -> None:
    assert planning.wage_guarantee_alert(_status(None), 30, ROME, NOW) == []
    assert planning.wage_guarantee_alert(_status(date(2026, 11, 1)), 30, ROME, NOW) == []
    assert planning.wage_guarantee_alert(_status(date(2027, 1, 1), "unemployed"), 30, ROME,
                                         NOW) == []


def test_a_waiting_list_message_carries_the_position() -> None:
    enrolment = EnrolmentChangedView(enrolment_id="e", programme_id="p", seeker_id="s1",
                                     status="waitlisted", waiting_position=2)
    [planned] = planning.enrolment_messages(enrolment, None)
    assert (planned.kind, planned.context["waiting_position"]) == ("waiting_list", 2)


def test_an_employer_never_gets_the_person_id() -> None:
    referral = ReferralStatusChangedView(referral_id="r-123456789", seeker_id="s-secret",
                                         vacancy_id="v", employer_id="e",
                                         status="sent_to_employer")
    plan = planning.referral_messages(referral, "Carrellista")
    [to_employer] = [p for p in plan if p.recipient_type == "employer"]
    assert "s-secret" not in repr(to_employer.context)


def test_unsubscribe_tokens_round_trip_and_refuse_forgeries() -> None:
    token = make_token(b"k", "s-1:x", "match_proposed")
    assert read_token(b"k", token) == ("s-1:x", "match_proposed")
    assert read_token(b"other", token) is None
    assert read_token(b"k", token.replace(".", ".A")) is None
