"""Who may see which person, and the problems the people routes answer with.

Object-level rule: an operator sees the people of their own office; a person of another office
answers 404, exactly as an unknown id does, so ids cannot be probed."""

from __future__ import annotations

from typing import Any

from api_edge import Problem
from api_edge.auth import Principal, Role

from intake.adapters.mongo_seekers import MongoSeekers
from intake.domain.errors import InvalidField
from intake.domain.seekers import Seeker


def scope_filter(principal: Principal) -> dict[str, Any]:
    if principal.has(Role.SUPERVISOR):
        return {}
    return {"office_id": principal.office_id}


def can_see(principal: Principal, seeker: Seeker) -> bool:
    if principal.has(Role.SUPERVISOR):
        return True
    if principal.has(Role.OPERATOR) and seeker.office_id == principal.office_id:
        return True
    return principal.has(Role.PARTNER) and partner_may_see(principal, seeker)


def partner_may_see(principal: Principal, seeker: Seeker) -> bool:
    """A partner sees the people it referred, and those who agreed to sharing with partners."""
    organisation = principal.organisation_id
    return bool(organisation) and (seeker.referred_by == organisation
                                   or seeker.consents.partner_sharing.given)


async def load_visible(seekers: MongoSeekers, seeker_id: str, principal: Principal) -> Seeker:
    seeker = await seekers.get(seeker_id)
    if seeker is None or not can_see(principal, seeker):
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")
    return seeker


def office_for_new(principal: Principal, requested: str | None) -> str | None:
    """An operator registers people into their own office; a supervisor into any."""
    if principal.has(Role.SUPERVISOR):
        return requested
    if requested not in (None, principal.office_id):
        raise Problem(403, "Forbidden", "An operator registers people into their own office.",
                      kind="forbidden", errors=[{"pointer": "/body/office_id",
                                                 "field": "office_id",
                                                 "reason": "is not your office"}])
    return principal.office_id


def invalid(error: InvalidField) -> Problem:
    """422 naming every failing field, as a JSON pointer into the body and a reason."""
    pairs = getattr(error, "errors", None) or [(error.field, error.reason)]
    fields = ", ".join(dict.fromkeys(field for field, _ in pairs))
    return Problem(
        422, "Invalid request", f"Some fields are not valid: {fields}.", kind="validation-error",
        errors=[{"pointer": "/body/" + field.replace(".", "/"), "field": field, "reason": reason}
                for field, reason in pairs],
    )


def already_registered(existing_id: str) -> Problem:
    return Problem(409, "Already registered", "A person with this tax code is already in care.",
                   kind="already-registered", existing=f"/seekers/{existing_id}",
                   existing_id=existing_id)
