"""Shortlists and referrals, each a document carrying its own outbox (one atomic write)."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime
from typing import Any

from event_backbone.outbox import envelopes, insert_with_events, update_with_events
from pydantic import BaseModel
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from matching.contracts import (
    REFERRAL_STATUS_CHANGED,
    SHORTLIST_CONFIRMED,
    SOURCE,
    ReferralStatusChanged,
    ShortlistConfirmed,
)

NAMESPACE = uuid.UUID("9d2e7c1a-5b3f-4e8d-a6c4-3b1f0e2d7a55")


def referral_id(vacancy_id: str, seeker_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{vacancy_id}:{seeker_id}"))


def _events(subject: str, version: int, contract, payload: BaseModel):  # type: ignore[no-untyped-def]
    return envelopes(source=SOURCE, subject=subject, first_version=version,
                     events=[(contract, payload)])


class MongoReferrals:
    def __init__(self, database: AsyncDatabase) -> None:
        self.shortlists = database["shortlists"]
        self.referrals = database["referrals"]

    async def create_indexes(self) -> None:
        await self.referrals.create_index("seeker_id")
        await self.referrals.create_index("employer_id")

    async def add_shortlist(self, key: str, vacancy_id: str, employer_id: str,
                            seeker_ids: list[str], actor: str) -> dict[str, Any]:
        document = {"_id": key, "vacancy_id": vacancy_id, "employer_id": employer_id,
                    "seeker_ids": seeker_ids, "status": "draft", "created_by": actor,
                    "version": 1}
        with contextlib.suppress(DuplicateKeyError):  # a retried create: the first one stands
            await insert_with_events(self.shortlists, document, [])
        return await self.shortlist(key)  # type: ignore[return-value]

    async def shortlist(self, key: str) -> dict[str, Any] | None:
        return await self.shortlists.find_one({"_id": key}, {"outbox": 0})

    async def confirm(self, shortlist: dict[str, Any], actor: str) -> None:
        event = ShortlistConfirmed(
            shortlist_id=shortlist["_id"], vacancy_id=shortlist["vacancy_id"],
            employer_id=shortlist["employer_id"], seeker_ids=shortlist["seeker_ids"],
            confirmed_by=actor, confirmed_at=datetime.now(UTC))
        await update_with_events(
            self.shortlists, shortlist["_id"], shortlist["version"],
            {"status": "confirmed", "confirmed_by": actor},
            _events(shortlist["_id"], shortlist["version"] + 1, SHORTLIST_CONFIRMED, event))

    async def propose(self, shortlist: dict[str, Any], seeker_id: str, actor: str) -> None:
        """One referral per (vacancy, person), created with its first event."""
        key = referral_id(shortlist["vacancy_id"], seeker_id)
        event = self._event(key, seeker_id, shortlist["vacancy_id"], shortlist["employer_id"],
                            "proposed", actor)
        document = {"_id": key, "seeker_id": seeker_id, "vacancy_id": shortlist["vacancy_id"],
                    "employer_id": shortlist["employer_id"], "shortlist_id": shortlist["_id"],
                    "status": "proposed", "version": 1,
                    "history": [{"status": "proposed", "actor_id": actor,
                                 "at": event.changed_at}]}
        with contextlib.suppress(DuplicateKeyError):  # already referred for this vacancy
            await insert_with_events(self.referrals, document,
                                     _events(key, 1, REFERRAL_STATUS_CHANGED, event))

    async def move(self, referral: dict[str, Any], status: str, actor: str,
                   interview_at: datetime | None) -> None:
        event = self._event(referral["_id"], referral["seeker_id"], referral["vacancy_id"],
                            referral["employer_id"], status, actor, interview_at)
        history = [*referral["history"], {"status": status, "actor_id": actor,
                                          "at": event.changed_at}]
        await update_with_events(
            self.referrals, referral["_id"], referral["version"],
            {"status": status, "history": history, "interview_at": interview_at},
            _events(referral["_id"], referral["version"] + 1, REFERRAL_STATUS_CHANGED, event))

    @staticmethod
    def _event(key: str, seeker_id: str, vacancy_id: str, employer_id: str, status: str,
               actor: str, interview_at: datetime | None = None) -> ReferralStatusChanged:
        return ReferralStatusChanged(
            referral_id=key, seeker_id=seeker_id, vacancy_id=vacancy_id, employer_id=employer_id,
            status=status, interview_at=interview_at, actor_id=actor, changed_at=datetime.now(UTC))

    async def referral(self, key: str) -> dict[str, Any] | None:
        return await self.referrals.find_one({"_id": key}, {"outbox": 0})

    async def of_shortlist(self, shortlist_id: str) -> list[dict[str, Any]]:
        return await self.referrals.find({"shortlist_id": shortlist_id}, {"outbox": 0}).sort(
            "_id", 1).to_list(None)

    async def anonymise(self, seeker_id: str, token: str) -> None:
        await self.referrals.update_many({"seeker_id": seeker_id},
                                         {"$set": {"seeker_id": token, "erased": True}})
        await self.shortlists.update_many({"seeker_ids": seeker_id},
                                          {"$pullAll": {"seeker_ids": [seeker_id]},
                                           "$inc": {"erased_count": 1}})
