"""Made-up but valid people: tax codes encoded by python-codicefiscale from random names."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from typing import Any

from codicefiscale import codicefiscale

MODENA = "036023"


def person(born: date | None = None, code_sex: str = "F", **overrides: Any) -> dict[str, Any]:
    rng = random.SystemRandom()
    born = born or date(1965, 1, 1) + timedelta(days=rng.randrange(30 * 365))
    letters = string.ascii_uppercase
    tax_code = codicefiscale.encode(
        lastname="".join(rng.choice(letters) for _ in range(7)),
        firstname="".join(rng.choice(letters) for _ in range(6)),
        gender=code_sex, birthdate=born.strftime("%d/%m/%Y"), birthplace="F257")
    return {
        "given_name": "Maria", "family_name": "Rossi", "tax_code": tax_code,
        "birth_date": born.isoformat(), "sex": code_sex, "birthplace": "F257",
        "municipality": MODENA, "email": f"p{rng.randrange(10**9)}@example.org",
        "phone": "+39 059 123 4567", **overrides,
    }
