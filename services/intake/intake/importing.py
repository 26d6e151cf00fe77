"""Runs one bulk import of people. Rows are taken in batches: every row valid as a new person is
inserted in one bulk write (the unique tax code turns a known person into an insert failure, with
no lookup for the common case of new people); only known or incomplete rows are looked up and
revised. Each person's events go in the same document write, so nothing is lost or doubled."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from intake.adapters.mongo_imports import MongoImports
from intake.adapters.mongo_seekers import MongoSeekers
from intake.domain.aggregate import InvalidFields
from intake.domain.imports import (
    BrokenFile,
    ImportFormat,
    ImportJob,
    Outcome,
    RecordSplitter,
    RowReport,
    csv_header,
    csv_row,
    json_row,
)
from intake.domain.municipalities import Municipalities
from intake.domain.seeker_rules import register_seeker, revise_seeker
from intake.domain.seekers import Seeker, SeekerDraft

Errors = list[tuple[str, str]]


@dataclass
class Row:
    line: int
    data: dict[str, Any]
    tax_code: str | None
    errors: Errors = field(default_factory=list)


@dataclass
class SeekerImport:
    job: ImportJob
    seekers: MongoSeekers
    imports: MongoImports
    municipalities: Municipalities
    batch_size: int
    office_id: str | None  # the importing operator's office; None for a supervisor
    nudge: Callable[[], None]
    _columns: list[str] | None = None
    _batch: list[Row] = field(default_factory=list)

    async def run(self, chunks: AsyncIterator[bytes]) -> None:
        """Consume the stream; BrokenFile stops it, keeping what earlier batches did."""
        splitter = RecordSplitter(quoted_newlines=self.job.format == ImportFormat.CSV)
        failure: str | None = "the upload was interrupted"
        try:
            async for chunk in chunks:
                for line, record in splitter.feed(chunk):
                    await self._take(line, record)
            for line, record in splitter.finish():
                await self._take(line, record)
            failure = None
        except BrokenFile as error:
            failure = str(error)
            raise
        finally:
            await self._flush()
            await self.imports.finish(self.job.id, failure)

    async def _take(self, line: int, record: str) -> None:
        if self.job.format == ImportFormat.CSV and self._columns is None:
            self._columns = csv_header(record)
            return
        row = self._parse(line, record)
        if row.tax_code and row.tax_code in {r.tax_code for r in self._batch}:
            await self._flush()  # the same person twice: the second sees the first's result
        self._batch.append(row)
        if len(self._batch) >= self.batch_size:
            await self._flush()

    def _parse(self, line: int, record: str) -> Row:
        try:
            data = (csv_row(self._columns, record) if self._columns is not None
                    else json_row(record))
        except ValueError as error:
            return Row(line, {}, None, [("record", f"cannot be read: {error}")])
        code = data.get("tax_code")
        tax_code = code.strip().upper() if isinstance(code, str) and code.strip() else None
        if tax_code:
            data["tax_code"] = tax_code
        return Row(line, data, tax_code, [] if tax_code else [("tax_code", "is required")])

    async def _flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        now = datetime.now(UTC)
        reports: dict[int, RowReport] = {}
        fresh: dict[str, tuple[Row, Seeker]] = {}
        unsure: list[tuple[Row, Errors]] = []
        for row in batch:
            if row.errors:
                reports[row.line] = _rejected(row, row.errors)
                continue
            try:
                seeker = self._register(row, now)
            except InvalidFields as error:
                unsure.append((row, error.errors))
                continue
            fresh[seeker.id] = (row, seeker)
        failed = await self.seekers.write_batch([s for _, s in fresh.values()], [])
        for seeker_id, (row, _) in fresh.items():
            if seeker_id in failed:
                unsure.append((row, []))
            else:
                reports[row.line] = RowReport(line=row.line, outcome=Outcome.CREATED,
                                              seeker_id=seeker_id)
        if unsure:
            reports.update(await self._revise(unsure, now))
        await self.imports.progress(self.job.id, [reports[line] for line in sorted(reports)])
        self.nudge()

    def _register(self, row: Row, now: datetime) -> Seeker:
        office = row.data.get("office_id")
        if self.office_id is not None and office not in (None, self.office_id):
            raise InvalidFields([("office_id", "an operator imports people into their own office")])
        data = {**row.data, "office_id": self.office_id or office}
        try:
            draft = SeekerDraft.model_validate(data)
        except ValidationError as error:
            raise InvalidFields(_pydantic(error)) from None
        return register_seeker(draft, seeker_id=str(uuid.uuid4()),
                               municipalities=self.municipalities, now=now)

    async def _revise(self, unsure: list[tuple[Row, Errors]],
                      now: datetime) -> dict[int, RowReport]:
        """Rows of people already in care (or invalid as new): revise the known ones."""
        known = await self.seekers.by_tax_codes([r.tax_code for r, _ in unsure if r.tax_code])
        reports: dict[int, RowReport] = {}
        updates: list[tuple[Row, Seeker, int]] = []
        for row, first_errors in unsure:
            current = known.get(row.tax_code or "")
            if current is None or (self.office_id and current.office_id != self.office_id):
                reports[row.line] = _rejected(row, first_errors or [
                    ("tax_code", "is held by a person this import cannot change")])
                continue
            changes = {k: v for k, v in row.data.items() if k != "office_id"}
            try:
                revised = revise_seeker(current, changes, municipalities=self.municipalities,
                                        now=now)
            except InvalidFields as error:
                reports[row.line] = _rejected(row, error.errors)
                continue
            if revised is None:
                reports[row.line] = RowReport(line=row.line, outcome=Outcome.UNCHANGED,
                                              seeker_id=current.id)
            else:
                updates.append((row, revised, current.version))
        failed = await self.seekers.write_batch([], [(s, v) for _, s, v in updates])
        for row, seeker, _ in updates:
            reports[row.line] = (
                _rejected(row, [("tax_code", "the person changed meanwhile; import the row again")])
                if seeker.id in failed else
                RowReport(line=row.line, outcome=Outcome.UPDATED, seeker_id=seeker.id))
        return reports


def _rejected(row: Row, errors: Errors) -> RowReport:
    return RowReport(line=row.line, outcome=Outcome.REJECTED,
                     errors=[{"field": f, "reason": r} for f, r in errors])


def _pydantic(error: ValidationError) -> Errors:
    return [(".".join(str(p) for p in item["loc"]), item["msg"]) for item in error.errors()]
