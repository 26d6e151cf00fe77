"""Service pacts (patti di servizio) and their personal plans."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge import Problem
from api_edge.auth import Principal, Role, require_roles
from api_edge.concurrency import IfMatchVersion, etag_for, stale_version
from api_edge.idempotency import new_resource_id
from event_backbone import ConcurrencyConflict
from fastapi import APIRouter, Query, Request, Response, status
from pymongo.errors import DuplicateKeyError

from intake.adapters.mongo_aggregates import AlreadyExists, ListQuery, MongoAggregates
from intake.api.deps import Audit, Events, Seekers
from intake.api.schemas.pacts import PactCreate, PactPublic, PactsPublic, PactUpdate, PlanReplace
from intake.api.seeker_access import invalid, load_visible, scope_filter
from intake.domain.aggregate import InvalidFields, InvalidTransition
from intake.domain.pacts import Pact, PactStatus, revise_pact, sign_pact

router = APIRouter(prefix="/pacts", tags=["pacts"])
Staff = Annotated[Principal, require_roles(Role.OPERATOR, Role.SUPERVISOR)]


def _pacts(request: Request) -> MongoAggregates[Pact]:
    return request.app.state.pacts  # type: ignore[no-any-return]


def _public(pact: Pact, response: Response) -> PactPublic:
    response.headers["ETag"] = etag_for(pact.version)
    return PactPublic.model_validate(pact.model_dump())


async def _visible(request: Request, pact_id: str, principal: Principal) -> Pact:
    pact = await _pacts(request).get(pact_id)
    if pact is None or not (principal.has(Role.SUPERVISOR) or
                            pact.office_id == principal.office_id):
        raise Problem(404, "Not found", f"No pact with id {pact_id}.", kind="not-found")
    return pact


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PactPublic,
             summary="Sottoscrive il patto di servizio / Sign a service pact",
             responses={409: {"description": "The person already has an open pact."}})
async def create_pact(body: PactCreate, request: Request, response: Response,
                      principal: Staff, seekers: Seekers, events: Events,
                      audit: Audit) -> PactPublic:
    seeker = await load_visible(seekers, body.seeker_id, principal)
    store = _pacts(request)
    try:
        pact = sign_pact(pact_id=new_resource_id(request), seeker_id=seeker.id,
                         office_id=seeker.office_id, operator_id=body.operator_id or
                         principal.subject, actions=body.plan, by=principal.subject,
                         now=datetime.now(UTC))
        await store.add(pact)
    except InvalidFields as error:
        raise invalid(error) from None
    except AlreadyExists:
        pact = await _visible(request, pact.id, principal)
    except DuplicateKeyError:
        existing = await store.collection.find_one({"open_for": seeker.id}, {"_id": 1})
        raise Problem(409, "Pact already open", "This person already has an open service pact.",
                      kind="pact-already-open",
                      existing=f"/pacts/{existing['_id'] if existing else ''}") from None
    events.nudge()
    await audit.record(principal, "create", "pact", pact.id)
    response.headers["Location"] = f"/pacts/{pact.id}"
    return _public(pact, response)


@router.get("", response_model=PactsPublic,
            summary="Elenca i patti / List service pacts (filter, sort, page)")
async def list_pacts(
    request: Request, principal: Staff,
    seeker_id: Annotated[str | None, Query(max_length=64)] = None,
    operator_id: Annotated[str | None, Query(max_length=64)] = None,
    pact_status: Annotated[PactStatus | None, Query(alias="status")] = None,
    sort: Annotated[str, Query(pattern=r"^-?(signed_at|updated_at)$")] = "-signed_at",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PactsPublic:
    filters: dict[str, Any] = {k: v for k, v in {
        "seeker_id": seeker_id, "operator_id": operator_id,
        "status": pact_status.value if pact_status else None}.items() if v is not None}
    pacts, total = await _pacts(request).list(
        ListQuery({**filters, **scope_filter(principal)}, sort, page, per_page))
    return PactsPublic(data=[PactPublic.model_validate(p.model_dump()) for p in pacts],
                       count=total, page=page, per_page=per_page)


@router.get("/{pact_id}", response_model=PactPublic,
            summary="Legge un patto / Read a service pact (ETag)")
async def read_pact(pact_id: str, request: Request, response: Response,
                    principal: Staff) -> PactPublic:
    return _public(await _visible(request, pact_id, principal), response)


@router.patch("/{pact_id}", response_model=PactPublic,
              summary="Aggiorna il patto / Update operator, status or plan (If-Match)")
async def update_pact(pact_id: str, body: PactUpdate, expected: IfMatchVersion,
                      request: Request, response: Response, principal: Staff, events: Events,
                      audit: Audit) -> PactPublic:
    return await _revise(request, response, pact_id, expected, principal, events, audit,
                         operator_id=body.operator_id, status=body.status, reason=body.reason,
                         actions=body.plan)


@router.put("/{pact_id}/plan", response_model=PactPublic,
            summary="Sostituisce il piano personale / Replace the personal plan (If-Match)")
async def replace_plan(pact_id: str, body: PlanReplace, expected: IfMatchVersion,
                       request: Request, response: Response, principal: Staff, events: Events,
                       audit: Audit) -> PactPublic:
    return await _revise(request, response, pact_id, expected, principal, events, audit,
                         actions=body.plan)


async def _revise(request: Request, response: Response, pact_id: str, expected: int,
                  principal: Principal, events: Events, audit: Audit, **changes: Any) -> PactPublic:
    current = await _visible(request, pact_id, principal)
    if current.version != expected:
        raise stale_version()
    try:
        revised = revise_pact(current, by=principal.subject, now=datetime.now(UTC), **changes)
        if revised is None:
            return _public(current, response)
        saved = await _pacts(request).save(revised, expected)
    except InvalidFields as error:
        raise invalid(error) from None
    except InvalidTransition as error:
        raise Problem(409, "Not allowed now", f"Cannot {error.action}: the pact is "
                      f"{error.status}.", kind="invalid-transition", status_now=error.status,
                      errors=[{"pointer": "/body/status", "field": "status",
                               "reason": f"cannot {error.action} from {error.status}"}]) from None
    except ConcurrencyConflict:
        raise stale_version() from None
    events.nudge()
    await audit.record(principal, "update", "pact", pact_id)
    return _public(saved, response)
