"""Placements and their follow-ups; re-employment rates, skills shortage, target companies."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Literal

from api_edge import Problem
from api_edge.auth import CurrentPrincipal
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Query, Request, status

from matching.api.deps import READ, WRITE, CurrentEnrolling, CurrentMatcher, Placements, visible
from matching.api.schemas import (
    FollowUpCreate,
    PlacementCreate,
    PlacementPublic,
    RatesPublic,
    SkillsShortagePublic,
    TargetCompanyPublic,
)
from matching.domain.outcomes import skills_shortage, target_companies
from matching.outcomes import reemployment_rates, snapshot_of

router = APIRouter(tags=["outcomes"])


def _public(document: dict) -> PlacementPublic:  # type: ignore[type-arg]
    return PlacementPublic.model_validate({**document, "id": document["_id"]})


@router.post("/placements", status_code=status.HTTP_201_CREATED, response_model=PlacementPublic,
             dependencies=[WRITE], summary="Registra un'assunzione / Record a placement")
async def create_placement(body: PlacementCreate, request: Request, matcher: CurrentMatcher,
                           placements: Placements, principal: CurrentPrincipal
                           ) -> PlacementPublic:
    if visible(principal, matcher.people.person(body.seeker_id)) is None:
        raise Problem(422, "Invalid request", "Some fields are not valid: seeker_id.",
                      kind="validation-error", errors=[{
                          "pointer": "/body/seeker_id", "field": "seeker_id",
                          "reason": f"no person in care with id '{body.seeker_id}'"}])
    document = await placements.record(new_resource_id(request), body.model_dump(),
                                       snapshot_of(matcher, body.seeker_id))
    request.app.state.events.nudge()
    return _public(document)


@router.post("/placements/{placement_id}/follow-ups", response_model=PlacementPublic,
             dependencies=[WRITE], summary="Esito a 3/6/12 mesi / Record a follow-up")
async def create_follow_up(placement_id: str, body: FollowUpCreate, placements: Placements
                           ) -> PlacementPublic:
    if await placements.get(placement_id) is None:
        raise Problem(404, "Not found", f"No placement with id {placement_id}.", kind="not-found")
    await placements.follow_up(placement_id, body.months, body.employed, body.on)
    return _public(await placements.get(placement_id))  # type: ignore[arg-type]


@router.get("/outcomes/reemployment", response_model=RatesPublic, dependencies=[READ],
            summary="Tasso di ricollocazione con i conteggi / Re-employment rate with counts")
async def read_reemployment(
    request: Request, matcher: CurrentMatcher, enrolling: CurrentEnrolling, placements: Placements,
    by: Literal["programme", "partner", "territory", "target_group"], start: date, end: date,
) -> RatesPublic:
    if end < start:
        raise Problem(422, "Invalid request", "Some fields are not valid: end.",
                      kind="validation-error", errors=[{
                          "pointer": "/query/end", "field": "end",
                          "reason": "the period must end on or after its start"}])
    rates = await reemployment_rates(matcher, enrolling.store, request.app.state.read_model,
                                     placements, by, start, end)
    return RatesPublic(by=by, start=start, end=end, data=[asdict(r) for r in rates])  # type: ignore[misc]


@router.get("/outcomes/skills-shortage", response_model=SkillsShortagePublic,
            dependencies=[READ],
            summary="Competenze carenti ed eccedenti / Skills in shortage and in surplus")
async def read_skills_shortage(
    matcher: CurrentMatcher,
    province: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")] = None,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
    start: date | None = None, end: date | None = None,
) -> SkillsShortagePublic:
    def inside(municipality: str | None) -> bool:
        place = matcher.land.get(municipality)
        return province is None or (place is not None and place.province_code == province)

    vacancies = [v for v in matcher.vacancies.vacancies.values() if inside(v.municipality)]
    people = [p for p in matcher.people.people.values() if inside(p.municipality)]
    period = (start or date.min, end or date.max) if start or end else None
    shortage, surplus = skills_shortage(vacancies, people, top, period)
    return SkillsShortagePublic(province=province, shortage=[asdict(b) for b in shortage],  # type: ignore[misc]
                                surplus=[asdict(b) for b in surplus])  # type: ignore[misc]


@router.get("/outcomes/target-companies", response_model=list[TargetCompanyPublic],
            dependencies=[READ],
            summary="Aziende obiettivo per una coorte / Target companies for a cohort")
async def read_target_companies(
    matcher: CurrentMatcher, placements: Placements,
    seeker_ids: Annotated[list[str], Query(min_length=1, max_length=500)],
) -> list[TargetCompanyPublic]:
    cohort = [p for s in seeker_ids if (p := matcher.people.person(s)) is not None]
    hires = [(p["employer_id"], p["snapshot"].get("occupation")) for p in await placements.all()]
    companies = target_companies(cohort, list(matcher.vacancies.vacancies.values()), hires)
    return [TargetCompanyPublic(**asdict(c)) for c in companies]
