"""Programmes: eligible people only, then personal-plan fit and urgency, explained."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from matching.adapters.reference import load_territory
from matching.domain.eligibility import Programme, evaluate
from matching.domain.models import Person, person_from
from matching.domain.programme_fit import programme_score

TODAY = date(2026, 11, 24)
LAND = load_territory()
OUTPLACEMENT = Programme("p-out", "outplacement", "Ricollocazione",
                         ({"kind": "labour_status", "any_of": ["wage_guarantee", "unemployed"]},))
BASE = Person(seeker_id="s", municipality="036023", labour_kind="unemployed",
              labour_since=date(2026, 10, 25))


def _score(person: Person):  # type: ignore[no-untyped-def]
    return programme_score(person, OUTPLACEMENT, evaluate(OUTPLACEMENT, person, TODAY, LAND), TODAY)


def test_a_wage_guarantee_ending_soon_comes_first_and_says_so() -> None:
    ending = replace(BASE, labour_kind="wage_guarantee", wage_guarantee_end=date(2026, 12, 24))
    later = replace(BASE, labour_kind="wage_guarantee", wage_guarantee_end=date(2027, 4, 1))
    assert _score(ending).value > _score(later).value > _score(BASE).value
    assert "cassa integrazione in scadenza tra 30 giorni" in _score(ending).reasons


def test_the_longest_wait_and_the_personal_plan_raise_the_fit() -> None:
    waited = replace(BASE, labour_since=date(2025, 11, 24))
    assert _score(waited).value > _score(BASE).value
    assert "in attesa da 365 giorni" in _score(waited).reasons
    planned = person_from({"_id": "s", "municipality": "036023",
                           "labour_status": {"kind": "unemployed", "since": "2026-10-25"},
                           "plan": [{"kind": "outplacement", "status": "planned"}]})
    assert _score(planned).breakdown["plan"] == 0.35
    assert "tipo di percorso previsto nel piano personale" in _score(planned).reasons


def test_an_ineligible_person_scores_nothing_and_gets_the_rule_reasons() -> None:
    never = replace(BASE, labour_kind="employed_at_risk")
    result = _score(never)
    assert result.value == 0 and result.excluded == "non ammissibile"
    assert result.reasons[0].startswith("condizione occupazionale «occupato a rischio»")
