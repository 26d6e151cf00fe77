"""Fairness: age and the disability flag (the only protected facts the events carry; sex and
citizenship never travel) change no score and no rank. Anti-herding: equal fits share exposure."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from matching.adapters.reference import load_territory
from matching.domain.models import Person, person_from, vacancy_from
from matching.domain.people_index import PeopleIndex
from matching.domain.vacancy_index import VacancyIndex
from matching.matcher import Matcher

from tests.matching.population import Population

LAND = load_territory()


def _population() -> tuple[list[Person], list]:  # type: ignore[type-arg]
    population = Population(seed=11, skills=30, places=10)
    people = [person_from(population.person(i)) for i in range(500)]
    vacancies = [replace(vacancy_from(population.vacancy(i)), reserved_disability_list=False)
                 for i in range(40)]
    return people, vacancies


def _vary_protected(people: list[Person]) -> list[Person]:
    rng = random.Random(99)
    return [replace(p, birth_date=date(1950, 1, 1) + timedelta(days=rng.randrange(50 * 365)),
                    disability_list=not p.disability_list) for p in people]


def _rankings(people: list[Person], vacancies: list) -> list:  # type: ignore[type-arg]
    index = PeopleIndex(LAND)
    for person in people:
        index.upsert(person)
    return [[(r.row, round(r.score, 9)) for r in index.rank(v, limit=500)] for v in vacancies]


def test_age_and_disability_change_no_score_and_no_rank_of_people_for_vacancies() -> None:
    people, vacancies = _population()
    original = _rankings(people, vacancies)
    assert sum(len(r) for r in original) > 1000  # the population really ranks
    assert _rankings(_vary_protected(people), vacancies) == original


def test_age_and_disability_change_no_score_of_vacancies_for_a_person() -> None:
    people, vacancies = _population()
    index = VacancyIndex(LAND)
    for vacancy in vacancies:
        index.upsert(vacancy)
    for person, varied in zip(people[:100], _vary_protected(people[:100]), strict=True):
        assert [(r.row, r.score) for r in index.rank(person)] == [
            (r.row, r.score) for r in index.rank(varied)]


def _twins(count: int) -> Matcher:
    matcher = Matcher(LAND)
    for i in range(count):
        matcher.people.upsert(Person(seeker_id=f"twin-{i:02d}", municipality="036023",
                                     occupation="cuoco", skills=frozenset({"haccp"})))
    return matcher


def _job(vacancy_id: str):  # type: ignore[no-untyped-def]
    return vacancy_from({"_id": vacancy_id, "employer_id": "e", "municipality": "036023",
                         "occupation": "cuoco", "essential_skills": ["HACCP"]})


def test_equal_fits_are_ordered_per_vacancy_deterministically_not_always_the_same_few() -> None:
    matcher = _twins(30)
    first = [r.seeker_id for r in matcher.people_for_vacancy(_job("va"), limit=5)]
    again = [r.seeker_id for r in matcher.people_for_vacancy(_job("va"), limit=5)]
    other = [r.seeker_id for r in matcher.people_for_vacancy(_job("vb"), limit=5)]
    assert first == again
    assert first != other


def test_people_already_proposed_give_way_inside_their_score_band_and_it_is_explained() -> None:
    matcher = _twins(10)
    first = matcher.people_for_vacancy(_job("va"), limit=3)
    for result in first:
        matcher.people.expose(result.seeker_id, 2)
    after = matcher.people_for_vacancy(_job("va"), limit=10)
    assert {r.seeker_id for r in after[:7]}.isdisjoint({r.seeker_id for r in first})
    assert after[-1].reasons[-1] == ("a parità di fascia di punteggio (0.85–0.90) precede chi è "
                                     "proposto meno spesso (2 volte)")
    assert len({r.score.value for r in after}) == 1
