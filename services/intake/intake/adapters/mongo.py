"""Intake's MongoDB collections: each aggregate document carries its own outbox."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from event_backbone.outbox import envelopes, insert_with_events
from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from intake.contracts import SOURCE
from intake.domain.errors import AlreadyRegistered
from intake.domain.seekers import Seeker
from intake.domain.vacancies import Vacancy


def _document(aggregate: Seeker | Vacancy) -> dict[str, Any]:
    document = asdict(aggregate)
    document.pop("pending_events")
    document["_id"] = document.pop("id")
    return document


class MongoSeekerRepository:
    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["seekers"]

    async def create_indexes(self) -> None:
        await self.collection.create_index([("tax_code", ASCENDING)], unique=True)

    async def add(self, seeker: Seeker) -> None:
        events = envelopes(
            source=SOURCE, subject=seeker.id, first_version=1, events=seeker.pending_events
        )
        try:
            await insert_with_events(self.collection, _document(seeker), events)
        except DuplicateKeyError:
            existing = await self.collection.find_one({"tax_code": seeker.tax_code}, {"_id": 1})
            if existing is None:
                raise
            raise AlreadyRegistered(existing["_id"]) from None

    async def get(self, seeker_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": seeker_id}, {"outbox": 0})


class MongoVacancyRepository:
    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["vacancies"]

    async def create_indexes(self) -> None:
        await self.collection.create_index([("employer_id", ASCENDING)])

    async def add(self, vacancy: Vacancy) -> None:
        events = envelopes(
            source=SOURCE, subject=vacancy.id, first_version=1, events=vacancy.pending_events
        )
        await insert_with_events(self.collection, _document(vacancy), events)

    async def get(self, vacancy_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": vacancy_id}, {"outbox": 0})
