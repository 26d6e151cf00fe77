"""Employers' vacancies."""

from __future__ import annotations

from datetime import UTC, datetime

from api_edge import Problem
from fastapi import APIRouter, Response, status

from intake.api.deps import Events, MunicipalityIndex, VacancyRepository
from intake.api.routes.seekers import invalid
from intake.api.schemas.vacancies import VacancyCreate, VacancyPublic
from intake.domain.errors import InvalidField
from intake.domain.vacancies import publish_vacancy

router = APIRouter(prefix="/vacancies", tags=["vacancies"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=VacancyPublic,
    summary="Pubblica un'offerta / Publish a vacancy",
)
async def create_vacancy(
    body: VacancyCreate,
    response: Response,
    repository: VacancyRepository,
    municipalities: MunicipalityIndex,
    events: Events,
) -> VacancyPublic:
    try:
        vacancy = publish_vacancy(
            **body.model_dump(), municipalities=municipalities, now=datetime.now(UTC)
        )
    except InvalidField as error:
        raise invalid(error) from None
    await repository.add(vacancy)
    events.nudge()
    response.headers["Location"] = f"/vacancies/{vacancy.id}"
    return VacancyPublic.model_validate(vacancy, from_attributes=True)


@router.get(
    "/{vacancy_id}", response_model=VacancyPublic, summary="Legge un'offerta / Read a vacancy"
)
async def read_vacancy(vacancy_id: str, repository: VacancyRepository) -> VacancyPublic:
    document = await repository.get(vacancy_id)
    if document is None:
        raise Problem(404, "Not found", f"No vacancy with id {vacancy_id}.", kind="not-found")
    return VacancyPublic.model_validate({**document, "id": document["_id"]})
