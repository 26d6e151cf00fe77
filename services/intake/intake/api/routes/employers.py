"""Employers: the companies that offer vacancies, identified by their VAT number (partita IVA)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge import Problem
from api_edge.auth import Role, require_roles
from api_edge.concurrency import IfMatchVersion
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Depends, Request, Response, status
from pymongo.errors import DuplicateKeyError

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
from intake.api.schemas.employers import EmployerCreate, EmployerPublic, EmployerUpdate
from intake.api.schemas.paging import Page
from intake.domain.employers import Employer, EmployerSize, register_employer, revise_employer
from intake.domain.errors import InvalidField

router = APIRouter(prefix="/employers", tags=["employers"])
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.PARTNER, Role.EMPLOYER)
WRITE = require_roles(Role.OPERATOR, Role.SUPERVISOR)
Paged = Annotated[tuple[int, int, str], Depends(paging(("name", "registered_at"), "name"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=EmployerPublic,
             dependencies=[WRITE], summary="Registra un datore di lavoro / Register an employer")
async def create_employer(body: EmployerCreate, request: Request, response: Response,
                          stores: Stores, municipalities: MunicipalityIndex) -> Employer:
    try:
        employer = register_employer(employer_id=new_resource_id(request), **dict(body),
                                     municipalities=municipalities, now=datetime.now(UTC))
    except InvalidField as error:
        raise invalid(error) from None
    try:
        await stores.employers.add(employer)
    except AlreadyExists:
        employer = await found(stores.employers, employer.id, "employer")
    except DuplicateKeyError:
        first = await stores.employers.collection.find_one({"vat_number": employer.vat_number})
        raise Problem(409, "Already registered", "An employer with this VAT number exists.",
                      kind="already-registered",
                      existing=f"/employers/{first['_id'] if first else ''}") from None
    response.headers["Location"] = f"/employers/{employer.id}"
    return tagged(response, employer)


@router.get("", response_model=Page[EmployerPublic], dependencies=[READ],
            summary="Elenco datori di lavoro / List employers")
async def list_employers(stores: Stores, paged: Paged, municipality: str | None = None,
                         province: str | None = None, sector_ateco: str | None = None,
                         size: EmployerSize | None = None) -> dict[str, Any]:
    items, total = await stores.employers.list(query(
        paged, municipality=municipality, province=province, sector_ateco=sector_ateco,
        size=size.value if size else None))
    return page_of(items, total, paged)


@router.get("/{employer_id}", response_model=EmployerPublic, dependencies=[READ],
            summary="Legge un datore di lavoro / Read an employer")
async def read_employer(employer_id: str, stores: Stores, response: Response) -> Employer:
    return tagged(response, await found(stores.employers, employer_id, "employer"))


@router.patch("/{employer_id}", response_model=EmployerPublic, dependencies=[WRITE],
              summary="Modifica un datore di lavoro / Change an employer")
async def update_employer(employer_id: str, body: EmployerUpdate, expected: IfMatchVersion,
                          stores: Stores, municipalities: MunicipalityIndex,
                          response: Response) -> Employer:
    employer = await found(stores.employers, employer_id, "employer")
    check_version(employer, expected)
    try:
        changed = revise_employer(employer, body.changes(), municipalities)
    except InvalidField as error:
        raise invalid(error) from None
    return tagged(response, await save(stores.employers, changed, expected))
