"""Proposed matches, with their score and reasons."""

from __future__ import annotations

from typing import Annotated

from api_edge import Problem
from api_edge.auth import CurrentPrincipal
from fastapi import APIRouter, Query

from matching.api.deps import READ, CurrentMatcher, MatchRepository, office_scope, visible
from matching.api.schemas import MatchesPublic, MatchPublic

router = APIRouter(prefix="/matches", tags=["matches"], dependencies=[READ])


def _public(document: dict) -> MatchPublic:  # type: ignore[type-arg]
    return MatchPublic.model_validate({**document, "id": document["_id"]})


@router.get(
    "",
    response_model=MatchesPublic,
    summary="Elenca gli abbinamenti / List proposed matches, best first",
)
async def read_matches(
    repository: MatchRepository,
    matcher: CurrentMatcher,
    principal: CurrentPrincipal,
    vacancy_id: Annotated[str | None, Query(max_length=64)] = None,
    seeker_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> MatchesPublic:
    filters = {k: v for k, v in {"vacancy_id": vacancy_id, "seeker_id": seeker_id}.items() if v}
    documents, total = await repository.search(filters, limit, offset)
    if office_scope(principal) is not None:  # an operator: only the people of its office
        documents = [d for d in documents
                     if visible(principal, matcher.people.person(d["seeker_id"]))]
        # Matches carry no office: the page is filtered, and the count stays an upper bound.
        total = offset + len(documents) if len(documents) < limit else total
    return MatchesPublic(data=[_public(d) for d in documents], count=total)


@router.get(
    "/{match_id}", response_model=MatchPublic, summary="Legge un abbinamento / Read one match"
)
async def read_match(match_id: str, repository: MatchRepository, matcher: CurrentMatcher,
                     principal: CurrentPrincipal) -> MatchPublic:
    document = await repository.get(match_id)
    hidden = document is not None and office_scope(principal) is not None and not visible(
        principal, matcher.people.person(document["seeker_id"]))
    if document is None or hidden:
        raise Problem(404, "Not found", f"No match with id {match_id}.", kind="not-found")
    return _public(document)
