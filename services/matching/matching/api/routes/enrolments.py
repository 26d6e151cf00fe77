"""Programme enrolments: a seat or a waiting-list place, attendance and completion."""

from __future__ import annotations

from api_edge import Problem
from api_edge.auth import CurrentPrincipal
from fastapi import APIRouter, status

from matching.api.deps import READ, WRITE, CurrentEnrolling, CurrentMatcher, visible
from matching.api.schemas import AttendanceCreate, EnrolmentCreate, EnrolmentPublic, SeatsPublic
from matching.enrolling import Enrolling, NotEligible, UnknownEnrolment, WrongStatus

router = APIRouter(tags=["enrolments"])


async def _public(enrolling: Enrolling, document: dict) -> EnrolmentPublic:  # type: ignore[type-arg]
    position = None
    if document["status"] == "waitlisted":
        position = await enrolling.store.position(document["programme_id"], document["ticket"])
    return EnrolmentPublic.model_validate({**document, "id": document["_id"],
                                           "waiting_position": position})


@router.post("/programmes/{programme_id}/enrolments", status_code=status.HTTP_201_CREATED,
             response_model=EnrolmentPublic, dependencies=[WRITE],
             summary="Iscrive una persona a un percorso / Enrol a person (seat or waiting list)")
async def create_enrolment(programme_id: str, body: EnrolmentCreate, matcher: CurrentMatcher,
                           enrolling: CurrentEnrolling, principal: CurrentPrincipal
                           ) -> EnrolmentPublic:
    if programme_id not in matcher.programmes:
        raise Problem(404, "Not found", f"No programme with id {programme_id}.", kind="not-found")
    if visible(principal, matcher.people.person(body.seeker_id)) is None:
        raise Problem(422, "Invalid request", "Some fields are not valid: seeker_id.",
                      kind="validation-error", errors=[{
                          "pointer": "/body/seeker_id", "field": "seeker_id",
                          "reason": f"no person in care with id '{body.seeker_id}'"}])
    try:
        document = await enrolling.enrol(programme_id, body.seeker_id, principal.subject)
    except NotEligible as error:
        raise Problem(422, "Not eligible", "The person does not meet the programme's rules.",
                      kind="not-eligible", reasons=error.verdict.reasons,
                      failed_rules=error.verdict.failed,
                      rule_version=error.verdict.rule_version) from None
    return await _public(enrolling, document)


@router.get("/programmes/{programme_id}/seats", response_model=SeatsPublic, dependencies=[READ],
            summary="Posti e lista d'attesa di un percorso / Seats and waiting list")
async def read_seats(programme_id: str, matcher: CurrentMatcher, enrolling: CurrentEnrolling
                     ) -> SeatsPublic:
    programme = matcher.programmes.get(programme_id)
    if programme is None:
        raise Problem(404, "Not found", f"No programme with id {programme_id}.", kind="not-found")
    return SeatsPublic(programme_id=programme_id, capacity=programme.capacity,
                       counts=await enrolling.store.counts(programme_id))


async def _act(enrolling: Enrolling, action, *args) -> EnrolmentPublic:  # type: ignore[no-untyped-def]
    try:
        return await _public(enrolling, await action(*args))
    except UnknownEnrolment:
        raise Problem(404, "Not found", f"No enrolment with id {args[0]}.",
                      kind="not-found") from None
    except WrongStatus as error:
        raise Problem(409, "Conflict", str(error), kind="wrong-status") from None


@router.get("/enrolments/{enrolment_id}", response_model=EnrolmentPublic, dependencies=[READ],
            summary="Legge un'iscrizione / Read an enrolment")
async def read_enrolment(enrolment_id: str, enrolling: CurrentEnrolling) -> EnrolmentPublic:
    return await _act(enrolling, enrolling.get, enrolment_id)  # noqa: SLF001


@router.post("/enrolments/{enrolment_id}/withdrawal", response_model=EnrolmentPublic,
             dependencies=[WRITE], summary="Ritira un'iscrizione / Withdraw (frees the seat)")
async def create_withdrawal(enrolment_id: str, enrolling: CurrentEnrolling,
                            principal: CurrentPrincipal) -> EnrolmentPublic:
    return await _act(enrolling, enrolling.withdraw, enrolment_id, principal.subject)


@router.post("/enrolments/{enrolment_id}/attendance", response_model=EnrolmentPublic,
             dependencies=[WRITE], summary="Registra una presenza / Record attendance")
async def create_attendance(enrolment_id: str, body: AttendanceCreate,
                            enrolling: CurrentEnrolling, principal: CurrentPrincipal
                            ) -> EnrolmentPublic:
    return await _act(enrolling, enrolling.attend, enrolment_id, body.session_id,
                      principal.subject)


@router.post("/enrolments/{enrolment_id}/completion", response_model=EnrolmentPublic,
             dependencies=[WRITE], summary="Registra il completamento / Record completion")
async def create_completion(enrolment_id: str, enrolling: CurrentEnrolling,
                            principal: CurrentPrincipal) -> EnrolmentPublic:
    return await _act(enrolling, enrolling.complete, enrolment_id, principal.subject)
