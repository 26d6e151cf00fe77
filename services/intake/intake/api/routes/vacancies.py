"""Employers' vacancies: draft -> published -> closed or filled."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge.auth import CurrentPrincipal, Principal, Role, require_roles
from api_edge.concurrency import IfMatchVersion
from api_edge.idempotency import new_resource_id
from api_edge.problems import Problem
from fastapi import APIRouter, Depends, Request, Response, status

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
    wrong_state,
)
from intake.api.deps import Events, MunicipalityIndex, Stores
from intake.api.schemas.paging import Page
from intake.api.schemas.vacancies import VacancyClose, VacancyCreate, VacancyPublic, VacancyUpdate
from intake.domain import vacancies as domain
from intake.domain.aggregate import InvalidTransition
from intake.domain.errors import InvalidField
from intake.domain.vacancies import Vacancy, VacancyStatus

router = APIRouter(prefix="/vacancies", tags=["vacancies"])
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.PARTNER, Role.EMPLOYER,
                     Role.SYSTEM)
WRITE = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.EMPLOYER)
Paged = Annotated[tuple[int, int, str], Depends(
    paging(("created_at", "published_at", "deadline", "title"), "-created_at"))]


def _own(principal: Principal, employer_id: str) -> None:
    """An employer acts only on its own vacancies; operators on any."""
    staff = principal.has(Role.OPERATOR, Role.SUPERVISOR)
    if not staff and principal.organisation_id != employer_id:
        raise Problem(403, "Forbidden", "An employer may only manage its own vacancies.",
                      kind="forbidden")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=VacancyPublic,
             dependencies=[WRITE], 
             summary="Crea o pubblica un'offerta / Create or publish a vacancy")
async def create_vacancy(body: VacancyCreate, request: Request, response: Response,
                         principal: CurrentPrincipal, stores: Stores,
                         municipalities: MunicipalityIndex, events: Events) -> Vacancy:
    _own(principal, body.employer_id)
    employer = await stores.employers.get(body.employer_id)
    if employer is None:
        raise invalid(InvalidField("employer_id", f"no employer with id '{body.employer_id}'"))
    try:
        vacancy = domain.create_vacancy(
            vacancy_id=new_resource_id(request),
            fields=dict(body.model_dump(exclude={"status"}), languages=body.languages),
            publish=body.status == "published", employer_sector_ateco=employer.sector_ateco,
            municipalities=municipalities, now=datetime.now(UTC))
    except InvalidField as error:
        raise invalid(error) from None
    try:
        await stores.vacancies.add(vacancy)
    except AlreadyExists:
        vacancy = await found(stores.vacancies, vacancy.id, "vacancy")
    events.nudge()
    response.headers["Location"] = f"/vacancies/{vacancy.id}"
    return tagged(response, vacancy)


@router.get("", response_model=Page[VacancyPublic], dependencies=[READ],
            summary="Elenco offerte / List vacancies")
async def list_vacancies(stores: Stores, paged: Paged, status: VacancyStatus | None = None,
                         employer_id: str | None = None, municipality: str | None = None,
                         province: str | None = None, occupation: str | None = None,
                         reserved_disability_list: bool | None = None) -> dict[str, Any]:
    items, total = await stores.vacancies.list(query(
        paged, status=status.value if status else None, employer_id=employer_id,
        municipality=municipality, province=province, occupation=occupation,
        reserved_disability_list=reserved_disability_list))
    return page_of(items, total, paged)


@router.get("/{vacancy_id}", response_model=VacancyPublic, dependencies=[READ],
            summary="Legge un'offerta / Read a vacancy")
async def read_vacancy(vacancy_id: str, stores: Stores, response: Response) -> Vacancy:
    return tagged(response, await found(stores.vacancies, vacancy_id, "vacancy"))


async def _change(vacancy_id: str, expected: int, principal: Principal, stores: Stores,
                  events: Events, response: Response, step: Any) -> Vacancy:
    vacancy = await found(stores.vacancies, vacancy_id, "vacancy")
    _own(principal, vacancy.employer_id)
    check_version(vacancy, expected)
    try:
        changed = step(vacancy)
    except InvalidField as error:
        raise invalid(error) from None
    except InvalidTransition as error:
        raise wrong_state(error) from None
    saved = await save(stores.vacancies, changed, expected)
    events.nudge()
    return tagged(response, saved)


@router.patch("/{vacancy_id}", response_model=VacancyPublic, dependencies=[WRITE],
              summary="Modifica un'offerta / Change a vacancy")
async def update_vacancy(vacancy_id: str, body: VacancyUpdate, expected: IfMatchVersion,
                         principal: CurrentPrincipal, stores: Stores,
                         municipalities: MunicipalityIndex, events: Events,
                         response: Response) -> Vacancy:
    return await _change(vacancy_id, expected, principal, stores, events, response, lambda v:
                         domain.revise_vacancy(v, body.changes(), municipalities,
                                               datetime.now(UTC)))


@router.post("/{vacancy_id}/publish", response_model=VacancyPublic, dependencies=[WRITE],
             summary="Pubblica una bozza / Publish a draft vacancy")
async def publish_vacancy(vacancy_id: str, expected: IfMatchVersion, principal: CurrentPrincipal,
                          stores: Stores, events: Events, response: Response) -> Vacancy:
    return await _change(vacancy_id, expected, principal, stores, events, response,
                         lambda v: domain.publish_vacancy(v, datetime.now(UTC)))


@router.post("/{vacancy_id}/close", response_model=VacancyPublic, dependencies=[WRITE],
             summary="Chiude un'offerta (ritirata o coperta) / Close or mark filled")
async def close_vacancy(vacancy_id: str, body: VacancyClose, expected: IfMatchVersion,
                        principal: CurrentPrincipal, stores: Stores, events: Events,
                        response: Response) -> Vacancy:
    return await _change(vacancy_id, expected, principal, stores, events, response,
                         lambda v: domain.close_vacancy(v, body.outcome == "filled",
                                                        datetime.now(UTC)))
