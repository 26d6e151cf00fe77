"""Age-derived target groups follow people's birthdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from intake.adapters.reference_data import load_municipalities
from intake.contracts import SEEKER_UPDATED, TargetGroup
from intake.domain.seeker_rules import register_seeker, with_groups_of_today
from intake.domain.seekers import SeekerDraft
from intake.domain.target_groups import next_age_change

MUNICIPALITIES = load_municipalities()
REGISTERED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_the_next_change_is_the_30th_birthday_then_the_60th_then_none() -> None:
    assert next_age_change(date(2000, 5, 4), date(2026, 11, 24)) == date(2030, 5, 4)
    assert next_age_change(date(1980, 5, 4), date(2026, 11, 24)) == date(2040, 5, 4)
    assert next_age_change(date(1960, 5, 4), date(2026, 11, 24)) is None


def test_someone_born_on_29_february_comes_of_age_on_1_march() -> None:
    assert next_age_change(date(1996, 2, 29), date(2026, 1, 1)) == date(2026, 3, 1)


def test_turning_30_takes_a_young_unemployed_person_out_of_young_and_neet() -> None:
    seeker = register_seeker(SeekerDraft.model_validate({
        "given_name": "Luca", "family_name": "Bianchi", "tax_code": "BNCLCU96T04F257G",
        "email": "luca@example.org", "municipality": "036023",
        "labour_status": {"kind": "unemployed", "since": "2026-01-10",
                          "availability_declared_on": "2026-01-10"}}),
        seeker_id="s1", municipalities=MUNICIPALITIES, now=REGISTERED)
    assert {TargetGroup.YOUNG, TargetGroup.NEET} <= set(seeker.target_groups)
    assert seeker.target_groups_review_on == date(2026, 12, 4)
    seeker.pending_events.clear()

    assert with_groups_of_today(seeker, REGISTERED + timedelta(days=9)) is None  # 3 December
    older = with_groups_of_today(seeker, REGISTERED + timedelta(days=10))

    assert older is not None
    assert TargetGroup.YOUNG not in older.target_groups
    assert TargetGroup.ADULT_OUT_OF_WORK in older.target_groups
    assert older.target_groups_review_on == date(2056, 12, 4)
    [(contract, event)] = older.pending_events
    assert contract == SEEKER_UPDATED
    assert event.target_groups == older.target_groups  # type: ignore[attr-defined]
