"""The delivery log, one document per (event, recipient, channel), and the send queue.

A sender claims a due message with a lease, won by a unique insert into `send_claims` (see
`claim`), so two workers never hold the same one; a worker that dies leaves a lease that simply
runs out, or a claim that a later worker passes over once abandoned (domain/leases.py). The state
is recorded, and read back, before each send and recorded after it, so a restart knows where a
message stands and a message suppressed meanwhile is not sent. Old claims and queue leftovers
are removed by adapters/send_claims.py."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from event_backbone.failpoints import crash_point
from event_backbone.store import update_if
from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from notifications.domain.leases import abandoned, claim_id
from notifications.domain.receipts import AWAITING_RECEIPT

WAITING_STATES = ("scheduled", "queued")
CLAIMABLE = ("scheduled", "queued", "sending")  # sending: only once its lease has run out
MAX_TAKEOVERS = 100  # a bound only: each takeover needs one more dead worker's claim


def now() -> datetime:
    return datetime.now(UTC)


class MongoDeliveryLog:
    """`deliveries` is the log (every message, forever); `send_queue` holds only the messages
    still to send, each with its due time and lease, so claiming stays cheap however long the
    log grows (FerretDB scans rather than uses indexes for range queries). A queue entry whose
    message is already settled is dropped when claimed, so the log alone decides."""

    def __init__(self, database: AsyncDatabase, isolated_updates: bool = True) -> None:
        """`isolated_updates`: False on FerretDB, where a guarded update is checked on the
        document read by _id rather than scanning the log (event_backbone.store)."""
        self.isolated = isolated_updates
        self.collection = database["deliveries"]
        self.queue = database["send_queue"]
        self.claims = database["send_claims"]

    async def create_indexes(self) -> None:
        await self.queue.create_index([("channel", ASCENDING), ("due_at", ASCENDING)])
        await self.collection.create_index([("event_id", ASCENDING)])
        await self.collection.create_index(
            [("recipient_id", ASCENDING), ("created_at", DESCENDING)]
        )
        await self.collection.create_index([("group", ASCENDING)])
        await self.collection.create_index([("state", ASCENDING)])

    async def _enqueue(self, delivery_id: str, channel: str, due_at: datetime) -> None:
        """Idempotent: a retried handler finds the entry there and leaves it alone."""
        with contextlib.suppress(DuplicateKeyError):
            await self.queue.update_one(
                {"_id": delivery_id},
                {"$setOnInsert": {"channel": channel, "due_at": due_at, "lease_until": now(),
                                  "lease_owner": None}},
                upsert=True,
            )

    async def add(self, delivery_id: str, due_at: datetime | None, **fields: Any) -> bool:
        """Store a message once (a redelivered event finds it there); True if it is new."""
        moment = now()
        due = due_at or moment
        document = {
            "_id": delivery_id, "state": "scheduled" if due > moment else "queued",
            "attempts": 0, "errors": [], "due_at": due, "lease_owner": None,
            "created_at": moment, "updated_at": moment, **fields,
        }
        try:
            await self.collection.insert_one(document)
            new = True
        except DuplicateKeyError:
            stored = await self.collection.find_one({"_id": delivery_id}, {"state": 1})
            if stored is None or stored["state"] not in CLAIMABLE:
                return False
            new = False  # a crash may have come between the two writes: queue it again
        await self._enqueue(delivery_id, fields["channel"], due)
        return new

    async def claim(self, channel: str, lease_seconds: float) -> dict[str, Any] | None:
        """The next due message of `channel`, leased to this caller (its `lease_owner`) until
        its `lease_until`.

        FerretDB on SQLite does not isolate concurrent updates of one document (FerretDB
        #3040; bench/ferretdb_update_isolation.py), so a find_one_and_update lease could be
        taken twice. The claim is an insert under a unique id naming the lease generation seen
        (entry id + its lease_until): of two workers that saw the same generation, one wins. The
        winner then moves the entry to a new generation, only if it is still the one it saw: a
        worker stalled so long that its claim was taken over (`_claim_generation`) gives up."""
        tried: list[str] = []
        for _ in range(20):
            moment, owner = now(), uuid.uuid4().hex
            entry = await self.queue.find_one(
                {"channel": channel, "due_at": {"$lte": moment},
                 "lease_until": {"$lte": moment}, "_id": {"$nin": tried}},
                sort=[("due_at", ASCENDING)],
            )
            if entry is None:
                return None
            tried.append(entry["_id"])
            if not await self._claim_generation(entry, owner, moment, lease_seconds):
                continue  # another worker holds this generation
            crash_point("notifications.after_claim")
            lease_until = moment + timedelta(seconds=lease_seconds)
            leased = await update_if(
                self.queue, entry["_id"], {"lease_until": entry["lease_until"]},
                {"$set": {"lease_until": lease_until, "lease_owner": owner}},
                isolated=self.isolated)
            if not leased:
                continue  # taken over, settled or requeued while this worker stalled
            held = await self._hold(entry["_id"], owner, moment)
            if held is not None:
                return {**held, "lease_until": lease_until}  # the sender bounds its send by it
            await self.queue.delete_one({"_id": entry["_id"]})
        return None

    async def _claim_generation(self, entry: dict[str, Any], owner: str, moment: datetime,
                                lease_seconds: float) -> bool:
        """Insert the claim of the entry's lease generation. A claim found there whose worker
        died before taking its lease would block the message for ever: once abandoned, the
        next takeover of the generation is claimed instead, by unique insert too."""
        for takeover in range(MAX_TAKEOVERS):
            name = claim_id(entry["_id"], entry["lease_until"], takeover)
            try:
                await self.claims.insert_one({"_id": name, "owner": owner, "at": moment})
                return True
            except DuplicateKeyError:
                blocking = await self.claims.find_one({"_id": name}, {"at": 1})
                if blocking is None or not abandoned(blocking["at"], moment, lease_seconds):
                    return False
        return False

    async def _hold(self, delivery_id: str, owner: str, moment: datetime) -> dict[str, Any] | None:
        """The claimed message, marked with its owner; None when it was settled meanwhile."""
        held = await self.collection.find_one({"_id": delivery_id})
        if held is None or held["state"] not in CLAIMABLE:
            return None
        marked = await update_if(
            self.collection, delivery_id, {"state": {"$in": list(CLAIMABLE)}},
            {"$set": {"lease_owner": owner, "updated_at": moment}}, isolated=self.isolated)
        return {**held, "lease_owner": owner} if marked else None

    async def _settle(self, held: dict[str, Any], update: dict[str, Any]) -> bool:
        """Apply `update` only while the caller still holds the lease it was given."""
        update.setdefault("$set", {})["updated_at"] = now()
        return await update_if(self.collection, held["_id"],
                               {"lease_owner": held["lease_owner"]}, update,
                               isolated=self.isolated)

    async def _requeue(self, held: dict[str, Any], at: datetime | None) -> None:
        """Come back at `at`, or leave the queue (None)."""
        if at is None:
            await self.queue.delete_one({"_id": held["_id"]})
            return
        await self.queue.update_one({"_id": held["_id"]}, {"$set": {
            "due_at": at, "lease_until": now(), "lease_owner": None}})

    async def start_sending(self, held: dict[str, Any], **fields: Any) -> bool:
        """Record the send before it happens, then read it back: True only if the message is
        still this caller's and now `sending`. A message suppressed or superseded after the
        claim has lost its lease and its waiting state, so it fails here; the read-back also
        catches a suppression racing this very update (FerretDB does not isolate the two)."""
        recorded = await update_if(
            self.collection, held["_id"],
            {"lease_owner": held["lease_owner"], "state": {"$in": list(CLAIMABLE)}},
            {"$set": {"state": "sending", "updated_at": now(), **fields},
             "$inc": {"attempts": 1}}, isolated=self.isolated)
        if not recorded:
            return False
        stored = await self.collection.find_one({"_id": held["_id"]},
                                                {"state": 1, "lease_owner": 1})
        return (stored is not None and stored["state"] == "sending"
                and stored["lease_owner"] == held["lease_owner"])

    async def finish(self, held: dict[str, Any], state: str, **fields: Any) -> bool:
        settled = await self._settle(held, {"$set": {"state": state, "lease_owner": None,
                                                     **fields}})
        if settled:
            await self._requeue(held, None)
        return settled

    async def release(self, held: dict[str, Any]) -> bool:
        """Give back, unsent, a message this caller marked `sending` but will not send (too
        little of its lease left): queued and claimable at once, the attempt taken back."""
        settled = await self._settle(held, {"$set": {"state": "queued", "lease_owner": None},
                                            "$inc": {"attempts": -1}})
        if settled:
            await self._requeue(held, now())
        return settled

    async def defer(self, held: dict[str, Any], until: datetime, reason: str) -> bool:
        """Wait (quiet hours, an endpoint asking to slow down) without counting an attempt."""
        settled = await self._settle(held, {"$set": {
            "state": "scheduled", "due_at": until, "lease_owner": None, "reason": reason}})
        if settled:
            await self._requeue(held, until)
        return settled

    async def retry_later(self, held: dict[str, Any], error: str, at: datetime | None) -> bool:
        """Record the failure; come back at `at`, or give up (failed) when it is None."""
        state = {"state": "queued", "due_at": at} if at else {"state": "failed"}
        settled = await self._settle(held, {
            "$set": {**state, "lease_owner": None},
            "$push": {"errors": {"at": now(), "error": error[:500]}},
        })
        if settled:
            await self._requeue(held, at)
        return settled

    async def confirm(self, delivery_id: str, outcome: str, at: datetime,
                      error: str | None = None) -> bool:
        """The channel's receipt: a message handed over (or being handed over) reaches its final
        state. The lease goes too, so a sender still finishing the message settles nothing."""
        fields: dict[str, Any] = {"state": outcome, "lease_owner": None, "receipt_at": at,
                                  "updated_at": now()}
        update: dict[str, Any] = {"$set": fields}
        if error:
            fields["reason"] = error[:500]
            update["$push"] = {"errors": {"at": at, "error": error[:500]}}
        return await update_if(self.collection, delivery_id,
                               {"state": {"$in": list(AWAITING_RECEIPT)}}, update,
                               isolated=self.isolated)

    async def supersede(self, group: str, keep_event_id: str, reason: str) -> int:
        """Waiting messages of `group` planned by earlier events are dropped (a moved or
        cancelled appointment's reminders); the current event's own are kept. Their queue
        entries go when next claimed."""
        return await self.suppress_waiting(
            {"group": group, "event_id": {"$ne": keep_event_id}}, reason)

    async def suppress_waiting(self, filters: dict[str, Any], reason: str) -> int:
        """Messages not yet being sent are dropped. Their lease goes too: a worker that claimed
        one just before can then neither start sending it (`start_sending`) nor settle it."""
        result = await self.collection.update_many(
            {**filters, "state": {"$in": list(WAITING_STATES)}},
            {"$set": {"state": "suppressed", "reason": reason, "lease_owner": None,
                      "updated_at": now()}},
        )
        return result.modified_count

    async def add_to_digest(self, delivery_id: str, due_at: datetime, item: dict[str, Any],
                            **fields: Any) -> None:
        """A daily digest is one scheduled message collecting items until it is due."""
        moment = now()
        with contextlib.suppress(DuplicateKeyError):
            await self.collection.update_one(
                {"_id": delivery_id},
                {"$setOnInsert": {
                    "state": "scheduled", "attempts": 0, "errors": [], "due_at": due_at,
                    "lease_owner": None, "created_at": moment, "updated_at": moment, **fields},
                 "$addToSet": {"items": item}},
                upsert=True,
            )
        await self._enqueue(delivery_id, fields["channel"], due_at)

    async def redeliver(self, delivery_id: str) -> dict[str, Any] | None:
        """Queue a settled message again (manual redelivery); its id, hence webhook-id and
        Message-ID, stay the same so receivers can recognise it."""
        queued = await self.collection.find_one_and_update(
            {"_id": delivery_id, "state": {"$in": ["failed", "sent", "delivered"]}},
            {"$set": {"state": "queued", "due_at": now(), "lease_owner": None,
                      "updated_at": now()}},
            return_document=ReturnDocument.AFTER,
        )
        if queued is not None:
            await self.queue.delete_one({"_id": delivery_id})
            await self._enqueue(delivery_id, queued["channel"], now())
        return queued

    async def get(self, delivery_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": delivery_id})

    async def search(
        self, filters: dict[str, Any], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        total = await self.collection.count_documents(filters)
        cursor = (
            self.collection.find(filters, {"payload": 0, "items": 0})
            .sort([("created_at", DESCENDING), ("_id", ASCENDING)])
            .skip(offset)
            .limit(limit)
        )
        return await cursor.to_list(limit), total
