"""Scoring a person against a vacancy: each factor, hard constraints, breakdown and reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from matching.adapters.reference import load_territory
from matching.domain.models import Person, Vacancy, normalise, normalise_all
from matching.domain.scoring import score

LAND = load_territory()
MODENA, CARPI, MILANO = "036023", "036005", "015146"
ANNA = Person(seeker_id="s1", municipality=MODENA, occupation="magazziniere",
              past_occupations={"magazziniere": 3.0}, skills=normalise_all(["Muletto", "SAP"]),
              isced=3, languages={"en": 4}, licences=frozenset({"B"}), hours=30,
              start_date=date(2026, 12, 1), radius_km=30)
JOB = Vacancy(vacancy_id="v1", employer_id="e1", title="Magazziniere", municipality=CARPI,
              occupation="magazziniere", essential=normalise_all(["muletto", "inventario"]),
              optional=normalise_all(["sap"]), min_isced=3, languages={"en": 3}, licence="C",
              hours=40, deadline=date(2026, 12, 15))


def test_free_text_compares_without_case_accents_or_spaces_and_esco_uris_exactly() -> None:
    assert normalise("  Contabilità   Generale ") == normalise("contabilita generale")
    assert normalise("http://data.europa.eu/esco/skill/ABC") == "http://data.europa.eu/esco/skill/ABC"


def test_every_factor_is_explained_in_italian_and_the_breakdown_adds_up() -> None:
    result = score(ANNA, JOB, LAND)
    assert result.reasons[:3] == ["possiede 1 su 2 competenze essenziali", "manca: inventario",
                                  "possiede 1 su 1 competenze facoltative"]
    assert "stessa professione richiesta" in result.reasons
    assert "esperienza nella professione: 3 anni" in result.reasons
    assert "titolo di studio adeguato (ISCED 3 richiesto)" in result.reasons
    assert "lingue richieste possedute" in result.reasons
    assert "patente C mancante" in result.reasons
    assert "distanza 28 km entro il raggio di 30 km" in result.reasons
    assert "disponibile 30 ore settimanali su 40" in result.reasons
    assert result.missing_essential == ["inventario"]
    assert abs(sum(result.breakdown.values()) - result.value) < 1e-3
    assert result.breakdown["driving_licence"] == 0.0


def test_a_missing_essential_skill_weighs_more_than_a_missing_optional_one() -> None:
    skills = normalise_all(["muletto", "inventario", "sap"])
    complete = score(replace(ANNA, skills=skills), JOB, LAND).value
    no_optional = score(replace(ANNA, skills=skills - {"sap"}), JOB, LAND).value
    no_essential = score(replace(ANNA, skills=skills - {"inventario"}), JOB, LAND).value
    assert complete > no_optional > no_essential


def test_occupation_credit_goes_same_then_past_then_desired_then_group() -> None:
    base = replace(ANNA, occupation=None, past_occupations={}, desired=frozenset())
    job = replace(JOB, occupation="impiegato contabile")
    same = score(replace(base, occupation="impiegato contabile"), job, LAND)
    past = score(replace(base, past_occupations={"impiegato contabile": 0.0}), job, LAND)
    desired = score(replace(base, desired=frozenset({"impiegato contabile"})), job, LAND)
    group = score(replace(base, occupation="impiegata amministrativa"), job, LAND)
    other = score(base, job, LAND)
    assert same.value > past.value > desired.value > group.value > other.value
    assert "professione dello stesso gruppo" in group.reasons


def test_hard_constraints_exclude_with_the_reason() -> None:
    far = score(ANNA, replace(JOB, municipality=MILANO), LAND)
    assert far.value == 0 and far.excluded == "distanza 172 km oltre il raggio di 30 km"
    movable = score(replace(ANNA, relocation=True), replace(JOB, municipality=MILANO), LAND)
    assert movable.excluded is None and "disponibile a trasferirsi" in movable.reasons[-3]
    reserved = score(ANNA, replace(JOB, reserved_disability_list=True), LAND)
    assert reserved.excluded == "offerta riservata agli iscritti alle liste L. 68/1999"
    on_list = score(replace(ANNA, disability_list=True),
                    replace(JOB, reserved_disability_list=True), LAND)
    assert on_list.excluded is None
    assert score(ANNA, replace(JOB, open=False), LAND).excluded == "offerta non più aperta"


def test_a_start_after_the_deadline_and_missing_languages_are_named() -> None:
    late = replace(ANNA, start_date=date(2027, 1, 10), languages={})
    result = score(late, JOB, LAND)
    assert "disponibile dal 10/01/2027 (dopo la scadenza dell'offerta)" in result.reasons
    assert "lingue insufficienti: en B1" in result.reasons
