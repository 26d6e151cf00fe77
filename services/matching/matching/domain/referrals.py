"""A referral's lifecycle and the anonymised profile an employer may see."""

from __future__ import annotations

from typing import Any

from matching.domain.models import Person
from matching.domain.territory import Territory

NEXT = {
    "proposed": {"sent_to_employer", "withdrawn"},
    "sent_to_employer": {"interview", "not_selected", "withdrawn"},
    "interview": {"interview", "hired", "not_selected", "withdrawn"},
}
BY_EMPLOYER = {"interview", "hired", "not_selected"}


class InvalidTransition(Exception):
    pass


def check_transition(current: str, wanted: str, by_employer: bool) -> None:
    if wanted not in NEXT.get(current, set()):
        allowed = ", ".join(sorted(NEXT.get(current, set()))) or "nessuno"
        raise InvalidTransition(f"da «{current}» non si passa a «{wanted}» (ammessi: {allowed})")
    if by_employer and wanted not in BY_EMPLOYER:
        raise InvalidTransition(f"un datore di lavoro non può impostare «{wanted}»")


def anonymised_profile(person: Person, land: Territory) -> dict[str, Any]:
    """What a company may see: no id, name, age, sex, citizenship, disability or exact place."""
    place = land.get(person.municipality)
    return {
        "occupation": person.occupation,
        "experience": [{"occupation": o, "years": y} for o, y in
                       sorted(person.past_occupations.items())],
        "skills": sorted(person.skills),
        "education_isced": person.isced,
        "languages": dict(sorted(person.languages.items())),
        "driving_licences": sorted(person.licences),
        "province": place.province_code if place else None,
    }
