"""Proposed matches, with their score and reasons."""

from __future__ import annotations

from typing import Annotated

from api_edge import Problem
from fastapi import APIRouter, Query

from matching.api.deps import READ, MatchRepository
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
    vacancy_id: Annotated[str | None, Query(max_length=64)] = None,
    seeker_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> MatchesPublic:
    filters = {k: v for k, v in {"vacancy_id": vacancy_id, "seeker_id": seeker_id}.items() if v}
    documents, total = await repository.search(filters, limit, offset)
    return MatchesPublic(data=[_public(d) for d in documents], count=total)


@router.get(
    "/{match_id}", response_model=MatchPublic, summary="Legge un abbinamento / Read one match"
)
async def read_match(match_id: str, repository: MatchRepository) -> MatchPublic:
    document = await repository.get(match_id)
    if document is None:
        raise Problem(404, "Not found", f"No match with id {match_id}.", kind="not-found")
    return _public(document)
