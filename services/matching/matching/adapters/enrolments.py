"""Programme seats and waiting lists without multi-document transactions.

A seat is a claim document (`programme#n`, unique) holding one enrolment (unique holder), so
concurrent enrolments can never over-allocate. The waiting order is the request time. Every
step is idempotent, so a retried request (or a crash between steps) completes without a second
seat or a lost one."""

from __future__ import annotations

import contextlib
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from event_backbone.outbox import envelopes, insert_with_events, update_with_events
from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from matching.contracts import ENROLMENT_CHANGED, SOURCE, EnrolmentChanged

NAMESPACE = uuid.UUID("0f4b8f6e-2f0a-4c55-9a51-7f6f1f1d2a33")
ACTIVE = ("enrolled", "promoted", "attended")


def enrolment_id(programme_id: str, seeker_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{programme_id}:{seeker_id}"))


class MongoEnrolments:
    def __init__(self, database: AsyncDatabase) -> None:
        self.enrolments = database["enrolments"]
        self.seats = database["seats"]
        self.tickets = database["waiting_tickets"]

    async def create_indexes(self) -> None:
        # One seat per holder: a second claim by the same enrolment fails on this index.
        await self.seats.create_index("holder", unique=True)
        await self.seats.create_index("programme_id")
        await self.enrolments.create_index([("programme_id", ASCENDING), ("ticket", ASCENDING)])
        await self.enrolments.create_index("seeker_id")

    async def get(self, key: str) -> dict[str, Any] | None:
        return await self.enrolments.find_one({"_id": key}, {"outbox": 0})

    async def create(self, programme_id: str, seeker_id: str, actor: str) -> dict[str, Any]:
        key = enrolment_id(programme_id, seeker_id)
        document = {"_id": key, "programme_id": programme_id, "seeker_id": seeker_id,
                    "status": "requested", "version": 1, "ticket": None, "session_ids": [],
                    "actor_id": actor}
        with contextlib.suppress(DuplicateKeyError):
            await insert_with_events(self.enrolments, document, [])
        return await self.get(key)  # type: ignore[return-value]

    async def claim_seat(self, programme_id: str, key: str, capacity: int) -> bool:
        """Insert a claim on a free seat number. FerretDB 1.24 does not make conditional
        updates (nor find-and-modify) atomic under concurrent writers; a unique `_id` insert is,
        so a seat is a claim document `programme#n` and two requests can never both get it."""
        if await self.seats.find_one({"holder": key}):
            return True  # a retried request: the seat is already this enrolment's
        taken = {row["seat_no"] async for row in self.seats.find(
            {"programme_id": programme_id}, {"seat_no": 1})}
        for seat_no in (n for n in range(1, capacity + 1) if n not in taken):
            try:
                await self.seats.insert_one({"_id": f"{programme_id}#{seat_no}",
                                             "programme_id": programme_id, "seat_no": seat_no,
                                             "holder": key})
                return True
            except DuplicateKeyError:
                if await self.seats.find_one({"holder": key}):
                    return True  # a concurrent retry of the same request won
        return False

    async def release_seat(self, key: str) -> None:
        await self.seats.delete_many({"holder": key})

    @staticmethod
    def take_ticket() -> int:
        """Waiting order: the time of the request (ties broken by enrolment id)."""
        return time.time_ns() // 1000

    async def position(self, programme_id: str, ticket: int) -> int:
        ahead = await self.enrolments.count_documents(
            {"programme_id": programme_id, "status": "waitlisted", "ticket": {"$lt": ticket}})
        return ahead + 1

    async def next_waiting(self, programme_id: str) -> dict[str, Any] | None:
        return await self.enrolments.find_one(
            {"programme_id": programme_id, "status": "waitlisted"}, {"outbox": 0},
            sort=[("ticket", ASCENDING), ("_id", ASCENDING)])

    async def move(self, document: dict[str, Any], status: str, actor: str | None,
                   rule_version: int | None = None, **changes: Any) -> dict[str, Any]:
        """Change status and record the event in one write (ConcurrencyConflict if it moved)."""
        merged = {**document, **changes, "status": status}
        position = (await self.position(merged["programme_id"], merged["ticket"])
                    if status == "waitlisted" else None)
        event = EnrolmentChanged(
            enrolment_id=document["_id"], programme_id=document["programme_id"],
            seeker_id=document["seeker_id"], status=status, waiting_position=position,
            session_ids=merged.get("session_ids", []), changed_at=datetime.now(UTC),
            actor_id=actor, rule_version=rule_version)
        recorded = envelopes(source=SOURCE, subject=document["_id"],
                             first_version=document["version"] + 1,
                             events=[(ENROLMENT_CHANGED, event)])
        await update_with_events(self.enrolments, document["_id"], document["version"],
                                 {**changes, "status": status, "actor_id": actor}, recorded)
        return {**merged, "version": document["version"] + 1, "waiting_position": position}

    async def counts(self, programme_id: str) -> dict[str, int]:
        return {status: await self.enrolments.count_documents(
            {"programme_id": programme_id, "status": status})
            for status in ("enrolled", "promoted", "waitlisted", "attended", "completed",
                           "withdrawn")}

    async def completions(self) -> dict[str, set[str]]:
        done: dict[str, set[str]] = {}
        async for row in self.enrolments.find({"status": "completed"}, {"seeker_id": 1,
                                                                         "programme_id": 1}):
            done.setdefault(row["seeker_id"], set()).add(row["programme_id"])
        return done

    async def anonymise(self, seeker_id: str, token: str) -> None:
        """Erasure: keep the counts (seats, outcomes), lose the person."""
        await self.enrolments.update_many({"seeker_id": seeker_id},
                                          {"$set": {"seeker_id": token, "erased": True}})
