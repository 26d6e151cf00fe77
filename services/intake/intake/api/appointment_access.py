"""Who may work on which appointment, and the problems the appointment routes answer with."""

from __future__ import annotations

from api_edge import Problem
from api_edge.auth import Principal, Role

from intake.adapters.mongo_appointments import SlotTaken
from intake.api.conventions import invalid, not_found
from intake.api.deps import Stores
from intake.domain.appointments import Appointment
from intake.domain.errors import InvalidField
from intake.domain.offices import Office


def double_booked(error: SlotTaken) -> Problem:
    field = "operator_id" if error.party == "operator" else "seeker_id"
    who = "The operator" if error.party == "operator" else "The person"
    return Problem(409, "Double booking", f"{who} already has an appointment at that time.",
                   kind="double-booking",
                   errors=[{"pointer": f"/body/{field}", "field": field,
                            "reason": "already has an overlapping appointment"}])


def office_of(principal: Principal) -> str | None:
    """Operators work on the appointments of their own office; supervisors and auditors on all."""
    staff_wide = principal.has(Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM)
    return None if staff_wide else principal.office_id or ""


async def visible(stores: Stores, appointment_id: str, principal: Principal) -> Appointment:
    """Another office's appointment answers 404, like an unknown id, so ids cannot be probed."""
    appointment = await stores.appointments.get(appointment_id)
    office = office_of(principal)
    if appointment is None or office not in (None, appointment.office_id):
        raise not_found("appointment", appointment_id)
    return appointment


async def office_named(stores: Stores, office_id: str) -> Office:
    office = await stores.offices.get(office_id)
    if office is None:
        raise invalid(InvalidField("office_id", f"no office with id '{office_id}'"))
    return office


def check_own_office(principal: Principal, office_id: str) -> None:
    if office_of(principal) not in (None, office_id):
        raise Problem(403, "Forbidden", "An operator books appointments at their own office.",
                      kind="forbidden", errors=[{"pointer": "/body/office_id",
                                                 "field": "office_id",
                                                 "reason": "is not your office"}])
