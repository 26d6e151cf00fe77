"""Age-derived target groups (young people, NEET, over-60) change on birthdays, not only when a
record is written: a daily pass re-derives them for everyone whose review date has come, and the
change reaches matching as a seeker.updated event like any other."""

from __future__ import annotations

from datetime import datetime

from event_backbone import ConcurrencyConflict

from intake.adapters.mongo_seekers import REVIEW_BATCH, MongoSeekers
from intake.domain.seeker_rules import with_groups_of_today


async def refresh_age_groups(seekers: MongoSeekers, now: datetime, most_batches: int = 200) -> int:
    """Re-derive the groups of people due for review, batch after batch until none is left (a
    first pass over records written before review dates existed may find many); returns how
    many records changed."""
    changed = 0
    for _ in range(most_batches):
        due = await seekers.due_for_group_review(now.date())
        for seeker in due:
            revised = with_groups_of_today(seeker, now)
            if revised is None:
                continue
            try:
                await seekers.save(revised, seeker.version)
            except ConcurrencyConflict:
                continue  # written meanwhile, and every write re-derives the groups
            changed += 1
        if len(due) < REVIEW_BATCH:
            break
    return changed
