"""People in care (persone in carico): thin routes over the seeker rules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge import Problem
from api_edge.auth import Principal, Role, require_roles
from api_edge.concurrency import IfMatchVersion, etag_for, stale_version
from api_edge.idempotency import new_resource_id
from event_backbone import ConcurrencyConflict
from fastapi import APIRouter, Depends, Query, Request, Response, status

from intake.adapters.mongo_aggregates import AlreadyExists
from intake.api.deps import Audit, Events, MunicipalityIndex, Seekers
from intake.api.schemas.seekers import (
    LabourStatusChange,
    SeekerContact,
    SeekerCreate,
    SeekerPartnerView,
    SeekerPublic,
    SeekersPublic,
    SeekerUpdate,
)
from intake.api.seeker_access import (
    already_registered,
    invalid,
    load_visible,
    office_for_new,
    scope_filter,
)
from intake.api.seeker_queries import SeekerListParams
from intake.domain.aggregate import InvalidFields
from intake.domain.errors import AlreadyRegistered
from intake.domain.seeker_rules import register_seeker, revise_seeker
from intake.domain.seekers import Seeker, SeekerDraft

__all__ = ["invalid", "router"]

router = APIRouter(prefix="/seekers", tags=["seekers"])
Staff = Annotated[Principal, require_roles(Role.OPERATOR, Role.SUPERVISOR)]
Reader = Annotated[Principal, require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.PARTNER)]


def _public(seeker: Seeker, response: Response) -> SeekerPublic:
    response.headers["ETag"] = etag_for(seeker.version)
    return SeekerPublic.model_validate(seeker.model_dump())


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SeekerPublic,
             summary="Prende in carico una persona / Register a person in care",
             responses={409: {"description": "The tax code is already in care: `existing` "
                                             "points at that person."}})
async def create_seeker(body: SeekerCreate, request: Request, response: Response,
                        principal: Staff, seekers: Seekers, municipalities: MunicipalityIndex,
                        events: Events, audit: Audit) -> SeekerPublic:
    draft = SeekerDraft.model_validate(
        {**body.model_dump(), "office_id": office_for_new(principal, body.office_id)})
    try:
        seeker = register_seeker(draft, seeker_id=new_resource_id(request),
                                 municipalities=municipalities, now=datetime.now(UTC))
        await seekers.add(seeker)
    except InvalidFields as error:
        raise invalid(error) from None
    except AlreadyRegistered as error:
        raise already_registered(error.existing_id) from None
    except AlreadyExists:  # replayed after a crash: the first write stands
        seeker = await load_visible(seekers, seeker.id, principal)
    events.nudge()
    await audit.record(principal, "create", "seeker", seeker.id)
    response.headers["Location"] = f"/seekers/{seeker.id}"
    return _public(seeker, response)


@router.get("", response_model=SeekersPublic,
            summary="Elenca le persone in carico / List people in care (filter, sort, page)")
async def list_seekers(params: Annotated[SeekerListParams, Depends()], principal: Staff,
                       seekers: Seekers, audit: Audit) -> SeekersPublic:
    filters = {**params.filters(), **scope_filter(principal)}
    documents, total = await seekers.find_page(filters, params.sort, params.skip,
                                               params.per_page, params.projection())
    await audit.record(principal, "list", "seeker", "*")
    return SeekersPublic(data=[params.shape(d) for d in documents], count=total,
                         page=params.page, per_page=params.per_page)


@router.get("/{seeker_id}", response_model=SeekerPublic | SeekerPartnerView,
            summary="Legge una persona / Read a person in care (ETag); partners see less")
async def read_seeker(seeker_id: str, response: Response, principal: Reader, seekers: Seekers,
                      audit: Audit, purpose: Annotated[str | None, Query(max_length=64)] = None,
                      ) -> SeekerPublic | SeekerPartnerView:
    seeker = await load_visible(seekers, seeker_id, principal)
    await audit.record(principal, "read", "seeker", seeker_id, purpose)
    if principal.has(Role.OPERATOR, Role.SUPERVISOR):
        return _public(seeker, response)
    return SeekerPartnerView.model_validate(seeker.model_dump(mode="json"))


@router.patch("/{seeker_id}", response_model=SeekerPublic,
              summary="Aggiorna una persona / Update a person in care (If-Match)")
async def update_seeker(seeker_id: str, body: SeekerUpdate, expected: IfMatchVersion,  # type: ignore[valid-type]
                        response: Response, principal: Staff, seekers: Seekers,
                        municipalities: MunicipalityIndex, events: Events,
                        audit: Audit) -> SeekerPublic:
    changes = body.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
    return await _revise(seeker_id, changes, expected, response, principal, seekers,
                         municipalities, events, audit)


@router.put("/{seeker_id}/labour-status", response_model=SeekerPublic,
            summary="Cambia la condizione occupazionale / Change labour status (If-Match)")
async def change_labour_status(seeker_id: str, body: LabourStatusChange,
                               expected: IfMatchVersion, response: Response, principal: Staff,
                               seekers: Seekers, municipalities: MunicipalityIndex,
                               events: Events, audit: Audit) -> SeekerPublic:
    changes = {"labour_status": body.model_dump()}
    return await _revise(seeker_id, changes, expected, response, principal, seekers,
                         municipalities, events, audit)


async def _revise(seeker_id: str, changes: dict[str, Any], expected: int, response: Response,
                  principal: Principal, seekers: Seekers, municipalities: MunicipalityIndex,
                  events: Events, audit: Audit) -> SeekerPublic:
    current = await load_visible(seekers, seeker_id, principal)
    if current.version != expected:
        raise stale_version()
    try:
        revised = revise_seeker(current, changes, municipalities=municipalities,
                                now=datetime.now(UTC))
        if revised is None:
            return _public(current, response)
        saved = await seekers.save(revised, expected)
    except InvalidFields as error:
        raise invalid(error) from None
    except ConcurrencyConflict:
        raise stale_version() from None
    except AlreadyRegistered as error:
        raise already_registered(error.existing_id) from None
    events.nudge()
    await audit.record(principal, "update", "seeker", seeker_id)
    return _public(saved, response)


@router.get("/{seeker_id}/contact", response_model=SeekerContact,
            dependencies=[require_roles(Role.SYSTEM)],
            summary="Recapiti per l'invio / Contact details at send time (service credential)")
async def read_seeker_contact(seeker_id: str, request: Request, seekers: Seekers,
                              audit: Audit) -> SeekerContact:
    seeker = await seekers.get(seeker_id)
    if seeker is None:
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")
    await audit.record(request.state.principal, "read_contact", "seeker", seeker_id,
                       "notification")
    return SeekerContact.model_validate(seeker.model_dump())
