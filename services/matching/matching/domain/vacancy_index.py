"""Open vacancies as numpy columns, to rank the best N for one person; mirrors domain/scoring.py."""

from __future__ import annotations

import numpy as np

from matching.domain.columns import (
    Columns,
    Postings,
    Ranked,
    anti_herding_order,
    great_circle_np,
    stable_hash,
)
from matching.domain.models import Person, Vacancy, occupation_group
from matching.domain.scoring import FULL_EXPERIENCE_YEARS, OCCUPATION_CREDIT, WEIGHTS
from matching.domain.territory import Territory

SPEC: dict[str, tuple[type, float]] = {
    "open": (np.bool_, False), "lat": (np.float64, np.nan), "lon": (np.float64, np.nan),
    "reserved": (np.bool_, False), "n_ess": (np.int32, 0), "n_opt": (np.int32, 0),
    "occupation": (np.int64, -1), "group": (np.int64, -1), "min_isced": (np.int16, -1),
    "n_lang": (np.int32, 0), "licence": (np.int64, -1), "hours": (np.int16, 0),
    "deadline": (np.int32, 0), "employer": (np.int64, 0), "hash": (np.uint32, 0),
}


class Vocabulary(dict[str, int]):
    def id(self, term: str | None) -> int:
        if term is None:
            return -1
        return self.setdefault(term, len(self))

    def ids(self, terms: set[str] | frozenset[str]) -> np.ndarray:
        return np.array([self[t] for t in terms if t in self], np.int64)


class VacancyIndex:
    def __init__(self, land: Territory) -> None:
        self.land = land
        self.table = Columns(SPEC)
        self.vacancies: dict[int, Vacancy] = {}
        self.essential, self.optional, self.languages = Postings(), Postings(), Postings()
        self.provinces = Postings()
        self.words = Vocabulary()
        self.employers = Vocabulary()
        self.employer_exposure = np.zeros(1024, np.int64)

    def upsert(self, vacancy: Vacancy) -> None:
        row = self.table.row(vacancy.vacancy_id)
        self.vacancies[row] = vacancy
        d, place, w = self.table.data, self.land.get(vacancy.municipality), self.words
        d["hash"][row] = stable_hash(vacancy.vacancy_id)
        d["open"][row], d["reserved"][row] = vacancy.open, vacancy.reserved_disability_list
        d["lat"][row], d["lon"][row] = (place.lat, place.lon) if place else (np.nan, np.nan)
        d["n_ess"][row], d["n_opt"][row] = len(vacancy.essential), len(vacancy.optional)
        d["occupation"][row] = w.id(vacancy.occupation)
        d["group"][row] = w.id(occupation_group(vacancy.occupation))
        d["min_isced"][row] = -1 if vacancy.min_isced is None else vacancy.min_isced
        d["n_lang"][row], d["licence"][row] = len(vacancy.languages), w.id(vacancy.licence)
        d["hours"][row] = vacancy.hours or 0
        d["deadline"][row] = vacancy.deadline.toordinal() if vacancy.deadline else 0
        d["employer"][row] = self.employers.id(vacancy.employer_id)
        if len(self.employers) > len(self.employer_exposure):
            self.employer_exposure = np.resize(self.employer_exposure, len(self.employers) * 2)
            self.employer_exposure[len(self.employers) - 1:] = 0
        self.essential.set(row, dict.fromkeys(vacancy.essential, 1.0))
        self.optional.set(row, dict.fromkeys(vacancy.optional, 1.0))
        self.languages.set(row, {c: float(v) for c, v in vacancy.languages.items()})
        self.provinces.set(row, {place.province_code: 1.0} if place else {})

    def expose(self, employer_id: str, times: int = 1) -> None:
        if employer_id in self.employers:
            self.employer_exposure[self.employers[employer_id]] += times

    def vacancy(self, vacancy_id: str) -> Vacancy | None:
        row = self.table.rows.get(vacancy_id)
        return None if row is None else self.vacancies.get(row)

    def open_vacancies(self) -> list[Vacancy]:
        return [v for v in self.vacancies.values() if v.open]

    def scores(self, person: Person) -> tuple[np.ndarray, np.ndarray]:
        t, n, w = self.table, self.table.size, self.words
        mask = t.col("open").copy()
        if not person.disability_list:
            mask &= ~t.col("reserved")
        place = self.land.get(person.municipality)
        distance = (great_circle_np(t.col("lat"), t.col("lon"), place.lat, place.lon)
                    if place else np.full(n, np.nan))
        known = ~np.isnan(distance)
        if not person.relocation:
            with np.errstate(invalid="ignore"):
                mask &= ~(known & (distance > person.radius_km))
        total, weight = np.zeros(n), np.zeros(n)

        def add(factor: str, value: np.ndarray, where: np.ndarray) -> None:
            nonlocal total, weight
            total = total + np.where(where, WEIGHTS[factor] * value, 0.0)
            weight = weight + np.where(where, WEIGHTS[factor], 0.0)

        with np.errstate(invalid="ignore", divide="ignore"):
            for name, postings in (("essential", self.essential), ("optional", self.optional)):
                size = t.col(f"n_{name[:3]}")
                held = postings.count(person.skills, n)
                add(f"{name}_skills", held / np.maximum(size, 1), size > 0)
            occupation = t.col("occupation")
            has_occupation = occupation >= 0
            add("occupation", self._occupation_credit(person, n), has_occupation)
            years = np.zeros(n)
            for title, value in person.past_occupations.items():
                if title in w:
                    years[occupation == w[title]] = value
            add("experience", np.minimum(years / FULL_EXPERIENCE_YEARS, 1.0), has_occupation)
            self._requirements(person, n, add)
            add("distance", np.maximum(0.0, 1 - distance / max(person.radius_km, 1)), known)
            self._availability(person, n, add)
            score = np.where(weight > 0, total / weight, 0.0)
        return np.nan_to_num(score), mask

    def _occupation_credit(self, person: Person, n: int) -> np.ndarray:
        occupation, w = self.table.col("occupation"), self.words
        groups = {occupation_group(o) for o in person.occupations | person.desired}
        credit = np.zeros(n)
        credit[np.isin(self.table.col("group"), w.ids({g for g in groups if g}))] = 0.5
        credit[np.isin(occupation, w.ids(person.desired))] = OCCUPATION_CREDIT["desired"]
        credit[np.isin(occupation, w.ids(set(person.past_occupations)))] = OCCUPATION_CREDIT["past"]
        if person.occupation is not None and person.occupation in w:
            credit[occupation == w[person.occupation]] = OCCUPATION_CREDIT["same"]
        return credit

    def _requirements(self, person: Person, n: int, add) -> None:  # type: ignore[no-untyped-def]
        t = self.table
        min_isced = t.col("min_isced")
        isced = -1 if person.isced is None else person.isced
        add("education", (isced >= min_isced).astype(float), min_isced >= 0)
        n_lang = t.col("n_lang")
        satisfied = np.zeros(n)
        for code, level in person.languages.items():
            rows, required = self.languages.get(code)
            satisfied[rows[required <= level]] += 1
        add("languages", satisfied / np.maximum(n_lang, 1), n_lang > 0)
        licence = t.col("licence")
        add("driving_licence", np.isin(licence, self.words.ids(person.licences)).astype(float),
            licence >= 0)

    def _availability(self, person: Person, n: int, add) -> None:  # type: ignore[no-untyped-def]
        parts, count = np.zeros(n), np.zeros(n)
        hours, deadline = self.table.col("hours").astype(float), self.table.col("deadline")
        if person.hours is not None:
            has = hours > 0
            parts += np.where(has, np.minimum(person.hours / np.maximum(hours, 1), 1.0), 0.0)
            count += has
        if person.start_date is not None:
            has = deadline > 0
            parts += np.where(has & (person.start_date.toordinal() <= deadline), 1.0, 0.0)
            count += has
        add("availability", parts / np.maximum(count, 1), count > 0)

    def rank(self, person: Person, *, limit: int = 50, offset: int = 0, min_score: float = 0.0,
             province: str | None = None) -> list[Ranked]:
        score, mask = self.scores(person)
        mask &= (score > 0) & (score >= min_score - 1e-12)
        if province:
            mask &= self.provinces.count({province}, self.table.size) > 0
        exposure = self.employer_exposure[self.table.col("employer")]
        return anti_herding_order(score, mask, exposure, self.table.col("hash"),
                                  stable_hash(person.seeker_id), offset, limit)
