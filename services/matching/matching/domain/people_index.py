"""People as numpy columns, to rank the best N for one vacancy without touching the database.

Mirrors domain/scoring.py factor by factor (a unit test checks both agree)."""

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
    "active": (np.bool_, False), "lat": (np.float64, np.nan), "lon": (np.float64, np.nan),
    "radius": (np.float64, 0), "relocation": (np.bool_, False), "disability": (np.bool_, False),
    "isced": (np.int16, -1), "hours": (np.int16, 0), "start": (np.int32, 0),
    "exposure": (np.int64, 0), "hash": (np.uint32, 0),
}


class PeopleIndex:
    def __init__(self, land: Territory) -> None:
        self.land = land
        self.table = Columns(SPEC)
        self.people: dict[int, Person] = {}
        self.skills, self.same, self.past = Postings(), Postings(), Postings()
        self.desired, self.groups, self.licences = Postings(), Postings(), Postings()
        self.languages, self.provinces, self.targets = Postings(), Postings(), Postings()
        self.offices = Postings()

    def upsert(self, person: Person) -> None:
        row = self.table.row(person.seeker_id)
        self.people[row] = person
        d, place = self.table.data, self.land.get(person.municipality)
        d["hash"][row] = stable_hash(person.seeker_id)
        d["active"][row] = True
        d["lat"][row], d["lon"][row] = (place.lat, place.lon) if place else (np.nan, np.nan)
        d["radius"][row], d["relocation"][row] = person.radius_km, person.relocation
        d["disability"][row] = person.disability_list
        d["isced"][row] = -1 if person.isced is None else person.isced
        d["hours"][row] = person.hours or 0
        d["start"][row] = person.start_date.toordinal() if person.start_date else 0
        ones = dict.fromkeys
        self.skills.set(row, ones(person.skills, 1.0))
        self.same.set(row, ones([person.occupation] if person.occupation else [], 1.0))
        self.past.set(row, dict(person.past_occupations))
        self.desired.set(row, ones(person.desired, 1.0))
        groups = {occupation_group(o) for o in person.occupations | person.desired}
        self.groups.set(row, ones([g for g in groups if g], 1.0))
        self.licences.set(row, ones(person.licences, 1.0))
        self.languages.set(row, {c: float(v) for c, v in person.languages.items()})
        self.provinces.set(row, ones([place.province_code] if place else [], 1.0))
        self.targets.set(row, ones(person.target_groups, 1.0))
        self.offices.set(row, ones([person.office_id or ""], 1.0))

    def remove(self, seeker_id: str) -> None:
        row = self.table.rows.get(seeker_id)
        if row is None:
            return
        self.table.reset(row)
        self.people.pop(row, None)
        for postings in (self.skills, self.same, self.past, self.desired, self.groups,
                         self.licences, self.languages, self.provinces, self.targets,
                         self.offices):
            postings.set(row, {})

    def expose(self, seeker_id: str, times: int = 1) -> None:
        if seeker_id in self.table.rows:
            self.table.data["exposure"][self.table.rows[seeker_id]] += times

    def person(self, seeker_id: str) -> Person | None:
        row = self.table.rows.get(seeker_id)
        return None if row is None else self.people.get(row)

    def __len__(self) -> int:
        return len(self.people)

    def scores(self, vacancy: Vacancy) -> tuple[np.ndarray, np.ndarray]:
        """(score per row, eligible-by-hard-constraints mask)."""
        t, n = self.table, self.table.size
        mask = t.col("active").copy() & vacancy.open
        if vacancy.reserved_disability_list:
            mask &= t.col("disability")
        place = self.land.get(vacancy.municipality)
        distance = (great_circle_np(t.col("lat"), t.col("lon"), place.lat, place.lon)
                    if place else np.full(n, np.nan))
        known = ~np.isnan(distance)
        radius = t.col("radius")
        with np.errstate(invalid="ignore"):
            mask &= ~(known & (distance > radius) & ~t.col("relocation"))
        total, weight = np.zeros(n), np.zeros(n)

        def add(factor: str, value: np.ndarray | float, where: np.ndarray | bool = True) -> None:
            nonlocal total, weight
            total = total + np.where(where, WEIGHTS[factor] * value, 0.0)
            weight = weight + np.where(where, WEIGHTS[factor], 0.0)

        if vacancy.essential:
            held = self.skills.count(vacancy.essential, n)
            add("essential_skills", held / len(vacancy.essential))
        if vacancy.optional:
            add("optional_skills", self.skills.count(vacancy.optional, n) / len(vacancy.optional))
        if vacancy.occupation is not None:
            add("occupation", self._occupation_credit(vacancy.occupation, n))
            years = self.past.values(vacancy.occupation, n)
            add("experience", np.minimum(years / FULL_EXPERIENCE_YEARS, 1.0))
        self._requirements(vacancy, n, add)
        with np.errstate(invalid="ignore"):
            add("distance", np.maximum(0.0, 1 - distance / np.maximum(radius, 1)), known)
        self._availability(vacancy, n, add)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = np.where(weight > 0, total / weight, 0.0)
        return np.nan_to_num(score), mask

    def _occupation_credit(self, occupation: str, n: int) -> np.ndarray:
        credit = np.zeros(n)
        group = occupation_group(occupation)
        if group is not None:
            credit[self.groups.get(group)[0]] = OCCUPATION_CREDIT["group"]
        credit[self.desired.get(occupation)[0]] = OCCUPATION_CREDIT["desired"]
        credit[self.past.get(occupation)[0]] = OCCUPATION_CREDIT["past"]
        credit[self.same.get(occupation)[0]] = OCCUPATION_CREDIT["same"]
        return credit

    def _requirements(self, vacancy: Vacancy, n: int, add) -> None:  # type: ignore[no-untyped-def]
        if vacancy.min_isced is not None:
            add("education", (self.table.col("isced") >= vacancy.min_isced).astype(float))
        if vacancy.languages:
            lacking = sum((self.languages.values(c, n) < lvl).astype(float)
                          for c, lvl in vacancy.languages.items())
            add("languages", 1 - lacking / len(vacancy.languages))
        if vacancy.licence:
            add("driving_licence", self.licences.count({vacancy.licence}, n))

    def _availability(self, vacancy: Vacancy, n: int, add) -> None:  # type: ignore[no-untyped-def]
        parts, count = np.zeros(n), np.zeros(n)
        hours = self.table.col("hours").astype(float)
        if vacancy.hours is not None:
            has = hours > 0
            parts += np.where(has, np.minimum(hours / vacancy.hours, 1.0), 0.0)
            count += has
        start = self.table.col("start")
        if vacancy.deadline is not None:
            has = start > 0
            parts += np.where(has & (start <= vacancy.deadline.toordinal()), 1.0, 0.0)
            count += has
        with np.errstate(invalid="ignore", divide="ignore"):
            add("availability", np.where(count > 0, parts / np.maximum(count, 1), 0.0), count > 0)

    def rank(self, vacancy: Vacancy, *, limit: int = 50, offset: int = 0, min_score: float = 0.0,
             province: str | None = None, target_group: str | None = None,
             office: str | None = None) -> list[Ranked]:
        score, mask = self.scores(vacancy)
        mask &= score > max(min_score, 0.0) - 1e-12
        mask &= score > 0
        for postings, term in ((self.provinces, province), (self.targets, target_group)):
            if term:
                mask &= postings.count({term}, self.table.size) > 0
        if office is not None:  # an operator's office, and people not yet assigned to one
            mask &= self.offices.count({office, ""}, self.table.size) > 0
        return anti_herding_order(score, mask, self.table.col("exposure"), self.table.col("hash"),
                                  stable_hash(vacancy.vacancy_id), offset, limit)
