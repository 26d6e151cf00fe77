"""Eligibility as data: a programme's rules (from intake's events) evaluated for one person, with
every reason in Italian and the rule version. A new programme of a known rule kind needs no code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from matching.domain.models import Person
from matching.domain.territory import Territory

TARGET_GROUPS_IT = {
    "young": "giovani", "neet": "NEET", "adult_out_of_work": "adulti senza lavoro",
    "over_60": "over 60", "women_returning": "donne che rientrano al lavoro",
    "senior_professional": "professionisti senior", "graduate": "laureati",
    "disability_list": "iscritti alle liste L. 68/1999",
}
STATUSES_IT = {
    "unemployed": "disoccupato", "never_employed": "inoccupato",
    "employed_at_risk": "occupato a rischio", "wage_guarantee": "in cassa integrazione",
    "naspi": "percettore NASpI",
}
GUARANTEES_IT = {
    "ordinary": "CIGO", "extraordinary": "CIGS", "business_closure": "CIGS per cessazione",
}


@dataclass(frozen=True)
class Programme:
    programme_id: str
    kind: str
    title: str
    rules: tuple[dict[str, Any], ...] = ()
    rule_version: int = 1
    municipality: str | None = None
    capacity: int | None = None
    open: bool = True
    provider_id: str | None = None


def programme_from(document: dict[str, Any]) -> Programme:
    eligibility = document.get("eligibility") or {}
    return Programme(
        programme_id=document["_id"],
        kind=document["kind"],
        title=document.get("title", ""),
        rules=tuple(eligibility.get("rules") or []),
        rule_version=eligibility.get("version", 1),
        municipality=document.get("municipality"),
        capacity=document.get("capacity"),
        open=document.get("status", "published") == "published",
        provider_id=document.get("provider_id"),
    )


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    reasons: list[str]
    failed: list[str]
    rule_version: int


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _age(rule: dict[str, Any], person: Person, today: date, _: Territory) -> tuple[bool, str]:
    low, high = rule.get("min"), rule.get("max")
    span = f"{low if low is not None else 0}–{high if high is not None else '∞'} anni"
    if person.birth_date is None:
        return False, f"età non nota (richiesta {span})"
    age = age_on(person.birth_date, today)
    ok = (low is None or age >= low) and (high is None or age <= high)
    return ok, f"età {age} anni {'entro' if ok else 'fuori da'} {span}"


def _target(rule: dict[str, Any], person: Person, _t: date, _: Territory) -> tuple[bool, str]:
    wanted = set(rule.get("any_of") or [])
    held = sorted(wanted & person.target_groups)
    names = ", ".join(TARGET_GROUPS_IT.get(g, g) for g in sorted(wanted))
    if held:
        return True, "appartiene al gruppo " + ", ".join(TARGET_GROUPS_IT.get(g, g) for g in held)
    return False, f"non appartiene a nessun gruppo destinatario ({names})"


def _status(rule: dict[str, Any], person: Person, _t: date, _: Territory) -> tuple[bool, str]:
    kinds = rule.get("any_of") or []
    own = STATUSES_IT.get(person.labour_kind or "", "condizione non nota")
    if person.labour_kind not in kinds:
        wanted = ", ".join(STATUSES_IT.get(k, k) for k in kinds)
        return False, f"condizione occupazionale «{own}» non ammessa (ammesse: {wanted})"
    guarantees = rule.get("wage_guarantee_any_of") or []
    if person.labour_kind == "wage_guarantee" and guarantees:
        mine = GUARANTEES_IT.get(person.wage_guarantee_kind or "", "tipo non noto")
        if person.wage_guarantee_kind not in guarantees:
            wanted = ", ".join(GUARANTEES_IT.get(k, k) for k in guarantees)
            return False, f"cassa integrazione di tipo {mine} non ammessa (ammesse: {wanted})"
        return True, f"in cassa integrazione di tipo {mine}"
    return True, f"condizione occupazionale «{own}» ammessa"


def _residence(rule: dict[str, Any], person: Person, _t: date, land: Territory) -> tuple[bool, str]:
    place = land.get(person.municipality)
    if place is None:
        return False, "comune di residenza non noto"
    ok = (
        place.istat_code in (rule.get("municipalities") or [])
        or place.province_code in (rule.get("provinces") or [])
        or place.region_code in (rule.get("regions") or [])
    )
    where = f"residente a {place.name} ({place.province_code})"
    return ok, where + (" nel territorio ammesso" if ok else ", fuori dal territorio ammesso")


def _prerequisite(rule: dict[str, Any], person: Person, _t: date, _: Territory) -> tuple[bool, str]:
    ids, kinds = rule.get("completed_programme_ids") or [], rule.get("completed_programme_kinds")
    missing_ids = sorted(set(ids) - person.completed_programmes)
    missing_kinds = sorted(set(kinds or []) - person.completed_kinds)
    if missing_ids or missing_kinds:
        return False, "percorsi propedeutici non completati: " + ", ".join(
            [*missing_kinds, *missing_ids])
    return True, "percorsi propedeutici completati"


def _disability(_r: dict[str, Any], person: Person, _t: date, _: Territory) -> tuple[bool, str]:
    if person.disability_list:
        return True, "iscritto alle liste del collocamento mirato (L. 68/1999)"
    return False, "riservato agli iscritti alle liste del collocamento mirato (L. 68/1999)"


def _experience(rule: dict[str, Any], person: Person, _t: date, _: Territory) -> tuple[bool, str]:
    sectors = rule.get("sectors_ateco_any_of") or []
    years = sum(y for s, y in person.sectors.items() if s in sectors) if sectors else (
        person.total_years)
    reasons, ok = [], years >= rule.get("min_years", 0)
    reasons.append(f"{years:g} anni di esperienza (minimo {rule.get('min_years', 0):g})")
    levels = rule.get("role_levels_any_of") or []
    if levels and not (person.role_levels & set(levels)):
        ok = False
        reasons.append("livello di inquadramento non ammesso (" + ", ".join(levels) + ")")
    return ok, "; ".join(reasons)


Check = Callable[[dict[str, Any], Person, date, Territory], tuple[bool, str]]
CHECKS: dict[str, Check] = {
    "age": _age, "target_group": _target, "labour_status": _status, "residence": _residence,
    "prerequisite": _prerequisite, "disability_list": _disability, "experience": _experience,
}


def evaluate(programme: Programme, person: Person, today: date, land: Territory) -> Verdict:
    """Every rule must hold; every rule's reason is returned, passing or failing."""
    reasons, failed = [], []
    for rule in programme.rules:
        check = CHECKS.get(rule.get("kind", ""))
        if check is None:
            ok, reason = False, f"regola sconosciuta «{rule.get('kind')}»: verifica manuale"
        else:
            ok, reason = check(rule, person, today, land)
        reasons.append(reason)
        if not ok:
            failed.append(rule.get("kind", "?"))
    if not programme.open:
        failed.append("closed")
        reasons.append("il percorso non accetta iscrizioni")
    return Verdict(not failed, reasons, failed, programme.rule_version)
