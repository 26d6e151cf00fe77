"""Disability data (law 68/1999) of a person: read and written only with a declared purpose that
the caller's token allows, and every access audited. The person's record keeps only the flag."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from api_edge import Problem
from api_edge.auth import Principal, Role, require_roles
from api_edge.concurrency import IfMatchVersion, etag_for, stale_version
from event_backbone import ConcurrencyConflict
from fastapi import APIRouter, Header, Request, Response

from intake.adapters.mongo_seekers import MongoSeekers
from intake.api.deps import Audit, Events, Seekers
from intake.api.seeker_access import load_visible
from intake.domain.seeker_rules import with_disability_flag
from intake.domain.special_category import PURPOSES, DisabilityRecord

router = APIRouter(prefix="/seekers/{seeker_id}/disability", tags=["seekers"])
Staff = Annotated[Principal, require_roles(Role.OPERATOR, Role.SUPERVISOR)]
Purpose = Annotated[str | None, Header(alias="X-Purpose", description=(
    "Why the data is accessed: " + ", ".join(sorted(PURPOSES))))]


def _purpose(declared: str | None, principal: Principal) -> str:
    def problem(status: int, reason: str) -> Problem:
        return Problem(status, "Purpose required" if status == 428 else "Purpose not allowed",
                       f"X-Purpose {reason}.", kind="purpose-required" if status == 428
                       else "purpose-not-allowed",
                       errors=[{"pointer": "/header/X-Purpose", "field": "X-Purpose",
                                "reason": reason}])

    if not declared:
        raise problem(428, "is required to access special-category data")
    if declared not in PURPOSES:
        raise problem(422, f"must be one of {', '.join(sorted(PURPOSES))}")
    if declared not in principal.purposes:
        raise problem(403, "is not a purpose your credential is authorised for")
    return declared


@router.get("", response_model=DisabilityRecord,
            summary="Legge i dati L.68/99 / Read disability data (purpose required, audited)")
async def read_disability(seeker_id: str, request: Request, response: Response,
                          principal: Staff, seekers: Seekers, audit: Audit,
                          x_purpose: Purpose = None) -> DisabilityRecord:
    purpose = _purpose(x_purpose, principal)
    await load_visible(seekers, seeker_id, principal)
    await audit.record(principal, "read_special_category", "seeker", seeker_id, purpose)
    found = await request.app.state.disability.get(seeker_id)
    if found is None:
        raise Problem(404, "Not found", "No disability data for this person.", kind="not-found")
    record, version = found
    response.headers["ETag"] = etag_for(version)
    return record  # type: ignore[no-any-return]


@router.put("", response_model=DisabilityRecord,
            summary="Registra i dati L.68/99 / Write disability data (If-Match, \"0\" if none)")
async def put_disability(seeker_id: str, body: DisabilityRecord, expected: IfMatchVersion,
                         request: Request, response: Response, principal: Staff,
                         seekers: Seekers, events: Events, audit: Audit,
                         x_purpose: Purpose = None) -> DisabilityRecord:
    purpose = _purpose(x_purpose, principal)
    await load_visible(seekers, seeker_id, principal)
    try:
        version = await request.app.state.disability.put(seeker_id, body, expected)
    except ConcurrencyConflict:
        raise stale_version() from None
    await audit.record(principal, "write_special_category", "seeker", seeker_id, purpose)
    await _sync_flag(seekers, seeker_id, body.on_law_68_list)
    events.nudge()
    response.headers["ETag"] = etag_for(version)
    return body


async def _sync_flag(seekers: MongoSeekers, seeker_id: str, eligible: bool) -> None:
    """Carry the list flag onto the record (and its event), retrying a concurrent edit."""
    for _ in range(5):
        seeker = await seekers.get(seeker_id)
        revised = seeker and with_disability_flag(seeker, eligible, datetime.now(UTC))
        if seeker is None or revised is None:
            return
        try:
            await seekers.save(revised, seeker.version)
            return
        except ConcurrencyConflict:
            continue
