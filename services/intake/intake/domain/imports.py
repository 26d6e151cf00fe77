"""Bulk import of people (e.g. the 700 cassa-integrazione workers of seed 000) from CSV or JSON
Lines: records are split from a byte stream as it arrives, so a file of any size needs only one
batch in memory; each row becomes a partial draft keyed by tax code."""

from __future__ import annotations

import codecs
import csv
import json
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

MAX_RECORD = 256 * 1024  # one person's row; anything longer is not a row but a broken file

SIMPLE = ("given_name", "family_name", "tax_code", "birth_date", "sex", "birthplace",
          "citizenship", "municipality", "address", "email", "phone", "locale", "office_id",
          "occupation", "referred_by")
LISTS = ("skills", "desired_occupations", "driving_licences", "declared_target_groups")
GROUPS = {
    "labour_status": {"labour_status": "kind", "labour_status_since": "since",
                      "availability_declared_on": "availability_declared_on"},
    "wage_guarantee": {"wage_guarantee_kind": "kind", "wage_guarantee_employer_id": "employer_id",
                       "hours_reduction_pct": "hours_reduction_pct",
                       "wage_guarantee_expected_end": "expected_end"},
    "education": {"isced_level": "isced_level", "education_title": "title"},
    "availability": {"hours_per_week": "hours_per_week", "available_from": "start_date",
                     "mobility_radius_km": "mobility_radius_km", "relocation": "relocation"},
    "work": {"work_occupation": "occupation", "work_sector_ateco": "sector_ateco",
             "work_role_level": "role_level", "work_years": "years"},
    "consents": {"consent_data_processing": "data_processing",
                 "consent_partner_sharing": "partner_sharing",
                 "consent_anonymised_profile": "anonymised_profile_to_employers"},
}
CSV_COLUMNS = frozenset((*SIMPLE, *LISTS, "languages", *(c for g in GROUPS.values() for c in g)))
TRUE = {"1", "true", "si", "sì", "yes", "y", "x"}
FALSE = {"0", "false", "no", "n"}


class ImportFormat(StrEnum):
    CSV = "csv"
    JSON_LINES = "jsonl"


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


class BrokenFile(Exception):
    """The stream cannot be read as the declared format at all (not one bad row)."""


class RowReport(BaseModel):
    line: int = Field(description="Line of the file where the record starts (header is 1).")
    outcome: Outcome
    seeker_id: str | None = None
    errors: list[dict[str, str]] = Field(default_factory=list,
                                         description="Each failing field with its reason.")


class ImportCounts(BaseModel):
    processed: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


class ImportJob(BaseModel):
    id: str
    format: ImportFormat
    filename: str | None = None
    office_id: str | None = None
    status: str = Field(default="created", pattern=r"^(created|running|completed|failed)$")
    counts: ImportCounts = Field(default_factory=ImportCounts)
    failure: str | None = None
    created_by: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class RecordSplitter:
    """Bytes in, whole records out, with the line each starts on. A CSV record may span lines
    inside quotes (RFC 4180): it is complete when its quotes balance."""

    def __init__(self, quoted_newlines: bool) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._quoted = quoted_newlines
        self._partial = ""
        self._record: list[str] = []
        self._line = 0
        self._start = 1

    def feed(self, chunk: bytes) -> list[tuple[int, str]]:
        try:
            text = self._partial + self._decoder.decode(chunk)
        except UnicodeDecodeError as error:
            raise BrokenFile(f"not UTF-8 text near line {self._line + 1}: {error.reason}") from None
        *lines, self._partial = text.split("\n")
        if len(self._partial) > MAX_RECORD:
            raise BrokenFile(f"line {self._line + 1} is longer than {MAX_RECORD} characters")
        return [record for line in lines if (record := self._take(line)) is not None]

    def finish(self) -> list[tuple[int, str]]:
        tail = self._partial + self._decoder.decode(b"", final=True)
        self._partial = ""
        records = [r for r in [self._take(tail)] if r is not None] if tail else []
        if self._record:
            raise BrokenFile(f"the record starting on line {self._start} has an unclosed quote")
        return records

    def _take(self, line: str) -> tuple[int, str] | None:
        self._line += 1
        if not self._record:
            self._start = self._line
        self._record.append(line.removesuffix("\r"))
        joined = "\n".join(self._record)
        if self._quoted and joined.count('"') % 2:
            if len(joined) > MAX_RECORD:
                raise BrokenFile(f"the record starting on line {self._start} never ends")
            return None
        self._record = []
        return (self._start, joined) if joined.strip() else None


def csv_header(record: str) -> list[str]:
    columns = [c.strip().lower() for c in next(csv.reader([record]))]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown:
        raise BrokenFile(f"unknown column(s) {', '.join(unknown)}; known columns are "
                         f"{', '.join(sorted(CSV_COLUMNS))}")
    if "tax_code" not in columns:
        raise BrokenFile("the header must name a tax_code column")
    return columns


def csv_row(columns: list[str], record: str) -> dict[str, Any]:
    """A CSV record as a partial draft: empty cells are left out (they change nothing)."""
    values = next(csv.reader([record]))
    if len(values) != len(columns):
        raise ValueError(f"has {len(values)} cells, the header has {len(columns)}")
    cells = {c: v.strip() for c, v in zip(columns, values, strict=True) if v.strip()}
    row: dict[str, Any] = {name: cells[name] for name in SIMPLE if name in cells}
    for name in LISTS:
        if name in cells:
            row[name] = [v.strip() for v in cells[name].split(";") if v.strip()]
    if "languages" in cells:
        row["languages"] = [_language(item) for item in cells["languages"].split(";") if item]
    groups = {group: {field: _cell(cells[column], field) for column, field in mapping.items()
                      if column in cells} for group, mapping in GROUPS.items()}
    for group in ("education", "availability", "consents"):
        if groups[group]:
            row[group] = groups[group]
    if groups["labour_status"] or groups["wage_guarantee"]:
        row["labour_status"] = {**groups["labour_status"],
                                **({"wage_guarantee": groups["wage_guarantee"]}
                                   if groups["wage_guarantee"] else {})}
    if groups["work"]:
        row["work_history"] = [groups["work"]]
    return row


def _language(item: str) -> dict[str, str]:
    code, _, level = item.strip().partition(":")
    return {"code": code.strip(), "level": level.strip()}


def _cell(value: str, field: str) -> Any:
    lowered = value.lower()
    if field in ("relocation", "data_processing", "partner_sharing",
                 "anonymised_profile_to_employers"):
        return True if lowered in TRUE else False if lowered in FALSE else value
    return value


def json_row(record: str) -> dict[str, Any]:
    value = json.loads(record)
    if not isinstance(value, dict):
        raise ValueError("is not a JSON object")
    return value
