"""Registering and revising a person: every rule is checked at once, so an operator sees every
failing field in one answer; each accepted change records the events it causes."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from intake.contracts import (
    SEEKER_REGISTERED,
    SEEKER_STATUS_CHANGED,
    SEEKER_UPDATED,
    LabourStatusKind,
    SeekerProfile,
    SeekerRegistered,
    SeekerStatusChanged,
    SeekerUpdated,
)
from intake.domain.aggregate import InvalidFields
from intake.domain.identity import (
    Errors,
    check_consistency,
    decode_tax_code,
    is_country,
    normalise_phone,
)
from intake.domain.municipalities import Municipalities
from intake.domain.sectors import ateco_activity, not_an_activity
from intake.domain.seekers import Consents, Seeker, SeekerDraft, merge_consents
from intake.domain.target_groups import (
    age_on,
    derive_target_groups,
    next_age_change,
    undeclarable,
)

LANGUAGE = re.compile(r"^[a-z]{2}$")
ESCO = re.compile(r"^http://data\.europa\.eu/esco/(occupation|skill|isco)/[A-Za-z0-9.\-]+$")
LICENCES = frozenset({"AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C1E", "C", "CE", "D1",
                      "D1E", "D", "DE", "KA", "KB"})
MIN_AGE = 15


def register_seeker(
    draft: SeekerDraft, *, seeker_id: str, municipalities: Municipalities, now: datetime
) -> Seeker:
    seeker = _build(draft, seeker_id, municipalities, now, previous=None)
    seeker.record(SEEKER_REGISTERED, SeekerRegistered(**profile(seeker)))
    return seeker


def revise_seeker(
    current: Seeker, changes: dict[str, Any], *, municipalities: Municipalities, now: datetime
) -> Seeker | None:
    """The record after `changes` (a partial draft), or None when nothing would change."""
    merged = {**current.draft(), **changes}
    if isinstance(changes.get("consents"), dict):  # a consent not mentioned stays as it is
        merged["consents"] = {**current.draft()["consents"], **changes["consents"]}
    try:
        draft = SeekerDraft.model_validate(merged)
    except ValueError as error:
        raise InvalidFields(_pydantic_errors(error)) from None
    revised = _build(draft, current.id, municipalities, now, previous=current)
    if _content(revised) == _content(current):
        return None
    if revised.labour_status != current.labour_status and revised.labour_status is not None:
        revised.record(SEEKER_STATUS_CHANGED, SeekerStatusChanged(
            seeker_id=revised.id, labour_status=revised.labour_status,
            target_groups=revised.target_groups, changed_at=now))
    revised.record(SEEKER_UPDATED, SeekerUpdated(**profile(revised)))
    return revised


def profile(seeker: Seeker) -> dict[str, Any]:
    """The pseudonymous profile events carry: no name, tax code, contact or disability details."""
    shared = seeker.model_dump(include=set(SeekerProfile.model_fields))
    return {**shared, "seeker_id": seeker.id,
            "shares_with_partners": seeker.consents.partner_sharing.given,
            "anonymised_profile_to_employers":
                seeker.consents.anonymised_profile_to_employers.given}


def _content(seeker: Seeker) -> dict[str, Any]:
    return seeker.model_dump(exclude={"version", "updated_at"})


def _build(draft: SeekerDraft, seeker_id: str, municipalities: Municipalities, now: datetime,
           previous: Seeker | None) -> Seeker:
    errors: Errors = []
    identity = decode_tax_code(draft.tax_code, errors)
    if identity is not None:
        check_consistency(identity, draft.birth_date, draft.sex, draft.birthplace, municipalities,
                          errors)
    place = municipalities.get(draft.municipality)
    if place is None:
        errors.append(("municipality", f"'{draft.municipality}' is not an ISTAT municipality code"))
    phone = normalise_phone(draft.phone, errors) if draft.phone else None
    _check_profile(draft, errors, now.date(), identity.birth_date if identity else None)
    if errors or identity is None or place is None:
        raise InvalidFields(errors)
    disability = previous.disability_list_eligible if previous else False
    history = list(previous.status_history) if previous else []
    if previous and previous.labour_status and previous.labour_status != draft.labour_status:
        history.append(previous.labour_status)
    fields = draft.model_dump(exclude={"consents"})
    fields.update(
        id=seeker_id, version=previous.version + 1 if previous else 1,
        tax_code=identity.tax_code, birth_date=identity.birth_date, sex=identity.sex,
        birthplace=identity.birthplace, citizenship=draft.citizenship.upper(),
        province=place.province_code, email=str(draft.email).lower(), phone=phone,
        given_name=draft.given_name.strip(), family_name=draft.family_name.strip(),
        skills=_distinct(draft.skills), desired_occupations=_distinct(draft.desired_occupations),
        driving_licences=_distinct([d.upper() for d in draft.driving_licences]),
        work_history=[{**job.model_dump(), "sector_ateco": ateco_activity(job.sector_ateco or "")}
                      for job in draft.work_history],
        disability_list_eligible=disability, status_history=history,
        consents=merge_consents(previous.consents if previous else Consents(), draft.consents,
                                now),
        registered_at=previous.registered_at if previous else now, updated_at=now,
        target_groups=derive_target_groups(
            declared=draft.declared_target_groups, birth_date=identity.birth_date,
            labour_status=draft.labour_status, education=draft.education,
            work_history=draft.work_history, disability_list_eligible=disability,
            today=now.date()),
        target_groups_review_on=next_age_change(identity.birth_date, now.date()),
    )
    return Seeker.model_validate(fields)


def with_disability_flag(seeker: Seeker, eligible: bool, now: datetime) -> Seeker | None:
    """The record with a new law 68/1999 eligibility flag, or None if it is already so."""
    if seeker.disability_list_eligible == eligible:
        return None
    return _rederived(seeker, eligible, now)


def with_groups_of_today(seeker: Seeker, now: datetime) -> Seeker | None:
    """The record with its derived groups as of `now` (a birthday may have changed them), or
    None when they still hold."""
    if seeker.target_groups_review_on is not None and seeker.target_groups_review_on > now.date():
        return None
    return _rederived(seeker, seeker.disability_list_eligible, now)


def _rederived(seeker: Seeker, eligible: bool, now: datetime) -> Seeker:
    groups = derive_target_groups(
        declared=seeker.declared_target_groups, birth_date=seeker.birth_date,
        labour_status=seeker.labour_status, education=seeker.education,
        work_history=seeker.work_history, disability_list_eligible=eligible, today=now.date())
    revised: Seeker = seeker.evolve(
        disability_list_eligible=eligible, target_groups=groups,
        target_groups_review_on=next_age_change(seeker.birth_date, now.date()),
        version=seeker.version + 1, updated_at=now)
    if groups != seeker.target_groups or eligible != seeker.disability_list_eligible:
        revised.record(SEEKER_UPDATED, SeekerUpdated(**profile(revised)))
    return revised


def _check_profile(draft: SeekerDraft, errors: Errors, today: date, born: date | None) -> None:
    if born is not None and age_on(born, today) < MIN_AGE:
        errors.append(("birth_date", f"the person must be at least {MIN_AGE} years old"))
    if not is_country(draft.citizenship):
        errors.append(("citizenship", f"'{draft.citizenship}' is not an ISO 3166-1 country code"))
    for group in undeclarable(draft.declared_target_groups):
        errors.append(("declared_target_groups",
                       f"'{group}' is derived from age, status, education or the law 68/1999 "
                       "lists and cannot be declared"))
    _check_status(draft, errors, today)
    _check_codes(draft, errors)


def _check_status(draft: SeekerDraft, errors: Errors, today: date) -> None:
    status = draft.labour_status
    if status is None:
        return
    if status.since > today:
        errors.append(("labour_status.since", "cannot be in the future"))
    is_cig = status.kind == LabourStatusKind.WAGE_GUARANTEE
    if is_cig and status.wage_guarantee is None:
        errors.append(("labour_status.wage_guarantee",
                       "is required for cassa integrazione (kind, employer, expected end)"))
    if not is_cig and status.wage_guarantee is not None:
        errors.append(("labour_status.wage_guarantee", "applies only to kind 'wage_guarantee'"))


def _check_codes(draft: SeekerDraft, errors: Errors) -> None:
    for index, language in enumerate(draft.languages):
        if not LANGUAGE.match(language.code):
            errors.append((f"languages.{index}.code",
                           f"'{language.code}' is not an ISO 639-1 code (two lower-case letters)"))
    for index, job in enumerate(draft.work_history):
        if job.sector_ateco and not ateco_activity(job.sector_ateco):
            errors.append((f"work_history.{index}.sector_ateco", not_an_activity(job.sector_ateco)))
        _check_esco(f"work_history.{index}.occupation", job.occupation, errors)
    _check_esco("occupation", draft.occupation, errors)
    for index, skill in enumerate(draft.skills):
        _check_esco(f"skills.{index}", skill, errors)
    for index, licence in enumerate(draft.driving_licences):
        if licence.upper() not in LICENCES:
            errors.append((f"driving_licences.{index}", f"'{licence}' is not a licence category"))


def _check_esco(field: str, value: str | None, errors: Errors) -> None:
    if value and value.startswith("http") and not ESCO.match(value):
        errors.append((field, "a URI must be an ESCO concept (http://data.europa.eu/esco/...)"))


def _pydantic_errors(error: ValueError) -> Errors:
    items = getattr(error, "errors", lambda: [])()
    return [(".".join(str(p) for p in item["loc"]), item["msg"]) for item in items] or [
        ("body", str(error))]


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))
