"""Shortlists for a vacancy, referrals to the employer and their lifecycle; the employer's view
of its own shortlists, anonymised."""

from __future__ import annotations

from typing import Any

from api_edge import Problem
from api_edge.auth import CurrentPrincipal, Role, require_roles
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Request, status

from matching.adapters.referrals import referral_id
from matching.api.deps import WRITE, CurrentMatcher, Referrals, visible
from matching.api.schemas import (
    CandidateProfile,
    EmployerShortlist,
    ReferralPublic,
    ReferralStatusCreate,
    ShortlistCreate,
    ShortlistPublic,
)
from matching.domain.referrals import InvalidTransition, anonymised_profile, check_transition

router = APIRouter(tags=["shortlists"])
EMPLOYER_OR_STAFF = require_roles(Role.OPERATOR, Role.SUPERVISOR, Role.EMPLOYER)


def _missing(what: str, key: str) -> Problem:
    return Problem(404, "Not found", f"No {what} with id {key}.", kind="not-found")


def _shortlist_public(document: dict[str, Any], referrals: list[str]) -> ShortlistPublic:
    return ShortlistPublic.model_validate({**document, "id": document["_id"],
                                           "referral_ids": referrals})


@router.post("/vacancies/{vacancy_id}/shortlists", status_code=status.HTTP_201_CREATED,
             response_model=ShortlistPublic, dependencies=[WRITE],
             summary="Crea una rosa di candidati / Build a shortlist for a vacancy")
async def create_shortlist(vacancy_id: str, body: ShortlistCreate, request: Request,
                           matcher: CurrentMatcher, referrals: Referrals,
                           principal: CurrentPrincipal) -> ShortlistPublic:
    vacancy = matcher.vacancies.vacancy(vacancy_id)
    if vacancy is None:
        raise _missing("vacancy", vacancy_id)
    errors = [{"pointer": f"/body/seeker_ids/{i}", "field": f"seeker_ids.{i}",
               "reason": f"no person in care with id '{s}'"}
              for i, s in enumerate(body.seeker_ids)
              if visible(principal, matcher.people.person(s)) is None]
    if errors:
        raise Problem(422, "Invalid request", "Some fields are not valid: seeker_ids.",
                      kind="validation-error", errors=errors)
    document = await referrals.add_shortlist(new_resource_id(request), vacancy_id,
                                             vacancy.employer_id,
                                             list(dict.fromkeys(body.seeker_ids)),
                                             principal.subject)
    return _shortlist_public(document, [])


@router.post("/shortlists/{shortlist_id}/confirmation", response_model=ShortlistPublic,
             dependencies=[WRITE],
             summary="Conferma la rosa e segnala le persone / Confirm and refer the people")
async def create_confirmation(shortlist_id: str, request: Request, referrals: Referrals,
                              principal: CurrentPrincipal) -> ShortlistPublic:
    shortlist = await referrals.shortlist(shortlist_id)
    if shortlist is None:
        raise _missing("shortlist", shortlist_id)
    if shortlist["status"] == "draft":
        await referrals.confirm(shortlist, principal.subject)
    for seeker_id in shortlist["seeker_ids"]:
        await referrals.propose(shortlist, seeker_id, principal.subject)  # idempotent
    request.app.state.events.nudge()
    confirmed = await referrals.shortlist(shortlist_id)
    ids = [referral_id(shortlist["vacancy_id"], s) for s in shortlist["seeker_ids"]]
    return _shortlist_public(confirmed, ids)  # type: ignore[arg-type]


@router.post("/referrals/{referral_id_}/status", response_model=ReferralPublic,
             dependencies=[EMPLOYER_OR_STAFF],
             summary="Aggiorna lo stato di una segnalazione / Move a referral on")
async def create_referral_status(referral_id_: str, body: ReferralStatusCreate, request: Request,
                                 referrals: Referrals, principal: CurrentPrincipal
                                 ) -> ReferralPublic:
    referral = await referrals.referral(referral_id_)
    staff = principal.has(Role.OPERATOR, Role.SUPERVISOR)
    if referral is None or not (staff or principal.organisation_id == referral["employer_id"]):
        raise _missing("referral", referral_id_)
    try:
        check_transition(referral["status"], body.status, by_employer=not staff)
    except InvalidTransition as error:
        raise Problem(409, "Conflict", str(error), kind="invalid-transition") from None
    await referrals.move(referral, body.status, principal.subject, body.interview_at)
    request.app.state.events.nudge()
    moved = await referrals.referral(referral_id_) or referral
    return ReferralPublic.model_validate({**moved, "id": moved["_id"]})


@router.get("/employer/shortlists/{shortlist_id}", response_model=EmployerShortlist,
            dependencies=[EMPLOYER_OR_STAFF],
            summary="La rosa vista dall'azienda, anonima / An employer's anonymised shortlist")
async def read_employer_shortlist(shortlist_id: str, matcher: CurrentMatcher,
                                  referrals: Referrals, principal: CurrentPrincipal
                                  ) -> EmployerShortlist:
    shortlist = await referrals.shortlist(shortlist_id)
    staff = principal.has(Role.OPERATOR, Role.SUPERVISOR)
    if shortlist is None or shortlist["status"] != "confirmed" or not (
            staff or principal.organisation_id == shortlist["employer_id"]):
        raise _missing("shortlist", shortlist_id)  # another employer's: as if it did not exist
    candidates = []
    for referral in await referrals.of_shortlist(shortlist_id):
        person = matcher.people.person(referral["seeker_id"])
        shared = person is not None and person.shares_anonymised
        candidates.append(CandidateProfile(
            referral_id=referral["_id"], status=referral["status"],
            profile=anonymised_profile(person, matcher.land) if shared else None))  # type: ignore[arg-type]
    return EmployerShortlist(id=shortlist_id, vacancy_id=shortlist["vacancy_id"],
                             candidates=candidates)
