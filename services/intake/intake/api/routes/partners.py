"""Partner organisations, territorial partnerships and the people partners refer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge import Problem
from api_edge.auth import CurrentPrincipal, Principal, Role, require_roles
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Depends, Request, Response, status

from intake.adapters.mongo_aggregates import AlreadyExists, MongoAggregates
from intake.api.conventions import found, invalid, not_found, page_of, paging, query, tagged
from intake.api.deps import Events, MunicipalityIndex, Stores
from intake.api.schemas.paging import Page
from intake.api.schemas.partners import (
    PartnerCreate,
    PartnerPublic,
    PartnershipCreate,
    PartnershipPublic,
    ReferralCreate,
    ReferralPublic,
)
from intake.domain.aggregate import Aggregate, Violations
from intake.domain.errors import InvalidField
from intake.domain.partners import (
    Partner,
    PartnerKind,
    Partnership,
    Referral,
    form_partnership,
    receive_referral,
    register_partner,
)

router = APIRouter(tags=["partners"])
READ = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.PARTNER)
MANAGE = require_roles(Role.SUPERVISOR)
REFER = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.PARTNER)
ByName = Annotated[tuple[int, int, str], Depends(paging(("name",), "name"))]
ByDate = Annotated[tuple[int, int, str], Depends(paging(("received_at",), "-received_at"))]


async def _add(store: MongoAggregates[Any], aggregate: Aggregate, what: str) -> Any:
    try:
        await store.add(aggregate)
    except AlreadyExists:
        return await found(store, aggregate.id, what)
    return aggregate


@router.post("/partners", status_code=status.HTTP_201_CREATED, response_model=PartnerPublic,
             dependencies=[MANAGE], summary="Registra un partner / Register a partner organisation")
async def create_partner(body: PartnerCreate, request: Request, response: Response,
                         stores: Stores, municipalities: MunicipalityIndex) -> Partner:
    try:
        partner = register_partner(partner_id=new_resource_id(request), **dict(body),
                                   municipalities=municipalities, now=datetime.now(UTC))
    except InvalidField as error:
        raise invalid(error) from None
    partner = await _add(stores.partners, partner, "partner")
    response.headers["Location"] = f"/partners/{partner.id}"
    return tagged(response, partner)


@router.get("/partners", response_model=Page[PartnerPublic], dependencies=[READ],
            summary="Elenco partner / List partner organisations")
async def list_partners(stores: Stores, paged: ByName, kind: PartnerKind | None = None,
                        municipality: str | None = None,
                        province: str | None = None) -> dict[str, Any]:
    items, total = await stores.partners.list(query(
        paged, kind=kind.value if kind else None, municipality=municipality, province=province))
    return page_of(items, total, paged)


@router.get("/partners/{partner_id}", response_model=PartnerPublic, dependencies=[READ],
            summary="Legge un partner / Read a partner organisation")
async def read_partner(partner_id: str, stores: Stores, response: Response) -> Partner:
    return tagged(response, await found(stores.partners, partner_id, "partner"))


@router.post("/partnerships", status_code=status.HTTP_201_CREATED,
             response_model=PartnershipPublic, dependencies=[MANAGE],
             summary="Costituisce un partenariato territoriale / Form a territorial partnership")
async def create_partnership(body: PartnershipCreate, request: Request, response: Response,
                             stores: Stores, events: Events) -> Partnership:
    members = await stores.partners.get_many(list(dict.fromkeys(body.member_ids)))
    try:
        partnership = form_partnership(partnership_id=new_resource_id(request), members=members,
                                       now=datetime.now(UTC), **dict(body))
    except InvalidField as error:
        raise invalid(error) from None
    partnership = await _add(stores.partnerships, partnership, "partnership")
    events.nudge()
    response.headers["Location"] = f"/partnerships/{partnership.id}"
    return tagged(response, partnership)


@router.get("/partnerships", response_model=Page[PartnershipPublic], dependencies=[READ],
            summary="Elenco partenariati / List partnerships")
async def list_partnerships(stores: Stores, paged: ByName,
                            member_id: str | None = None) -> dict[str, Any]:
    items, total = await stores.partnerships.list(query(paged, member_ids=member_id))
    return page_of(items, total, paged)


@router.get("/partnerships/{partnership_id}", response_model=PartnershipPublic,
            dependencies=[READ], summary="Legge un partenariato / Read a partnership")
async def read_partnership(partnership_id: str, stores: Stores, response: Response) -> Partnership:
    return tagged(response, await found(stores.partnerships, partnership_id, "partnership"))


@router.post("/referrals", status_code=status.HTTP_201_CREATED, response_model=ReferralPublic,
             dependencies=[REFER], summary="Segnala una persona per un percorso / Refer a person")
async def create_referral(body: ReferralCreate, request: Request, response: Response,
                          principal: CurrentPrincipal, stores: Stores, events: Events) -> Referral:
    if not principal.has(Role.OPERATOR, Role.SUPERVISOR) and \
            principal.organisation_id != body.partner_id:
        raise Problem(403, "Forbidden", "A partner may only refer people in its own name.",
                      kind="forbidden")
    problems = Violations()
    partner = await stores.partners.get(body.partner_id)
    problems.check(partner, "partner_id", f"no partner with id '{body.partner_id}'")
    problems.check(await request.app.state.seekers.get(body.seeker_id), "seeker_id",
                   f"no person in care with id '{body.seeker_id}'")
    if body.programme_id:
        problems.check(await stores.programmes.exists(body.programme_id), "programme_id",
                       f"no programme with id '{body.programme_id}'")
    try:
        problems.raise_if_any()
    except InvalidField as error:
        raise invalid(error) from None
    assert partner is not None
    referral = receive_referral(referral_id=new_resource_id(request), partner=partner,
                                seeker_id=body.seeker_id, programme_id=body.programme_id,
                                note=body.note, now=datetime.now(UTC))
    referral = await _add(stores.referrals, referral, "referral")
    events.nudge()
    response.headers["Location"] = f"/referrals/{referral.id}"
    return tagged(response, referral)


@router.get("/referrals", response_model=Page[ReferralPublic], dependencies=[READ],
            summary="Elenco segnalazioni / List referrals")
async def list_referrals(stores: Stores, principal: CurrentPrincipal, paged: ByDate,
                         programme_id: str | None = None, partner_id: str | None = None,
                         seeker_id: str | None = None) -> dict[str, Any]:
    own = _partner_of(principal)
    if own is not None and partner_id not in (None, own):
        return page_of([], 0, paged)
    partner_id = own or partner_id
    items, total = await stores.referrals.list(query(
        paged, programme_id=programme_id, partner_id=partner_id, seeker_id=seeker_id))
    return page_of(items, total, paged)


@router.get("/referrals/{referral_id}", response_model=ReferralPublic, dependencies=[READ],
            summary="Legge una segnalazione / Read a referral")
async def read_referral(referral_id: str, stores: Stores, principal: CurrentPrincipal,
                        response: Response) -> Referral:
    referral = await found(stores.referrals, referral_id, "referral")
    if _partner_of(principal) not in (None, referral.partner_id):
        raise not_found("referral", referral_id)
    return tagged(response, referral)


def _partner_of(principal: Principal) -> str | None:
    """A partner sees only the referrals it made; staff see all."""
    staff = principal.has(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR)
    return None if staff else principal.organisation_id or ""
