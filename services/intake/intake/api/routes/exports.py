"""The GDPR access right: everything the platform holds about one person, in one JSON document."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from api_edge import Problem
from api_edge.auth import CurrentPrincipal, Role, require_roles
from event_backbone.outbox import OUTBOX_FIELD
from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder

router = APIRouter(tags=["erasures"])
PURPOSE = "access_request"


async def _intake_part(request: Request, seeker_id: str) -> dict[str, Any] | None:
    database = request.app.state.mongo[request.app.state.settings.intake_database]
    person = await database["seekers"].find_one({"_id": seeker_id}, {OUTBOX_FIELD: 0})
    if person is None:
        return None
    disability = await request.app.state.disability.get(seeker_id)
    related = {}
    for name in ("pacts", "appointments", "referrals"):
        related[name] = await database[name].find(
            {"seeker_id": seeker_id}, {OUTBOX_FIELD: 0}).to_list(None)
    return {"person": person,
            "disability": disability[0].model_dump(mode="json") if disability else None,
            **related}


@router.get("/seekers/{seeker_id}/export", dependencies=[require_roles(Role.SUPERVISOR)],
            summary="Tutti i dati di una persona / Everything held about a person (access right)")
async def export_seeker(seeker_id: str, request: Request,
                        principal: CurrentPrincipal) -> dict[str, Any]:
    intake = await _intake_part(request, seeker_id)
    if intake is None:
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")
    await request.app.state.audit.record(principal, "export", "seeker", seeker_id, PURPOSE)
    peers = await request.app.state.peers.export(seeker_id)
    return jsonable_encoder({"seeker_id": seeker_id, "exported_at": datetime.now(UTC),
                             "intake": intake, **peers})
