"""Which people a caller may see here: an operator only those of their own office (known from
intake's person events), supervisors, auditors and services all; an id out of scope is a 404."""

from __future__ import annotations

from typing import Any

from api_edge import Problem
from api_edge.auth import Principal, Role
from fastapi import Request

from notifications.domain.kinds import PERSON


async def person_visible(request: Request, principal: Principal, seeker_id: str) -> bool:
    if principal.has(Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM):
        return True
    if not principal.has(Role.OPERATOR):
        return False
    entry = await request.app.state.catalogue.get(f"seeker:{seeker_id}")
    return entry is not None and entry.get("office_id") == principal.office_id


async def require_person(request: Request, principal: Principal, seeker_id: str) -> None:
    if not await person_visible(request, principal, seeker_id):
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")


async def delivery_visible(request: Request, principal: Principal,
                           delivery: dict[str, Any]) -> bool:
    """Operators see people's messages only for people of their office, and their own."""
    if not principal.has(Role.OPERATOR) or principal.has(Role.SUPERVISOR, Role.AUDITOR,
                                                         Role.SYSTEM):
        return True
    if delivery.get("recipient_type") == PERSON:
        return await person_visible(request, principal, str(delivery.get("recipient_id")))
    return delivery.get("recipient_id") in (principal.subject, principal.office_id)
