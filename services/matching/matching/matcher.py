"""The in-memory matcher: people, vacancies and programmes indexed for ranking, rebuilt from the
read model at start and kept current by the event handlers. Every result carries its score, a
breakdown per factor and reasons in Italian."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from matching.domain.columns import BANDS_PER_UNIT, Ranked
from matching.domain.eligibility import Programme, Verdict, evaluate, programme_from
from matching.domain.models import Person, Vacancy, person_from, vacancy_from
from matching.domain.people_index import PeopleIndex
from matching.domain.programme_fit import programme_score
from matching.domain.scoring import Score, score
from matching.domain.territory import Territory
from matching.domain.vacancy_index import VacancyIndex


@dataclass(frozen=True)
class Result:
    seeker_id: str
    opportunity_id: str
    kind: str  # "vacancy" or a programme kind
    title: str
    score: Score
    rank: int
    reasons: list[str] = field(default_factory=list)


def herding_reason(item: Ranked, what: str) -> str:
    low = item.band / BANDS_PER_UNIT
    return (f"a parità di fascia di punteggio ({low:.2f}–{low + 1 / BANDS_PER_UNIT:.2f}) "
            f"precede chi è {what} meno spesso ({item.exposure} volte)")


class Matcher:
    def __init__(self, land: Territory) -> None:
        self.land = land
        self.people = PeopleIndex(land)
        self.vacancies = VacancyIndex(land)
        self.programmes: dict[str, Programme] = {}
        self.completions: dict[str, set[str]] = {}

    def person_of(self, document: dict[str, Any], plan: list[dict[str, Any]]) -> Person:
        done = self.completions.get(document["_id"], set())
        kinds = {self.programmes[p].kind for p in done if p in self.programmes}
        return person_from({**document, "plan": plan, "completed_programmes": sorted(done),
                            "completed_kinds": sorted(kinds)})

    def put_person(self, document: dict[str, Any], plan: list[dict[str, Any]]) -> Person:
        person = self.person_of(document, plan)
        self.people.upsert(person)
        return person

    def put_vacancy(self, document: dict[str, Any]) -> Vacancy:
        vacancy = vacancy_from(document)
        self.vacancies.upsert(vacancy)
        return vacancy

    def put_programme(self, document: dict[str, Any]) -> Programme:
        programme = programme_from(document)
        self.programmes[programme.programme_id] = programme
        return programme

    def people_for_vacancy(self, vacancy: Vacancy, **options: Any) -> list[Result]:
        """`options`: limit, offset, min_score, province, target_group, office."""
        offset = options.get("offset", 0)
        ranked = self.people.rank(vacancy, **options)
        return [self._explain(self.people.people[item.row], vacancy, item, offset + i + 1,
                              "proposto") for i, item in enumerate(ranked)]

    def vacancies_for_person(self, person: Person, **options: Any) -> list[Result]:
        offset = options.get("offset", 0)
        ranked = self.vacancies.rank(person, **options)
        return [self._explain(person, self.vacancies.vacancies[item.row], item, offset + i + 1,
                              "proposta la sua azienda") for i, item in enumerate(ranked)]

    def _explain(self, person: Person, vacancy: Vacancy, item: Ranked, rank: int, what: str
                 ) -> Result:
        explained = score(person, vacancy, self.land)
        reasons = [*explained.reasons, herding_reason(item, what)]
        return Result(person.seeker_id, vacancy.vacancy_id, "vacancy", vacancy.title, explained,
                      rank, reasons)

    def eligibility(self, programme: Programme, person: Person, today: date) -> Verdict:
        return evaluate(programme, person, today, self.land)

    def people_for_programme(self, programme: Programme, today: date, *, limit: int = 50,
                             offset: int = 0, target_group: str | None = None,
                             office: str | None = None) -> list[Result]:
        """Eligible people only, best fit and most urgent first (a Python pass: programmes are
        few and their rules data-driven)."""
        scored = []
        for person in self.people.people.values():
            if target_group and target_group not in person.target_groups:
                continue
            if office is not None and person.office_id not in (None, office):
                continue
            verdict = evaluate(programme, person, today, self.land)
            if verdict.eligible:
                fit = programme_score(person, programme, verdict, today)
                scored.append((-fit.value, person.seeker_id, person, fit))
        scored.sort(key=lambda entry: entry[:2])
        return [Result(p.seeker_id, programme.programme_id, programme.kind, programme.title, fit,
                       offset + i + 1, fit.reasons)
                for i, (_, _, p, fit) in enumerate(scored[offset: offset + limit])]

    def programmes_for_person(self, person: Person, today: date, kind: str | None = None
                              ) -> list[Result]:
        scored = []
        for programme in self.programmes.values():
            if not programme.open or (kind and programme.kind != kind):
                continue
            verdict = evaluate(programme, person, today, self.land)
            if verdict.eligible:
                fit = programme_score(person, programme, verdict, today)
                scored.append((-fit.value, programme.programme_id, programme, fit))
        scored.sort(key=lambda entry: entry[:2])
        return [Result(person.seeker_id, p.programme_id, p.kind, p.title, fit, i + 1, fit.reasons)
                for i, (_, _, p, fit) in enumerate(scored)]
