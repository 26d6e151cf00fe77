"""Who is told what: each event becomes planned messages (kind, recipient, when, what to say).
Pure functions: the handlers fetch what they need, store what these return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from notifications.contracts import (
    AppointmentView,
    EnrolmentChangedView,
    PlacementRecordedView,
    ProgrammeView,
    ReferralStatusChangedView,
    SeekerStatusChangedView,
    ShortlistConfirmedView,
)
from notifications.domain.schedule import at_local, reminder_times


@dataclass(frozen=True)
class Planned:
    kind: str
    recipient_type: str
    recipient_id: str
    context: dict[str, Any] = field(default_factory=dict)
    due_at: datetime | None = None  # None: as soon as possible
    slot: str = ""  # tells apart several messages of one event to one recipient
    group: str | None = None  # a later event of the same group moves or cancels these


def reminders_group(appointment_id: str) -> str:
    return f"appointment:{appointment_id}:reminders"


def wage_guarantee_group(seeker_id: str) -> str:
    return f"wage_guarantee:{seeker_id}"


def _appointment_context(a: AppointmentView) -> dict[str, Any]:
    return {"appointment_kind": a.kind, "starts_at": a.starts_at.isoformat(),
            "office_id": a.office_id}


def appointment_messages(
    event_type: str, a: AppointmentView, offsets: list[int], now: datetime
) -> list[Planned]:
    """Confirmation or notice at once; reminders before the (new) start time; an operator told
    of a missed appointment."""
    context = _appointment_context(a)
    immediate = {
        "appointment.scheduled.v1": "appointment_confirmed",
        "appointment.rescheduled.v1": "appointment_moved",
        "appointment.cancelled.v1": "appointment_cancelled",
    }
    if event_type == "appointment.missed.v1":
        return [Planned("appointment_missed", "operator", a.operator_id,
                        {**context, "seeker_id": a.seeker_id})]
    if event_type not in immediate:
        return []
    planned = [Planned(immediate[event_type], "seeker", a.seeker_id, context)]
    if event_type != "appointment.cancelled.v1":
        planned += [
            Planned("appointment_reminder", "seeker", a.seeker_id,
                    {**context, "minutes_before": minutes}, due_at=when,
                    slot=f"reminder-{minutes}", group=reminders_group(a.appointment_id))
            for minutes, when in reminder_times(a.starts_at, offsets, now)
        ]
    return planned


def wage_guarantee_alert(
    s: SeekerStatusChangedView, days_before: int, zone: ZoneInfo, now: datetime
) -> list[Planned]:
    """An alert `days_before` the wage guarantee ends, at 09:00 local (at once if already
    closer than that): the service must act before the income stops."""
    guarantee = s.labour_status.wage_guarantee
    if s.labour_status.kind != "wage_guarantee" or not guarantee or not guarantee.expected_end:
        return []
    end = guarantee.expected_end
    if at_local(end, 0, zone) <= now:
        return []
    due = at_local(end - timedelta(days=days_before), 9, zone)
    context = {"expected_end": end.isoformat(), "days_before": days_before}
    return [Planned("wage_guarantee_ending", "seeker", s.seeker_id, context,
                    due_at=max(due, now), group=wage_guarantee_group(s.seeker_id))]


def enrolment_messages(e: EnrolmentChangedView, programme: ProgrammeView | None) -> list[Planned]:
    title = programme.title if programme else None
    context: dict[str, Any] = {"programme_title": title, "programme_id": e.programme_id}
    if e.status == "waitlisted":
        return [Planned("waiting_list", "seeker", e.seeker_id,
                        {**context, "waiting_position": e.waiting_position})]
    if e.status not in ("enrolled", "promoted"):
        return []
    planned = [Planned("seat_offered", "seeker", e.seeker_id, context)]
    sessions = [s for s in (programme.sessions if programme else []) if s.session_id in
                set(e.session_ids)]
    if sessions:
        planned.append(Planned("session_invitation", "seeker", e.seeker_id, {
            **context,
            "sessions": [{"starts_at": s.starts_at.isoformat(), "place": s.place}
                         for s in sessions],
        }))
    return planned


def referral_messages(r: ReferralStatusChangedView, vacancy_title: str | None) -> list[Planned]:
    """The person hears of each step; the employer gets the referral without a name (the
    operator shares the CV through the usual channel once the person agrees)."""
    context = {"vacancy_title": vacancy_title, "referral_ref": r.referral_id[:8]}
    if r.status == "sent_to_employer":
        return [Planned("referral_sent", "seeker", r.seeker_id, context),
                Planned("referral_received", "employer", r.employer_id, context)]
    if r.status == "interview":
        at = r.interview_at.isoformat() if r.interview_at else None
        return [Planned("interview_scheduled", "seeker", r.seeker_id,
                        {**context, "interview_at": at})]
    return []


def placement_messages(p: PlacementRecordedView) -> list[Planned]:
    return [Planned("placement_recorded", "seeker", p.seeker_id,
                    {"start_date": p.start_date.isoformat()})]


def shortlist_messages(s: ShortlistConfirmedView, vacancy_title: str | None) -> list[Planned]:
    """Anonymised: the employer learns how many candidates and their references, not who."""
    return [Planned("shortlist_confirmed", "employer", s.employer_id, {
        "vacancy_title": vacancy_title, "shortlist_ref": s.shortlist_id[:8],
        "candidates": [f"C-{i + 1:02d}" for i in range(len(s.seeker_ids))],
    })]
