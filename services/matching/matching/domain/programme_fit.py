"""Who should go first into a programme: eligibility decides who may; then fit to the personal
plan and urgency (a wage guarantee ending soonest — seed 000: act before it ends — or the longest
wait). Age, sex, citizenship and disability never enter this score."""

from __future__ import annotations

from datetime import date

from matching.domain.eligibility import Programme, Verdict
from matching.domain.models import Person
from matching.domain.scoring import Score

PLAN_WEIGHT = 0.5
URGENCY_WEIGHT = 0.5
GUARANTEE_HORIZON_DAYS = 180
WAIT_HORIZON_DAYS = 365


def _plan(person: Person, programme: Programme) -> tuple[float, str]:
    if programme.programme_id in person.plan_programmes:
        return 1.0, "percorso previsto nel piano personale"
    if programme.kind in person.plan_kinds:
        return 0.7, "tipo di percorso previsto nel piano personale"
    return 0.0, "percorso non previsto nel piano personale"


def _urgency(person: Person, today: date) -> tuple[float, list[str]]:
    values, reasons = [0.0], []
    if person.wage_guarantee_end is not None:
        days = (person.wage_guarantee_end - today).days
        values.append(max(0.0, 1 - max(days, 0) / GUARANTEE_HORIZON_DAYS))
        reasons.append(f"cassa integrazione in scadenza tra {max(days, 0)} giorni"
                       if days >= 0 else "cassa integrazione già scaduta")
    if person.waiting_since is not None:
        days = max((today - person.waiting_since).days, 0)
        values.append(min(days / WAIT_HORIZON_DAYS, 1.0))
        reasons.append(f"in attesa da {days} giorni")
    return max(values), reasons


def programme_score(person: Person, programme: Programme, verdict: Verdict, today: date) -> Score:
    if not verdict.eligible:
        return Score(0.0, {}, verdict.reasons, [], "non ammissibile")
    plan, plan_reason = _plan(person, programme)
    urgency, urgency_reasons = _urgency(person, today)
    breakdown = {"plan": round(PLAN_WEIGHT * plan, 4),
                 "urgency": round(URGENCY_WEIGHT * urgency, 4)}
    value = PLAN_WEIGHT * plan + URGENCY_WEIGHT * urgency
    reasons = [f"ammissibile (regole versione {verdict.rule_version})", plan_reason,
               *urgency_reasons]
    return Score(round(value, 4), breakdown, reasons, [])
