"""The daily pass that re-derives age-derived groups, on the real store."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from event_backbone import Envelope
from intake.adapters.mongo_seekers import MongoSeekers
from intake.adapters.reference_data import load_municipalities
from intake.age_groups import refresh_age_groups
from intake.contracts import TargetGroup
from intake.domain.seeker_rules import register_seeker
from intake.domain.seekers import Seeker, SeekerDraft
from pymongo import AsyncMongoClient

from tests.intake.people_data import person

MUNICIPALITIES = load_municipalities()
REGISTERED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
UNEMPLOYED = {"kind": "unemployed", "since": "2026-01-10", "availability_declared_on": "2026-01-10"}


async def _stored(seekers: MongoSeekers, born: date) -> Seeker:
    draft = SeekerDraft.model_validate(person(born=born, labour_status=UNEMPLOYED))
    seeker = register_seeker(draft, seeker_id=secrets.token_hex(6),
                             municipalities=MUNICIPALITIES, now=REGISTERED)
    await seekers.add(seeker)
    await seekers.collection.update_one({"_id": seeker.id}, {"$set": {"outbox": []}})
    return seeker


async def test_people_whose_birthday_changed_a_group_are_rederived_and_told_once(
    mongo: AsyncMongoClient, run_id: str,
) -> None:
    seekers = MongoSeekers(mongo[f"t{run_id}_age_{secrets.token_hex(3)}"])
    await seekers.create_indexes()
    turns_30 = await _stored(seekers, date(1996, 12, 1))
    stays_young = await _stored(seekers, date(2000, 6, 1))
    legacy = await _stored(seekers, date(1966, 11, 30))  # written before review dates existed
    await seekers.collection.update_one({"_id": legacy.id},
                                        {"$unset": {"target_groups_review_on": ""}})
    later = REGISTERED + timedelta(days=10)

    assert await refresh_age_groups(seekers, later) == 2
    assert await refresh_age_groups(seekers, later) == 0  # nothing is due twice

    older = await seekers.get(turns_30.id)
    assert older is not None and TargetGroup.YOUNG not in older.target_groups
    assert (older.version, older.target_groups_review_on) == (2, date(2056, 12, 1))
    [entry] = (await seekers.collection.find_one({"_id": turns_30.id}))["outbox"]
    event = Envelope.from_bytes(entry["value"])
    assert (event.type, event.data["target_groups"]) == (
        "seeker.updated.v1", [g.value for g in older.target_groups])
    assert "tax_code" not in event.data
    over_60 = await seekers.get(legacy.id)
    assert over_60 is not None and TargetGroup.OVER_60 in over_60.target_groups
    assert (await seekers.get(stays_young.id)).version == 1  # type: ignore[union-attr]
