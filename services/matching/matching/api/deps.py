"""Dependency aliases for the routes: everything comes from the app state set in the lifespan."""

from __future__ import annotations

from typing import Annotated

from api_edge.auth import Principal, Role, require_roles
from fastapi import Depends, Request

from matching.adapters.matches import MongoMatchRepository
from matching.adapters.placements import MongoPlacements
from matching.adapters.referrals import MongoReferrals
from matching.domain.models import Person
from matching.enrolling import Enrolling
from matching.matcher import Matcher


def _matches(request: Request) -> MongoMatchRepository:
    return request.app.state.matches  # type: ignore[no-any-return]


def _matcher(request: Request) -> Matcher:
    return request.app.state.matcher  # type: ignore[no-any-return]


MatchRepository = Annotated[MongoMatchRepository, Depends(_matches)]
CurrentMatcher = Annotated[Matcher, Depends(_matcher)]


def _enrolling(request: Request) -> Enrolling:
    return request.app.state.enrolling  # type: ignore[no-any-return]


CurrentEnrolling = Annotated[Enrolling, Depends(_enrolling)]
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM)
WRITE = require_roles(Role.OPERATOR, Role.SUPERVISOR)


def _referrals(request: Request) -> MongoReferrals:
    return request.app.state.referrals  # type: ignore[no-any-return]


Referrals = Annotated[MongoReferrals, Depends(_referrals)]


def _placements(request: Request) -> MongoPlacements:
    return request.app.state.placements  # type: ignore[no-any-return]


Placements = Annotated[MongoPlacements, Depends(_placements)]


def office_scope(principal: Principal) -> str | None:
    """An operator works on the people of its own office; supervisors, auditors and services on
    everyone (None = no restriction)."""
    if principal.has(Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM):
        return None
    return principal.office_id or ""


def visible(principal: Principal, person: Person | None) -> Person | None:
    """The person if the caller may see them, else None (answered as not found)."""
    office = office_scope(principal)
    if person is None or office is None or person.office_id in (None, office):
        return person
    return None
