"""Programmes (percorsi): training, orientation, self-help groups, Job Club, internships,
public-utility work, self-employment support, outplacement, the senior-professional desk, contract
assistance. Eligibility rules are data and versioned: changing them makes a new version, the old
ones stay in the history, and every event carries the version in force."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, computed_field

from intake.contracts import (
    PROGRAMME_CLOSED,
    PROGRAMME_PUBLISHED,
    PROGRAMME_UPDATED,
    AgeRule,
    Allowance,
    Eligibility,
    Funding,
    ProgrammeClosed,
    ProgrammeKind,
    ProgrammePublished,
    ProgrammeUpdated,
    ResidenceRule,
    Session,
    TargetGroup,
    TargetGroupRule,
)
from intake.domain.aggregate import Aggregate, InvalidTransition, Violations
from intake.domain.municipalities import Municipalities

RULE_FIELDS = ("rules", "required_documents")


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class Programme(Aggregate):
    kind: ProgrammeKind
    title: str
    description: str | None = None
    provider_id: str | None = None
    partnership_id: str | None = None
    office_id: str | None = None
    municipality: str | None = None
    province: str | None = None
    funding: Funding | None = None
    capacity: int | None = None
    sessions: list[Session] = Field(default_factory=list)
    allowance: Allowance | None = None
    eligibility: Eligibility
    eligibility_history: list[Eligibility] = Field(default_factory=list)
    status: ProgrammeStatus = ProgrammeStatus.DRAFT
    created_at: datetime
    published_at: datetime | None = None
    closed_at: datetime | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def target_groups(self) -> list[TargetGroup]:
        """The target groups the rules name, stored so lists can filter on them."""
        named = [g for r in self.eligibility.rules if isinstance(r, TargetGroupRule)
                 for g in r.any_of]
        return list(dict.fromkeys(named))

    def details(self) -> dict[str, Any]:
        return self.model_dump(include={
            "kind", "title", "provider_id", "partnership_id", "office_id", "municipality",
            "funding", "capacity", "sessions", "allowance", "eligibility", "status",
            "published_at"}) | {"programme_id": self.id}


def check_programme(fields: dict[str, Any], municipalities: Municipalities) -> Violations:
    """Rules on the programme's own data (references to other records are checked by the store)."""
    problems = Violations()
    municipality = fields.get("municipality")
    problems.check(municipality is None or municipalities.get(municipality), "municipality",
                   f"'{municipality}' is not an ISTAT municipality code")
    ids = [s.session_id for s in fields.get("sessions", [])]
    problems.check(len(ids) == len(set(ids)), "sessions", "a session id appears twice")
    for index, session in enumerate(fields.get("sessions", [])):
        problems.check(session.ends_at > session.starts_at, f"sessions.{index}.ends_at",
                       "must be after starts_at")
    for index, rule in enumerate(fields["eligibility"].rules):
        _check_rule(rule, f"eligibility.rules.{index}", municipalities, problems)
    return problems


def _check_rule(
    rule: Any, where: str, municipalities: Municipalities, problems: Violations
) -> None:
    if isinstance(rule, AgeRule):
        problems.check(rule.min is not None or rule.max is not None, where,
                       "an age rule needs min, max or both")
        problems.check(rule.min is None or rule.max is None or rule.min <= rule.max,
                       f"{where}.max", "must not be below min")
    if isinstance(rule, ResidenceRule):
        for code in rule.municipalities:
            problems.check(municipalities.get(code), f"{where}.municipalities",
                           f"'{code}' is not an ISTAT municipality code")
        for province in rule.provinces:
            problems.check(municipalities.has_province(province), f"{where}.provinces",
                           f"'{province}' is not an Italian province abbreviation")
        for region in rule.regions:
            problems.check(1 <= region <= 20, f"{where}.regions", f"{region} is not 1-20")
        problems.check(rule.municipalities or rule.provinces or rule.regions, where,
                       "a residence rule names at least one municipality, province or region")
    if getattr(rule, "kind", None) == "prerequisite":
        problems.check(rule.completed_programme_ids or rule.completed_programme_kinds, where,
                       "a prerequisite names at least one programme or programme kind")


def create_programme(
    *, programme_id: str, fields: dict[str, Any], publish: bool, municipalities: Municipalities,
    now: datetime,
) -> Programme:
    problems = check_programme(fields, municipalities)
    problems.raise_if_any()
    rules = fields.pop("eligibility")
    place = municipalities.get(fields["municipality"]) if fields.get("municipality") else None
    programme = Programme(
        id=programme_id, created_at=now, province=place.province_code if place else None,
        eligibility=Eligibility(version=1, rules=rules.rules,
                                required_documents=rules.required_documents),
        **fields,
    )
    return publish_programme(programme, now) if publish else programme


def publish_programme(programme: Programme, now: datetime) -> Programme:
    if programme.status != ProgrammeStatus.DRAFT:
        raise InvalidTransition(programme.status.value, "publish")
    published = programme.evolve(status=ProgrammeStatus.PUBLISHED, published_at=now)
    published.record(PROGRAMME_PUBLISHED, ProgrammePublished(**published.details()))
    return published


def revise_programme(
    programme: Programme, changes: dict[str, Any], municipalities: Municipalities, now: datetime
) -> Programme:
    """A change of rules makes a new eligibility version; the previous one goes to the history."""
    if programme.status == ProgrammeStatus.CLOSED:
        raise InvalidTransition(programme.status.value, "change")
    merged = dict(programme) | changes
    check_programme(merged, municipalities).raise_if_any()
    updates = dict(changes)
    new_rules = updates.pop("eligibility", None)
    if new_rules is not None and _rules_of(new_rules) != _rules_of(programme.eligibility):
        updates["eligibility"] = Eligibility(
            version=programme.eligibility.version + 1, rules=new_rules.rules,
            required_documents=new_rules.required_documents)
        updates["eligibility_history"] = [*programme.eligibility_history, programme.eligibility]
    if "municipality" in updates:
        place = municipalities.get(updates["municipality"]) if updates["municipality"] else None
        updates["province"] = place.province_code if place else None
    revised = programme.evolve(**updates)
    if revised.status == ProgrammeStatus.PUBLISHED:
        revised.record(PROGRAMME_UPDATED, ProgrammeUpdated(**revised.details()))
    return revised


def _rules_of(eligibility: Eligibility) -> dict[str, Any]:
    return eligibility.model_dump(mode="json", include=set(RULE_FIELDS))


def close_programme(programme: Programme, now: datetime) -> Programme:
    if programme.status == ProgrammeStatus.CLOSED:
        raise InvalidTransition(programme.status.value, "close")
    closed = programme.evolve(status=ProgrammeStatus.CLOSED, closed_at=now)
    if programme.status == ProgrammeStatus.PUBLISHED:
        closed.record(PROGRAMME_CLOSED, ProgrammeClosed(programme_id=closed.id, closed_at=now))
    return closed
