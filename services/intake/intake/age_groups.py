"""Age-derived target groups (young people, NEET, over-60) change on birthdays, not only when a
record is written: a daily pass re-derives them for everyone whose review date has come, and the
change reaches matching as a seeker.updated event like any other."""

from __future__ import annotations

from datetime import datetime

from event_backbone import ConcurrencyConflict

from intake.adapters.mongo_seekers import MongoSeekers
from intake.domain.seeker_rules import with_groups_of_today


async def refresh_age_groups(seekers: MongoSeekers, now: datetime) -> int:
    """Re-derive the groups of people due for review; returns how many records changed."""
    changed = 0
    for seeker in await seekers.due_for_group_review(now.date()):
        revised = with_groups_of_today(seeker, now)
        if revised is None:
            continue
        try:
            await seekers.save(revised, seeker.version)
        except ConcurrencyConflict:
            continue  # written meanwhile, and every write re-derives the groups
        changed += 1
    return changed
