"""The vectorised index ranks with exactly the scores the explained reference scorer gives."""

from __future__ import annotations

import pytest
from matching.adapters.reference import load_territory
from matching.domain.models import person_from, vacancy_from
from matching.domain.people_index import PeopleIndex
from matching.domain.scoring import score
from matching.domain.vacancy_index import VacancyIndex

from tests.matching.population import Population


@pytest.fixture(scope="module")
def indexed():  # type: ignore[no-untyped-def]
    land, population = load_territory(), Population(seed=3, skills=40, places=15)
    people = [person_from(population.person(i)) for i in range(400)]
    vacancies = [vacancy_from(population.vacancy(i)) for i in range(150)]
    people_index, vacancy_index = PeopleIndex(land), VacancyIndex(land)
    for person in people:
        people_index.upsert(person)
    for vacancy in vacancies:
        vacancy_index.upsert(vacancy)
    return land, people, vacancies, people_index, vacancy_index


def test_people_scores_for_a_vacancy_match_the_reference_scorer(indexed) -> None:  # type: ignore[no-untyped-def]
    land, people, vacancies, people_index, _ = indexed
    for vacancy in vacancies[:40]:
        values, mask = people_index.scores(vacancy)
        for person in people:
            row = people_index.table.rows[person.seeker_id]
            expected = score(person, vacancy, land)
            assert bool(mask[row]) == (expected.excluded is None), (person, vacancy)
            if expected.excluded is None:
                assert values[row] == pytest.approx(expected.value, abs=1e-4)


def test_vacancy_scores_for_a_person_match_the_reference_scorer(indexed) -> None:  # type: ignore[no-untyped-def]
    land, people, vacancies, _, vacancy_index = indexed
    for person in people[:60]:
        values, mask = vacancy_index.scores(person)
        for vacancy in vacancies:
            row = vacancy_index.table.rows[vacancy.vacancy_id]
            expected = score(person, vacancy, land)
            assert bool(mask[row]) == (expected.excluded is None), (person, vacancy)
            if expected.excluded is None:
                assert values[row] == pytest.approx(expected.value, abs=1e-4)


def test_some_pairs_are_excluded_and_some_score_high(indexed) -> None:  # type: ignore[no-untyped-def]
    land, people, vacancies, _, _ = indexed
    results = [score(p, v, land) for p in people[:50] for v in vacancies[:50]]
    assert any(r.excluded for r in results)
    assert max(r.value for r in results) > 0.5
