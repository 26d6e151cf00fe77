"""What matching holds about one person, for intake's access-right export (service credential)."""

from __future__ import annotations

from typing import Any

from api_edge.auth import Role, require_roles
from event_backbone.outbox import OUTBOX_FIELD
from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder

router = APIRouter(tags=["exports"])

BY_SEEKER = {"matches": "seeker_id", "referrals": "seeker_id", "shortlists": "seeker_ids",
             "enrolments": "seeker_id", "placements": "seeker_id"}


@router.get("/exports/seekers/{seeker_id}", dependencies=[require_roles(Role.SYSTEM)],
            summary="Dati di una persona / Everything matching holds about a person (services)")
async def export_seeker(seeker_id: str, request: Request) -> dict[str, Any]:
    database = request.app.state.database
    exported: dict[str, Any] = {
        "profile": await database["seekers"].find_one({"_id": seeker_id}, {OUTBOX_FIELD: 0})}
    for name, field in BY_SEEKER.items():
        exported[name] = await database[name].find({field: seeker_id},
                                                   {OUTBOX_FIELD: 0}).to_list(None)
    return jsonable_encoder(exported)
