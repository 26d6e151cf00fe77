"""Offices (sedi): opening hours, closure days and the operators who work there."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge.auth import Role, require_roles
from api_edge.concurrency import IfMatchVersion
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Depends, Query, Request, Response, status

from intake.adapters.mongo_aggregates import AlreadyExists
from intake.api.conventions import (
    check_version,
    found,
    invalid,
    page_of,
    paging,
    query,
    save,
    tagged,
)
from intake.api.deps import MunicipalityIndex, Stores
from intake.api.schemas.offices import OfficeCreate, OfficePublic, OfficeUpdate
from intake.api.schemas.paging import Page
from intake.domain.errors import InvalidField
from intake.domain.offices import Office, validate_office

router = APIRouter(prefix="/offices", tags=["offices"])
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.PARTNER, Role.SYSTEM)
WRITE = require_roles(Role.SUPERVISOR)
Paged = Annotated[tuple[int, int, str], Depends(paging(("name", "created_at"), "name"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OfficePublic,
             dependencies=[WRITE], summary="Apre una sede / Open an office")
async def create_office(body: OfficeCreate, request: Request, response: Response, stores: Stores,
                        municipalities: MunicipalityIndex) -> Office:
    try:
        office = validate_office(
            Office(id=new_resource_id(request), created_at=datetime.now(UTC), **dict(body)),
            municipalities)
    except InvalidField as error:
        raise invalid(error) from None
    try:
        await stores.offices.add(office)
    except AlreadyExists:
        office = await found(stores.offices, office.id, "office")
    response.headers["Location"] = f"/offices/{office.id}"
    return tagged(response, office)


@router.get("", response_model=Page[OfficePublic], dependencies=[READ],
            summary="Elenco sedi / List offices")
async def list_offices(stores: Stores, paged: Paged,
                       municipality: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    items, total = await stores.offices.list(query(paged, municipality=municipality))
    return page_of(items, total, paged)


@router.get("/{office_id}", response_model=OfficePublic, dependencies=[READ],
            summary="Legge una sede / Read an office")
async def read_office(office_id: str, stores: Stores, response: Response) -> Office:
    return tagged(response, await found(stores.offices, office_id, "office"))


@router.patch("/{office_id}", response_model=OfficePublic, dependencies=[WRITE],
              summary="Modifica orari, chiusure, operatori / Change hours, closures, operators")
async def update_office(office_id: str, body: OfficeUpdate, expected: IfMatchVersion,
                        stores: Stores, municipalities: MunicipalityIndex,
                        response: Response) -> Office:
    office = await found(stores.offices, office_id, "office")
    check_version(office, expected)
    try:
        changed = validate_office(office.evolve(**body.changes()), municipalities)
    except InvalidField as error:
        raise invalid(error) from None
    return tagged(response, await save(stores.offices, changed, expected))
