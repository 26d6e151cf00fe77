"""Erasure requests (GDPR art. 17): every service erases the person and confirms."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from api_edge import Problem
from api_edge.auth import CurrentPrincipal, Role, require_roles
from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel

from intake.adapters.mongo_erasures import MongoErasures

router = APIRouter(tags=["erasures"])


class Confirmation(BaseModel):
    at: datetime
    removed: dict[str, int]


class ErasurePublic(BaseModel):
    id: str
    seeker_id: str
    status: str
    requested_by: str
    requested_at: datetime
    completed_at: datetime | None = None
    confirmations: dict[str, Confirmation]


def _erasures(request: Request) -> MongoErasures:
    return request.app.state.erasures  # type: ignore[no-any-return]


Erasures = Annotated[MongoErasures, Depends(_erasures)]


def _public(document: dict[str, Any]) -> ErasurePublic:
    return ErasurePublic.model_validate({**document, "id": document["_id"]})


@router.post("/seekers/{seeker_id}/erasure", status_code=status.HTTP_202_ACCEPTED,
             response_model=ErasurePublic, dependencies=[require_roles(Role.SUPERVISOR)],
             summary="Cancella una persona ovunque / Erase a person in every service")
async def request_erasure(seeker_id: str, erasures: Erasures, principal: CurrentPrincipal,
                          request: Request) -> ErasurePublic:
    erasure = await erasures.request(seeker_id, principal.subject)
    if erasure is None:
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")
    request.app.state.events.nudge()
    await request.app.state.audit.record(principal, "erase", "seeker", seeker_id, "erasure")
    return _public(erasure)


@router.get("/erasures/{erasure_id}", response_model=ErasurePublic,
            dependencies=[require_roles(Role.SUPERVISOR, Role.AUDITOR)],
            summary="Stato di una cancellazione / Erasure status, per service")
async def read_erasure(erasure_id: str, erasures: Erasures) -> ErasurePublic:
    erasure = await erasures.get(erasure_id)
    if erasure is None:
        raise Problem(404, "Not found", f"No erasure with id {erasure_id}.", kind="not-found")
    return _public(erasure)
