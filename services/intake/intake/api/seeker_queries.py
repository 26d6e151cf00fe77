"""Query parameters of the people list: filters, sort, page and field selection."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from api_edge import Problem
from fastapi import Query

from intake.api.schemas.seekers import PUBLIC_FIELDS
from intake.contracts import LabourStatusKind, TargetGroup

SORTABLE = ("registered_at", "updated_at", "family_name", "birth_date", "municipality")
SORT_PATTERN = r"^-?(" + "|".join(SORTABLE) + ")$"


class SeekerListParams:
    """Declared once so FastAPI documents every parameter with its constraint."""

    def __init__(
        self,
        status: Annotated[LabourStatusKind | None, Query(description="Labour status.")] = None,
        target_group: Annotated[TargetGroup | None, Query()] = None,
        municipality: Annotated[str | None, Query(pattern=r"^[0-9]{6}$")] = None,
        province: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$", examples=["MO"])] = None,
        occupation: Annotated[str | None, Query(max_length=300, description=(
            "Current, past or desired occupation (ESCO URI or text, exact)."))] = None,
        office_id: Annotated[str | None, Query(max_length=64)] = None,
        wage_guarantee_ends_by: Annotated[date | None, Query(description=(
            "Cassa integrazione ending on or before this date (to act before it ends)."))] = None,
        sort: Annotated[str, Query(pattern=SORT_PATTERN, description=(
            "A field, '-' first for descending: " + ", ".join(SORTABLE)))] = "-registered_at",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=200)] = 50,
        fields: Annotated[str | None, Query(max_length=500, description=(
            "Comma-separated fields to return, e.g. id,family_name,target_groups."))] = None,
    ) -> None:
        self.status, self.target_group, self.municipality = status, target_group, municipality
        self.province, self.occupation, self.office_id = province, occupation, office_id
        self.wage_guarantee_ends_by = wage_guarantee_ends_by
        self.sort, self.page, self.per_page = sort, page, per_page
        self.fields = _fields(fields)

    @property
    def skip(self) -> int:
        return (self.page - 1) * self.per_page

    def filters(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, path in (("status", "labour_status.kind"), ("target_group", "target_groups"),
                           ("municipality", "municipality"), ("province", "province"),
                           ("office_id", "office_id")):
            value = getattr(self, name)
            if value is not None:
                found[path] = str(value)
        if self.occupation:
            found["$or"] = [{"occupation": self.occupation},
                            {"desired_occupations": self.occupation},
                            {"work_history.occupation": self.occupation}]
        if self.wage_guarantee_ends_by:
            found["labour_status.wage_guarantee.expected_end"] = {
                "$lte": self.wage_guarantee_ends_by.isoformat()}
        return found

    def projection(self) -> list[str] | None:
        if self.fields is None:
            return None
        return ["_id" if f == "id" else f for f in self.fields]

    def shape(self, document: dict[str, Any]) -> dict[str, Any]:
        document["id"] = document.pop("_id")
        if self.fields is None:
            document.pop("outbox", None)
            return document
        return {f: document.get(f) for f in self.fields}


def _fields(raw: str | None) -> list[str] | None:
    if not raw:
        return None
    wanted = [f.strip() for f in raw.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in PUBLIC_FIELDS]
    if unknown:
        raise Problem(422, "Invalid request", "Some fields are not valid: fields.",
                      kind="validation-error", errors=[{
                          "pointer": "/query/fields", "field": "fields",
                          "reason": f"unknown field(s) {', '.join(unknown)}; choose among "
                                    f"{', '.join(sorted(PUBLIC_FIELDS))}"}])
    return list(dict.fromkeys(wanted))
