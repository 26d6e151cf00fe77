"""A reproducible synthetic population of projection documents (people, vacancies), for tests and
bench/matching_rank.py. Same seed, same population."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from matching.adapters.reference import load_territory

HEADS = ["impiegato", "operaio", "tecnico", "addetto", "magazziniere", "cuoco", "autista",
         "infermiere", "saldatore", "commesso", "programmatore", "contabile"]
QUALIFIERS = ["amministrativo", "commerciale", "di produzione", "di cucina", "logistico",
              "informatico", "senior", "junior", "specializzato", "qualificato"]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]


def _municipalities(rng: random.Random, count: int) -> list[str]:
    land = load_territory()
    codes = sorted(c for c in land._places if land.get(c).region_code in (3, 8))  # noqa: SLF001
    return rng.sample(codes, count)


class Population:
    def __init__(self, seed: int = 7, skills: int = 1500, places: int = 300) -> None:
        self.rng = random.Random(seed)
        self.skills = [f"competenza {i}" for i in range(skills)]
        self.occupations = [f"{h} {q}" for h in HEADS for q in QUALIFIERS]
        self.places = _municipalities(self.rng, places)

    def person(self, index: int) -> dict[str, Any]:
        r = self.rng
        occupation = r.choice(self.occupations)
        return {
            "_id": f"p{index:06d}",
            "municipality": r.choice(self.places),
            "birth_date": str(date(1960, 1, 1) + timedelta(days=r.randrange(40 * 365))),
            "labour_status": {"kind": r.choice(["unemployed", "wage_guarantee", "naspi"]),
                              "since": str(date(2025, 1, 1) + timedelta(days=r.randrange(600)))},
            "target_groups": r.sample(["young", "adult_out_of_work", "graduate"], r.randint(0, 2)),
            "disability_list_eligible": r.random() < 0.05,
            "education": {"isced_level": r.randint(1, 7)},
            "occupation": occupation,
            "work_history": [{"occupation": occupation, "years": r.randint(0, 15)}],
            "desired_occupations": [r.choice(self.occupations)],
            "skills": r.sample(self.skills, r.randint(3, 12)),
            "languages": [{"code": c, "level": r.choice(LEVELS)}
                          for c in r.sample(["en", "fr", "de"], r.randint(0, 2))],
            "driving_licences": ["B"] if r.random() < 0.7 else [],
            "availability": {"hours_per_week": r.choice([20, 30, 40]),
                             "mobility_radius_km": r.choice([10, 30, 60, 100]),
                             "start_date": str(date(2026, 11, 1) + timedelta(days=r.randrange(90))),
                             "relocation": r.random() < 0.05},
        }

    def vacancy(self, index: int) -> dict[str, Any]:
        r = self.rng
        return {
            "_id": f"v{index:06d}",
            "employer_id": f"e{r.randrange(index // 4 + 50):05d}",
            "title": "Offerta", "municipality_name": "",
            "municipality": r.choice(self.places),
            "occupation": r.choice(self.occupations),
            "essential_skills": r.sample(self.skills, r.randint(1, 5)),
            "optional_skills": r.sample(self.skills, r.randint(0, 3)),
            "min_education_isced": r.choice([None, 2, 3, 6]),
            "languages": [{"code": "en", "level": r.choice(LEVELS)}] if r.random() < 0.3 else [],
            "driving_licence": "B" if r.random() < 0.3 else None,
            "hours_per_week": r.choice([None, 20, 40]),
            "deadline": str(date(2026, 12, 1) + timedelta(days=r.randrange(60))),
            "reserved_disability_list": r.random() < 0.02,
            "status": "published",
        }
