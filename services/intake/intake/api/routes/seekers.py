"""People in care (persone in carico)."""

from __future__ import annotations

from datetime import UTC, datetime

from api_edge import Problem
from fastapi import APIRouter, Response, status

from intake.api.deps import Events, MunicipalityIndex, SeekerRepository, ServiceCaller
from intake.api.schemas.seekers import SeekerContact, SeekerCreate, SeekerPublic
from intake.domain.errors import AlreadyRegistered, InvalidField
from intake.domain.seekers import register_seeker

router = APIRouter(prefix="/seekers", tags=["seekers"])


def invalid(error: InvalidField) -> Problem:
    return Problem(
        422,
        "Invalid request",
        f"{error.field} {error.reason}.",
        kind="validation-error",
        errors=[{"pointer": f"/body/{error.field}", "field": error.field, "reason": error.reason}],
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SeekerPublic,
    summary="Registra una persona / Register a person in care",
)
async def create_seeker(
    body: SeekerCreate,
    response: Response,
    repository: SeekerRepository,
    municipalities: MunicipalityIndex,
    events: Events,
) -> SeekerPublic:
    try:
        seeker = register_seeker(
            **body.model_dump(), municipalities=municipalities, now=datetime.now(UTC)
        )
    except InvalidField as error:
        raise invalid(error) from None
    try:
        await repository.add(seeker)
    except AlreadyRegistered as error:
        raise Problem(
            409,
            "Already registered",
            "A person with this tax code is already in care.",
            kind="already-registered",
            existing=f"/seekers/{error.existing_id}",
        ) from None
    events.nudge()
    response.headers["Location"] = f"/seekers/{seeker.id}"
    return SeekerPublic.model_validate(seeker, from_attributes=True)


@router.get(
    "/{seeker_id}", response_model=SeekerPublic, summary="Legge una persona / Read a person in care"
)
async def read_seeker(seeker_id: str, repository: SeekerRepository) -> SeekerPublic:
    document = await repository.get(seeker_id)
    if document is None:
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")
    return SeekerPublic.model_validate({**document, "id": document["_id"]})


@router.get(
    "/{seeker_id}/contact",
    response_model=SeekerContact,
    dependencies=[ServiceCaller],
    summary="Recapiti per l'invio / Contact details at send time (service credential)",
)
async def read_seeker_contact(seeker_id: str, repository: SeekerRepository) -> SeekerContact:
    document = await repository.get(seeker_id)
    if document is None:
        raise Problem(404, "Not found", f"No person with id {seeker_id}.", kind="not-found")
    return SeekerContact.model_validate({**document, "id": document["_id"]})
