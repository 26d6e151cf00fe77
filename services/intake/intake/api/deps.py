"""Dependencies the routes declare, as Annotated aliases."""

from __future__ import annotations

import secrets
from typing import Annotated

from api_edge import Problem
from api_edge.audit import AuditLog
from event_backbone import EventRuntime
from fastapi import Depends, Header, Request

from intake.adapters.mongo_opportunities import OpportunityStores
from intake.adapters.mongo_seekers import MongoSeekers
from intake.config import Settings
from intake.domain.municipalities import Municipalities


def _seekers(request: Request) -> MongoSeekers:
    return request.app.state.seekers  # type: ignore[no-any-return]


def _municipalities(request: Request) -> Municipalities:
    return request.app.state.municipalities  # type: ignore[no-any-return]


def _events(request: Request) -> EventRuntime:
    return request.app.state.events  # type: ignore[no-any-return]


def _require_service_token(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> None:
    settings: Settings = request.app.state.settings
    expected = f"Bearer {settings.service_token.get_secret_value()}"
    if authorization is None or not secrets.compare_digest(authorization, expected):
        raise Problem(
            401,
            "Unauthorised",
            "A valid service credential is required.",
            kind="unauthorised",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _audit(request: Request) -> AuditLog:
    return request.app.state.audit  # type: ignore[no-any-return]


Seekers = Annotated[MongoSeekers, Depends(_seekers)]
SeekerRepository = Seekers
Audit = Annotated[AuditLog, Depends(_audit)]
MunicipalityIndex = Annotated[Municipalities, Depends(_municipalities)]
Events = Annotated[EventRuntime, Depends(_events)]
ServiceCaller = Depends(_require_service_token)


def _opportunities(request: Request) -> OpportunityStores:
    return request.app.state.opportunities  # type: ignore[no-any-return]


Stores = Annotated[OpportunityStores, Depends(_opportunities)]
