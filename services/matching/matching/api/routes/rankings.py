"""Rankings in both directions, computed on the in-memory index: the best people for a vacancy or
programme, the best vacancies or programmes for a person. Every item explains its score."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from api_edge import Problem
from api_edge.auth import CurrentPrincipal, Principal
from fastapi import APIRouter, Query

from matching.api.deps import READ, CurrentMatcher, office_scope, visible
from matching.api.schemas import EligibilityPublic, RankedPublic, RankingPublic
from matching.domain.eligibility import Programme
from matching.domain.models import Person, Vacancy
from matching.matcher import Matcher, Result

router = APIRouter(tags=["rankings"], dependencies=[READ])
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=100_000)]
Province = Annotated[str | None, Query(pattern=r"^[A-Z]{2}$", description="e.g. MO")]
TargetGroup = Annotated[str | None, Query(max_length=40)]
MinScore = Annotated[float, Query(ge=0, le=1)]
Kind = Annotated[str | None, Query(max_length=40, description="vacancy or a programme kind")]


def _not_found(what: str, key: str) -> Problem:
    return Problem(404, "Not found", f"No {what} with id {key}.", kind="not-found")


def _person(matcher: Matcher, seeker_id: str, principal: Principal) -> Person:
    person = visible(principal, matcher.people.person(seeker_id))
    if person is None:
        raise _not_found("person", seeker_id)
    return person


def _vacancy(matcher: Matcher, vacancy_id: str) -> Vacancy:
    vacancy = matcher.vacancies.vacancy(vacancy_id)
    if vacancy is None:
        raise _not_found("vacancy", vacancy_id)
    return vacancy


def _programme(matcher: Matcher, programme_id: str) -> Programme:
    programme = matcher.programmes.get(programme_id)
    if programme is None:
        raise _not_found("programme", programme_id)
    return programme


def _page(results: list[Result]) -> RankingPublic:
    return RankingPublic(count=len(results), data=[RankedPublic(
        rank=r.rank, seeker_id=r.seeker_id, opportunity_id=r.opportunity_id, kind=r.kind,
        title=r.title, score=r.score.value, breakdown=r.score.breakdown, reasons=r.reasons,
        missing_essential=r.score.missing_essential) for r in results])


@router.get("/vacancies/{vacancy_id}/candidates", response_model=RankingPublic,
            summary="Le persone più adatte a un'offerta / Best people for a vacancy")
async def read_vacancy_candidates(
    vacancy_id: str, matcher: CurrentMatcher, principal: CurrentPrincipal, limit: Limit = 50,
    offset: Offset = 0, province: Province = None, target_group: TargetGroup = None,
    min_score: MinScore = 0.0,
) -> RankingPublic:
    vacancy = _vacancy(matcher, vacancy_id)
    return _page(matcher.people_for_vacancy(vacancy, limit=limit, offset=offset,
                                            province=province, target_group=target_group,
                                            min_score=min_score, office=office_scope(principal)))


@router.get("/programmes/{programme_id}/candidates", response_model=RankingPublic,
            summary="Le persone ammissibili più adatte a un percorso / Best people for a programme")
async def read_programme_candidates(
    programme_id: str, matcher: CurrentMatcher, principal: CurrentPrincipal, limit: Limit = 50,
    offset: Offset = 0, target_group: TargetGroup = None,
) -> RankingPublic:
    programme = _programme(matcher, programme_id)
    return _page(matcher.people_for_programme(programme, date.today(), limit=limit,
                                              offset=offset, target_group=target_group,
                                              office=office_scope(principal)))


@router.get("/seekers/{seeker_id}/opportunities", response_model=RankingPublic,
            summary="Le opportunità più adatte a una persona / Best opportunities for a person")
async def read_seeker_opportunities(
    seeker_id: str, matcher: CurrentMatcher, principal: CurrentPrincipal, limit: Limit = 50,
    offset: Offset = 0, kind: Kind = None,
    province: Province = None, min_score: MinScore = 0.0,
) -> RankingPublic:
    person = _person(matcher, seeker_id, principal)
    results: list[Result] = []
    if kind in (None, "vacancy"):
        results += matcher.vacancies_for_person(person, limit=limit + offset, province=province,
                                                min_score=min_score)
    if kind != "vacancy":
        results += matcher.programmes_for_person(person, date.today(), kind)
    results.sort(key=lambda r: (-r.score.value, r.rank, r.opportunity_id))
    page = results[offset: offset + limit]
    return _page([Result(r.seeker_id, r.opportunity_id, r.kind, r.title, r.score, offset + i + 1,
                         r.reasons) for i, r in enumerate(page)])


@router.get("/programmes/{programme_id}/eligibility/{seeker_id}",
            response_model=EligibilityPublic,
            summary="Ammissibilità di una persona a un percorso / Eligibility, with every reason")
async def read_eligibility(programme_id: str, seeker_id: str, matcher: CurrentMatcher,
                           principal: CurrentPrincipal) -> EligibilityPublic:
    programme = _programme(matcher, programme_id)
    person = _person(matcher, seeker_id, principal)
    verdict = matcher.eligibility(programme, person, date.today())
    return EligibilityPublic(seeker_id=seeker_id, programme_id=programme_id,
                             eligible=verdict.eligible, rule_version=verdict.rule_version,
                             reasons=verdict.reasons, failed_rules=verdict.failed)
