"""Programmes (percorsi) of every kind in the seeds, with eligibility rules as versioned data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge.auth import Role, require_roles
from api_edge.concurrency import IfMatchVersion
from api_edge.idempotency import new_resource_id
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
from intake.api.schemas.programmes import ProgrammeCreate, ProgrammePublic, ProgrammeUpdate
from intake.contracts import PrerequisiteRule, ProgrammeKind, TargetGroup
from intake.domain import programmes as domain
from intake.domain.aggregate import InvalidTransition, Violations
from intake.domain.errors import InvalidField
from intake.domain.programmes import Programme, ProgrammeStatus

router = APIRouter(prefix="/programmes", tags=["programmes"])
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.PARTNER, Role.SYSTEM)
WRITE = require_roles(Role.OPERATOR, Role.SUPERVISOR)
Paged = Annotated[tuple[int, int, str], Depends(
    paging(("created_at", "published_at", "title", "kind"), "-created_at"))]


async def check_references(stores: Stores, fields: dict[str, Any]) -> None:
    """Provider, partnership, office and prerequisite programmes must exist (422 naming each)."""
    problems = Violations()
    for field, store, what in (("provider_id", stores.partners, "partner"),
                               ("partnership_id", stores.partnerships, "partnership"),
                               ("office_id", stores.offices, "office")):
        value = fields.get(field)
        if value and not await store.exists(value):
            problems.add(field, f"no {what} with id '{value}'")
    eligibility = fields.get("eligibility")
    for index, rule in enumerate(eligibility.rules if eligibility else []):
        if isinstance(rule, PrerequisiteRule):
            for programme_id in rule.completed_programme_ids:
                if not await stores.programmes.exists(programme_id):
                    problems.add(f"eligibility.rules.{index}.completed_programme_ids",
                                 f"no programme with id '{programme_id}'")
    problems.raise_if_any()


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProgrammePublic,
             dependencies=[WRITE], summary="Crea un percorso / Create a programme")
async def create_programme(body: ProgrammeCreate, request: Request, response: Response,
                           stores: Stores, municipalities: MunicipalityIndex,
                           events: Events) -> Programme:
    fields = dict(body)
    publish = fields.pop("publish")
    try:
        await check_references(stores, fields)
        programme = domain.create_programme(
            programme_id=new_resource_id(request), fields=fields, publish=publish,
            municipalities=municipalities, now=datetime.now(UTC))
    except InvalidField as error:
        raise invalid(error) from None
    try:
        await stores.programmes.add(programme)
    except AlreadyExists:
        programme = await found(stores.programmes, programme.id, "programme")
    events.nudge()
    response.headers["Location"] = f"/programmes/{programme.id}"
    return tagged(response, programme)


@router.get("", response_model=Page[ProgrammePublic], dependencies=[READ],
            summary="Elenco percorsi / List programmes")
async def list_programmes(stores: Stores, paged: Paged, status: ProgrammeStatus | None = None,
                          kind: ProgrammeKind | None = None, municipality: str | None = None,
                          province: str | None = None, provider_id: str | None = None,
                          partnership_id: str | None = None,
                          target_group: TargetGroup | None = None) -> dict[str, Any]:
    items, total = await stores.programmes.list(query(
        paged, status=status.value if status else None, kind=kind.value if kind else None,
        municipality=municipality, province=province, provider_id=provider_id,
        partnership_id=partnership_id, target_groups=target_group.value if target_group else None))
    return page_of(items, total, paged)


@router.get("/{programme_id}", response_model=ProgrammePublic, dependencies=[READ],
            summary="Legge un percorso con lo storico delle regole / Read a programme")
async def read_programme(programme_id: str, stores: Stores, response: Response) -> Programme:
    return tagged(response, await found(stores.programmes, programme_id, "programme"))


async def _change(programme_id: str, expected: int, stores: Stores, events: Events,
                  response: Response, step: Any) -> Programme:
    programme = await found(stores.programmes, programme_id, "programme")
    check_version(programme, expected)
    try:
        changed = await step(programme)
    except InvalidField as error:
        raise invalid(error) from None
    except InvalidTransition as error:
        raise wrong_state(error) from None
    saved = await save(stores.programmes, changed, expected)
    events.nudge()
    return tagged(response, saved)


@router.patch("/{programme_id}", response_model=ProgrammePublic, dependencies=[WRITE],
              summary="Modifica un percorso (nuove regole = nuova versione) / Change a programme")
async def update_programme(programme_id: str, body: ProgrammeUpdate, expected: IfMatchVersion,
                           stores: Stores, municipalities: MunicipalityIndex, events: Events,
                           response: Response) -> Programme:
    async def revise(programme: Programme) -> Programme:
        await check_references(stores, body.changes())
        return domain.revise_programme(programme, body.changes(), municipalities,
                                       datetime.now(UTC))

    return await _change(programme_id, expected, stores, events, response, revise)


@router.post("/{programme_id}/publish", response_model=ProgrammePublic, dependencies=[WRITE],
             summary="Pubblica un percorso / Publish a programme")
async def publish_programme(programme_id: str, expected: IfMatchVersion, stores: Stores,
                            events: Events, response: Response) -> Programme:
    async def publish(programme: Programme) -> Programme:
        return domain.publish_programme(programme, datetime.now(UTC))

    return await _change(programme_id, expected, stores, events, response, publish)


@router.post("/{programme_id}/close", response_model=ProgrammePublic, dependencies=[WRITE],
             summary="Chiude un percorso / Close a programme")
async def close_programme(programme_id: str, expected: IfMatchVersion, stores: Stores,
                          events: Events, response: Response) -> Programme:
    async def close(programme: Programme) -> Programme:
        return domain.close_programme(programme, datetime.now(UTC))

    return await _change(programme_id, expected, stores, events, response, close)
