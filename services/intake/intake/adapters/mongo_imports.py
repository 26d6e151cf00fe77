"""Import jobs and their per-row reports. Progress is written after every batch, so anyone can
watch a long import advance (GET the job) while the file is still streaming in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase

from intake.domain.imports import ImportJob, RowReport


class MongoImports:
    def __init__(self, database: AsyncDatabase) -> None:
        self.jobs = database["seeker_imports"]
        self.rows = database["seeker_import_rows"]

    async def create_indexes(self) -> None:
        await self.jobs.create_index([("created_at", ASCENDING)])
        await self.rows.create_index([("job_id", ASCENDING), ("line", ASCENDING)])

    async def add(self, job: ImportJob) -> bool:
        """False if a job with this id exists already (an idempotent replay)."""
        existing = await self.jobs.find_one({"_id": job.id}, {"_id": 1})
        if existing is not None:
            return False
        await self.jobs.insert_one({"_id": job.id, **job.model_dump(exclude={"id"})})
        return True

    async def get(self, job_id: str) -> ImportJob | None:
        document = await self.jobs.find_one({"_id": job_id})
        return ImportJob.model_validate({**document, "id": document["_id"]}) if document else None

    async def start(self, job_id: str) -> bool:
        """Claim the job for one upload; False if it was already started."""
        claimed = await self.jobs.update_one(
            {"_id": job_id, "status": "created"},
            {"$set": {"status": "running", "started_at": datetime.now(UTC)}})
        return claimed.modified_count == 1

    async def progress(self, job_id: str, reports: Sequence[RowReport]) -> None:
        """Store a batch's row reports, then advance the job's counters by them."""
        if not reports:
            return
        await self.rows.insert_many(
            [{"_id": f"{job_id}:{r.line}", "job_id": job_id, **r.model_dump(mode="json")}
             for r in reports], ordered=False)
        increments: dict[str, int] = {"counts.processed": len(reports)}
        for report in reports:
            key = f"counts.{report.outcome.value}"
            increments[key] = increments.get(key, 0) + 1
        await self.jobs.update_one({"_id": job_id}, {"$inc": increments})

    async def finish(self, job_id: str, failure: str | None) -> None:
        await self.jobs.update_one({"_id": job_id}, {"$set": {
            "status": "failed" if failure else "completed", "failure": failure,
            "finished_at": datetime.now(UTC)}})

    async def list_jobs(self, filters: dict[str, Any], skip: int,
                        limit: int) -> tuple[list[ImportJob], int]:
        cursor = self.jobs.find(filters).sort([("created_at", -1)]).skip(skip).limit(limit)
        jobs = [ImportJob.model_validate({**d, "id": d["_id"]}) for d in await cursor.to_list(None)]
        return jobs, await self.jobs.count_documents(filters)

    async def row_reports(self, job_id: str, outcome: str | None, skip: int,
                          limit: int) -> tuple[list[RowReport], int]:
        filters: dict[str, Any] = {"job_id": job_id, **({"outcome": outcome} if outcome else {})}
        cursor = self.rows.find(filters).sort([("line", ASCENDING)]).skip(skip).limit(limit)
        reports = [RowReport.model_validate(d) for d in await cursor.to_list(None)]
        return reports, await self.rows.count_documents(filters)
