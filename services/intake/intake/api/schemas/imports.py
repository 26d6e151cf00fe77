"""Bodies of the bulk import resource (seeker-imports)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.domain.imports import CSV_COLUMNS, ImportFormat, ImportJob, RowReport


class ImportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"format": "csv", "filename": "cig-modena-2026.csv"}]})

    format: ImportFormat = Field(description=(
        "csv (header row, columns: " + ", ".join(sorted(CSV_COLUMNS)) + "; lists separated by "
        "';', languages as en:B2) or jsonl (one person per line, shaped as POST /seekers)."))
    filename: str | None = Field(default=None, max_length=200)


class ImportPublic(ImportJob):
    """The job with its counts so far; `status` is running while the file streams in."""


class ImportsPublic(BaseModel):
    data: list[ImportPublic]
    count: int
    page: int
    per_page: int


class RowReports(BaseModel):
    data: list[RowReport]
    count: int
    page: int
    per_page: int
