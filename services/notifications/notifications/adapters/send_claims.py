"""Clean-up of the send queue's leftovers. Claiming writes one `send_claims` document per lease
generation (adapters/deliveries.py) that nothing else removes, so the collection grows by a
document per send attempt; and entries of messages settled elsewhere (superseded, suppressed)
stay in `send_queue` until due. Pages by `_id` so that a large backlog goes in bounded steps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from notifications.domain.housekeeping import (
    claimed_delivery,
    leftover_entries,
    releasable_claims,
)

PAGE = 500


class MongoSendClaims:
    def __init__(self, database: AsyncDatabase, page: int = PAGE) -> None:
        self.claims = database["send_claims"]
        self.queue = database["send_queue"]
        self.deliveries = database["deliveries"]
        self.page = page

    async def _states(self, delivery_ids: set[str]) -> dict[str, str]:
        found = self.deliveries.find({"_id": {"$in": sorted(delivery_ids)}}, {"state": 1})
        return {d["_id"]: d["state"] async for d in found}

    async def _pages(self, collection: AsyncCollection, filters: dict[str, Any],
                     fields: dict[str, int]) -> AsyncIterator[list[dict[str, Any]]]:
        after = ""
        while True:
            page = await (collection.find({**filters, "_id": {"$gt": after}}, fields)
                          .sort("_id", ASCENDING).limit(self.page).to_list(self.page))
            if not page:
                return
            yield page
            if len(page) < self.page:
                return
            after = page[-1]["_id"]

    async def prune_claims(self, taken_before: datetime) -> int:
        """Delete claims taken before `taken_before` whose message is settled."""
        deleted = 0
        async for page in self._pages(self.claims, {"at": {"$lt": taken_before}}, {"_id": 1}):
            ids = [claim["_id"] for claim in page]
            states = await self._states({claimed_delivery(i) for i in ids})
            doomed = releasable_claims(ids, states)
            if doomed:
                result = await self.claims.delete_many({"_id": {"$in": doomed}})
                deleted += result.deleted_count
        return deleted

    async def prune_queue(self, now: datetime) -> int:
        """Delete queue entries of settled messages, each only as seen: an entry queued again
        meanwhile (a redelivery) has a new due time and lease, and stays."""
        deleted = 0
        async for page in self._pages(self.queue, {"lease_until": {"$lte": now}}, {}):
            states = await self._states({entry["_id"] for entry in page})
            doomed = leftover_entries(page, states, now)
            if doomed:
                seen = [{"_id": e["_id"], "due_at": e["due_at"], "lease_until": e["lease_until"]}
                        for e in doomed]
                deleted += (await self.queue.delete_many({"$or": seen})).deleted_count
        return deleted
