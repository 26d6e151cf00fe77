"""Disability data (law 68/1999, collocamento mirato — targeted placement of people with
disabilities): special-category data kept apart from the person's record and encrypted at rest.
Only the boolean `disability_list_eligible` ever leaves intake."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ListArticle(StrEnum):
    ARTICLE_1 = "art_1"  # people with disabilities (invalidi civili, del lavoro, ciechi, sordi...)
    ARTICLE_18 = "art_18"  # protected categories (orphans and spouses of victims, refugees...)


class DisabilityRecord(BaseModel):
    """What the job centre needs for targeted placement; never copied into events."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "on_law_68_list": True, "list_article": "art_1", "invalidity_percentage": 67,
        "registered_on": "2025-05-12", "functional_notes": "no heavy lifting",
        "accommodations": ["ergonomic workstation"]}]})

    on_law_68_list: bool = Field(description="Registered on the law 68/1999 lists.")
    list_article: ListArticle | None = None
    invalidity_percentage: int | None = Field(default=None, ge=0, le=100)
    registered_on: date | None = Field(default=None, description="Registered on the list on.")
    functional_notes: str | None = Field(default=None, max_length=2000,
                                         description="Functional capacities (diagnosi funzionale).")
    accommodations: list[str] = Field(default_factory=list, max_length=20)


PURPOSES = frozenset({
    "targeted_placement",  # collocamento mirato: matching to reserved positions
    "reasonable_accommodation",  # arranging the workplace with an employer
    "eligibility_check",  # checking eligibility for a reserved programme
    "person_request",  # the person asked to see or correct their data
})
