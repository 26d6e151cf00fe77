"""Appointments at an office: booked inside opening hours, never double-booking an operator or a
person (a concurrent second booking of the same slot is refused by the store, not by luck)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge.auth import CurrentPrincipal, Principal, Role, require_roles
from api_edge.concurrency import IfMatchVersion
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Depends, Query, Request, Response, status

from intake.adapters.mongo_aggregates import AlreadyExists
from intake.adapters.mongo_appointments import SlotTaken
from intake.api.appointment_access import (
    check_own_office,
    double_booked,
    office_named,
    office_of,
    visible,
)
from intake.api.conventions import (
    check_version,
    invalid,
    page_of,
    paging,
    query,
    save,
    tagged,
    wrong_state,
)
from intake.api.deps import Events, Stores
from intake.api.schemas.appointments import (
    AppointmentCancel,
    AppointmentCreate,
    AppointmentPublic,
    AppointmentReschedule,
)
from intake.api.schemas.paging import Page
from intake.domain import appointments as domain
from intake.domain.aggregate import InvalidTransition
from intake.domain.appointments import Appointment
from intake.domain.errors import InvalidField

router = APIRouter(prefix="/appointments", tags=["appointments"])
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM)
WRITE = require_roles(Role.OPERATOR, Role.SUPERVISOR)
Paged = Annotated[tuple[int, int, str], Depends(paging(("starts_at", "created_at"), "starts_at"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AppointmentPublic,
             dependencies=[WRITE], summary="Prenota un colloquio / Book an appointment")
async def create_appointment(body: AppointmentCreate, request: Request, response: Response,
                             principal: CurrentPrincipal, stores: Stores,
                             events: Events) -> Appointment:
    check_own_office(principal, body.office_id)
    office = await office_named(stores, body.office_id)
    if await request.app.state.seekers.get(body.seeker_id) is None:
        raise invalid(InvalidField("seeker_id", f"no person in care with id '{body.seeker_id}'"))
    try:
        appointment = domain.schedule_appointment(
            appointment_id=new_resource_id(request), office=office, now=datetime.now(UTC),
            **body.model_dump(exclude={"office_id"}))
    except InvalidField as error:
        raise invalid(error) from None
    existing = await stores.appointments.get(appointment.id)
    if existing is None:
        await _book(stores, appointment)
        events.nudge()
    response.headers["Location"] = f"/appointments/{appointment.id}"
    return tagged(response, existing or appointment)


async def _book(stores: Stores, appointment: Appointment) -> None:
    try:
        claimed = await stores.appointments.claim(appointment)
    except SlotTaken as error:
        raise double_booked(error) from None
    try:
        await stores.appointments.add(appointment)
    except AlreadyExists:
        pass  # a replay of the same request already booked it
    except BaseException:
        await stores.appointments.release(appointment.id, claimed)
        raise


@router.get("", response_model=Page[AppointmentPublic], dependencies=[READ],
            summary="Elenco appuntamenti / List appointments")
async def list_appointments(
    stores: Stores, principal: CurrentPrincipal, paged: Paged, office_id: str | None = None,
    operator_id: str | None = None,
    seeker_id: str | None = None, status: domain.AppointmentStatus | None = None,
    starts_from: Annotated[datetime | None, Query(alias="from")] = None,
    starts_before: Annotated[datetime | None, Query(alias="to")] = None,
) -> dict[str, Any]:
    window = {k: v.astimezone(UTC).isoformat().replace("+00:00", "Z") for k, v in
              (("$gte", starts_from), ("$lt", starts_before)) if v is not None}
    own = office_of(principal)
    if own is not None and office_id not in (None, own):
        return page_of([], 0, paged)
    items, total = await stores.appointments.list(query(
        paged, office_id=own or office_id, operator_id=operator_id, seeker_id=seeker_id,
        status=status, starts_at=window or None))
    return page_of(items, total, paged)


@router.get("/{appointment_id}", response_model=AppointmentPublic, dependencies=[READ],
            summary="Legge un appuntamento / Read an appointment")
async def read_appointment(appointment_id: str, stores: Stores, principal: CurrentPrincipal,
                           response: Response) -> Appointment:
    return tagged(response, await visible(stores, appointment_id, principal))


@router.post("/{appointment_id}/reschedule", response_model=AppointmentPublic,
             dependencies=[WRITE], summary="Sposta un appuntamento / Reschedule an appointment")
async def reschedule_appointment(appointment_id: str, body: AppointmentReschedule,
                                 expected: IfMatchVersion, principal: CurrentPrincipal,
                                 stores: Stores, events: Events,
                                 response: Response) -> Appointment:
    appointment = await visible(stores, appointment_id, principal)
    check_version(appointment, expected)
    office = await office_named(stores, appointment.office_id)
    try:
        moved = domain.reschedule(appointment, office, body.operator_id or appointment.operator_id,
                                  body.starts_at, body.ends_at, datetime.now(UTC))
    except InvalidField as error:
        raise invalid(error) from None
    except InvalidTransition as error:
        raise wrong_state(error) from None
    try:
        claimed = await stores.appointments.claim(moved)
    except SlotTaken as error:
        raise double_booked(error) from None
    try:
        saved = await save(stores.appointments, moved, expected)
    except BaseException:
        await stores.appointments.release(moved.id, claimed)
        raise
    kept = set(moved.claims())
    await stores.appointments.release(moved.id, [c for c in appointment.claims() if c not in kept])
    events.nudge()
    return tagged(response, saved)


async def _finish(appointment: Appointment, changed: Appointment, expected: int, stores: Stores,
                  events: Events, response: Response, free_slots: bool) -> Appointment:
    saved = await save(stores.appointments, changed, expected)
    if free_slots:
        await stores.appointments.release(appointment.id, appointment.claims())
    events.nudge()
    return tagged(response, saved)


@router.post("/{appointment_id}/cancel", response_model=AppointmentPublic, dependencies=[WRITE],
             summary="Annulla un appuntamento / Cancel an appointment")
async def cancel_appointment(appointment_id: str, body: AppointmentCancel,
                             expected: IfMatchVersion, principal: CurrentPrincipal,
                             stores: Stores, events: Events, response: Response) -> Appointment:
    appointment = await visible(stores, appointment_id, principal)
    check_version(appointment, expected)
    try:
        changed = domain.cancel(appointment, body.reason, datetime.now(UTC))
    except InvalidTransition as error:
        raise wrong_state(error) from None
    return await _finish(appointment, changed, expected, stores, events, response, True)


async def _outcome(appointment_id: str, attended: bool, expected: int, principal: Principal,
                   stores: Stores, events: Events, response: Response) -> Appointment:
    appointment = await visible(stores, appointment_id, principal)
    check_version(appointment, expected)
    try:
        changed = domain.record_outcome(appointment, attended, datetime.now(UTC))
    except InvalidTransition as error:
        raise wrong_state(error) from None
    return await _finish(appointment, changed, expected, stores, events, response, False)


@router.post("/{appointment_id}/attended", response_model=AppointmentPublic,
             dependencies=[WRITE], summary="La persona si è presentata / Mark attended")
async def mark_attended(appointment_id: str, expected: IfMatchVersion,
                        principal: CurrentPrincipal, stores: Stores, events: Events,
                        response: Response) -> Appointment:
    return await _outcome(appointment_id, True, expected, principal, stores, events, response)


@router.post("/{appointment_id}/missed", response_model=AppointmentPublic,
             dependencies=[WRITE], summary="La persona non si è presentata / Mark missed")
async def mark_missed(appointment_id: str, expected: IfMatchVersion,
                      principal: CurrentPrincipal, stores: Stores, events: Events,
                      response: Response) -> Appointment:
    return await _outcome(appointment_id, False, expected, principal, stores, events, response)
