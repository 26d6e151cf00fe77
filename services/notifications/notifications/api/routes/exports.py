"""What notifications holds about one person, for intake's access-right export (services only)."""

from __future__ import annotations

from typing import Any

from api_edge.auth import Role, require_roles
from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder

from notifications.domain.kinds import PERSON

router = APIRouter(tags=["exports"])


@router.get("/exports/seekers/{seeker_id}", dependencies=[require_roles(Role.SYSTEM)],
            summary="Dati di una persona / Everything notifications holds about a person")
async def export_seeker(seeker_id: str, request: Request) -> dict[str, Any]:
    database = request.app.state.database
    recipient = {"recipient_type": PERSON, "recipient_id": seeker_id}
    return jsonable_encoder({
        "preferences": await request.app.state.preferences.get(seeker_id),
        "deliveries": await database["deliveries"].find(recipient).to_list(None),
        "scheduled": await database["send_queue"].find(recipient).to_list(None),
    })
