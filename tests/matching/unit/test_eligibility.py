"""Each rule kind of a programme, passing and failing, with its Italian reason and the version."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from matching.adapters.reference import load_territory
from matching.domain.eligibility import Programme, evaluate
from matching.domain.models import Person

TODAY = date(2026, 11, 24)
LAND = load_territory()
MARIA = Person(
    seeker_id="s1", municipality="001090", birth_date=date(1971, 3, 2),  # Collegno (TO)
    labour_kind="wage_guarantee", wage_guarantee_kind="business_closure",
    target_groups=frozenset({"adult_out_of_work"}), disability_list=False,
    past_occupations={"impiegato direttivo": 22.0}, role_levels=frozenset({"middle_manager"}),
    sectors={"64.19": 22.0}, completed_kinds=frozenset({"active_search_path"}),
    completed_programmes=frozenset({"prog-orientamento"}),
)


def verdict(rule: dict[str, Any], person: Person = MARIA):  # type: ignore[no-untyped-def]
    return evaluate(Programme("p1", "job_club", "Job Club", (rule,), rule_version=3), person,
                    TODAY, LAND)


CASES = [
    ({"kind": "age", "min": 45, "max": 55}, True, "età 55 anni entro 45–55 anni"),
    ({"kind": "age", "max": 29}, False, "età 55 anni fuori da 0–29 anni"),
    ({"kind": "target_group", "any_of": ["adult_out_of_work", "neet"]}, True,
     "appartiene al gruppo adulti senza lavoro"),
    ({"kind": "target_group", "any_of": ["young"]}, False,
     "non appartiene a nessun gruppo destinatario (giovani)"),
    ({"kind": "labour_status", "any_of": ["wage_guarantee"],
      "wage_guarantee_any_of": ["business_closure"]}, True,
     "in cassa integrazione di tipo CIGS per cessazione"),
    ({"kind": "labour_status", "any_of": ["wage_guarantee"],
      "wage_guarantee_any_of": ["ordinary"]}, False,
     "cassa integrazione di tipo CIGS per cessazione non ammessa (ammesse: CIGO)"),
    ({"kind": "labour_status", "any_of": ["unemployed", "never_employed"]}, False,
     "condizione occupazionale «in cassa integrazione» non ammessa "
     "(ammesse: disoccupato, inoccupato)"),
    ({"kind": "residence", "municipalities": ["001090"]}, True,
     "residente a Collegno (TO) nel territorio ammesso"),
    ({"kind": "residence", "provinces": ["TO"]}, True,
     "residente a Collegno (TO) nel territorio ammesso"),
    ({"kind": "residence", "regions": [1]}, True,
     "residente a Collegno (TO) nel territorio ammesso"),
    ({"kind": "residence", "provinces": ["MI"], "regions": [3]}, False,
     "residente a Collegno (TO), fuori dal territorio ammesso"),
    ({"kind": "prerequisite", "completed_programme_kinds": ["active_search_path"],
      "completed_programme_ids": ["prog-orientamento"]}, True, "percorsi propedeutici completati"),
    ({"kind": "prerequisite", "completed_programme_kinds": ["job_club"]}, False,
     "percorsi propedeutici non completati: job_club"),
    ({"kind": "disability_list"}, False,
     "riservato agli iscritti alle liste del collocamento mirato (L. 68/1999)"),
    ({"kind": "experience", "min_years": 20, "role_levels_any_of": ["middle_manager", "manager"],
      "sectors_ateco_any_of": ["64.19"]}, True, "22 anni di esperienza (minimo 20)"),
    ({"kind": "experience", "min_years": 25}, False, "22 anni di esperienza (minimo 25)"),
    ({"kind": "experience", "min_years": 5, "role_levels_any_of": ["manager"]}, False,
     "22 anni di esperienza (minimo 5); livello di inquadramento non ammesso (manager)"),
]


@pytest.mark.parametrize("rule,eligible,reason", CASES)
def test_each_rule_kind_passes_or_fails_with_its_reason(
    rule: dict[str, Any], eligible: bool, reason: str
) -> None:
    result = verdict(rule)
    assert result.eligible is eligible
    assert result.reasons == [reason]
    assert result.rule_version == 3
    assert result.failed == ([] if eligible else [rule["kind"]])


def test_the_disability_list_rule_admits_people_on_the_lists() -> None:
    on_list = Person(seeker_id="s2", disability_list=True)
    assert verdict({"kind": "disability_list"}, on_list).eligible


def test_every_failing_rule_is_reported_not_only_the_first() -> None:
    rules = ({"kind": "age", "max": 29}, {"kind": "target_group", "any_of": ["neet"]},
             {"kind": "residence", "provinces": ["TO"]})
    result = evaluate(Programme("p", "internship_abroad", "Erasmus+", rules), MARIA, TODAY, LAND)
    assert not result.eligible
    assert result.failed == ["age", "target_group"]
    assert len(result.reasons) == 3


def test_a_closed_programme_or_an_unknown_rule_is_not_eligible() -> None:
    shut = Programme("p", "reception", "Accoglienza", (), open=False)
    closed = evaluate(shut, MARIA, TODAY, LAND)
    assert not closed.eligible and "il percorso non accetta iscrizioni" in closed.reasons
    unknown = verdict({"kind": "lunar_phase"})
    assert not unknown.eligible and "verifica manuale" in unknown.reasons[0]
