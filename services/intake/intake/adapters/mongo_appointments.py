"""Appointments and the diary slots they hold. Each 15-minute slot of an operator and of a person
is a document whose id names it, so the unique `_id` index refuses a second booking of the same
slot even when two requests race — no multi-document transaction needed.

Slots are claimed before the appointment is written and released after it stops needing them. A
crash in between leaves a claim with no live appointment behind it: the next booking that bumps
into it checks, and frees it when its appointment does not hold that slot any more."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from intake.adapters.mongo_aggregates import MongoAggregates
from intake.domain.appointments import Appointment, AppointmentStatus

GRACE = timedelta(seconds=30)  # a claim this young may belong to a booking still in flight


class SlotTaken(Exception):
    def __init__(self, slot_id: str) -> None:
        self.party = slot_id.split(":", 1)[0]  # "operator" or "seeker"
        super().__init__(f"the {self.party} already has an appointment then")


class MongoAppointmentRepository(MongoAggregates[Appointment]):
    def __init__(self, database: AsyncDatabase) -> None:
        super().__init__(database, "appointments", Appointment)
        self.slots = database["appointment_slots"]

    async def claim(self, appointment: Appointment) -> list[str]:
        """Claim every slot the appointment needs; all or none (SlotTaken names the clash)."""
        taken: list[str] = []
        for slot_id in appointment.claims():
            try:
                if await self._claim_one(slot_id, appointment.id):
                    taken.append(slot_id)
            except SlotTaken:
                await self.release(appointment.id, taken)
                raise
        return taken

    async def _claim_one(self, slot_id: str, appointment_id: str) -> bool:
        """True if newly claimed, False if this appointment already held it (a replay)."""
        for _ in range(2):
            try:
                await self.slots.insert_one({"_id": slot_id, "appointment_id": appointment_id,
                                             "claimed_at": datetime.now(UTC)})
                return True
            except DuplicateKeyError:
                holder = await self.slots.find_one({"_id": slot_id})
                if holder is None:
                    continue  # released meanwhile: try again
                if holder["appointment_id"] == appointment_id:
                    return False
                if not await self._abandoned(holder):
                    raise SlotTaken(slot_id) from None
                await self.slots.delete_one({"_id": slot_id,
                                             "appointment_id": holder["appointment_id"]})
        raise SlotTaken(slot_id)

    async def _abandoned(self, holder: dict[str, object]) -> bool:
        owner = await self.get(str(holder["appointment_id"]))
        if owner is not None and owner.status != AppointmentStatus.SCHEDULED:
            return True
        if owner is not None and holder["_id"] in owner.claims():
            return False
        claimed_at = holder["claimed_at"]  # no live owner: abandoned unless still in flight
        assert isinstance(claimed_at, datetime)
        return datetime.now(UTC) - claimed_at > GRACE

    async def release(self, appointment_id: str, slot_ids: list[str]) -> None:
        """Free exactly these slots, and only while this appointment holds them."""
        if slot_ids:
            await self.slots.delete_many({"_id": {"$in": slot_ids},
                                          "appointment_id": appointment_id})
