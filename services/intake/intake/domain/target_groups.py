"""Target groups (seeds 003 and 004): some are declared by the operator, the rest are derived from
age, labour status, education, work history and the law 68/1999 flag, so they never drift apart."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from intake.contracts import (
    Education,
    LabourStatus,
    LabourStatusKind,
    RoleLevel,
    TargetGroup,
    WorkExperience,
)

DECLARABLE = frozenset({TargetGroup.WOMEN_RETURNING, TargetGroup.SENIOR_PROFESSIONAL})
OUT_OF_WORK = frozenset(
    {LabourStatusKind.UNEMPLOYED, LabourStatusKind.NEVER_EMPLOYED, LabourStatusKind.NASPI}
)
SENIOR_ROLES = frozenset({RoleLevel.MANAGER, RoleLevel.MIDDLE_MANAGER, RoleLevel.TOP_CLERICAL})
YOUNG_UNTIL = 30  # under 30, as in the Youth Guarantee (Garanzia Giovani)
OVER_60_FROM = 60
SENIOR_YEARS = 20  # seed 003: 20+ years as manager, middle manager or top clerical grade


def age_on(birth_date: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def derive_target_groups(
    *,
    declared: Iterable[TargetGroup],
    birth_date: date,
    labour_status: LabourStatus | None,
    education: Education | None,
    work_history: Iterable[WorkExperience],
    disability_list_eligible: bool,
    today: date,
) -> list[TargetGroup]:
    """Every group the person belongs to today, declared ones included, in a stable order."""
    groups = set(declared)
    age = age_on(birth_date, today)
    out_of_work = labour_status is not None and labour_status.kind in OUT_OF_WORK
    if age < YOUNG_UNTIL:
        groups.add(TargetGroup.YOUNG)
        if out_of_work:
            groups.add(TargetGroup.NEET)
    elif out_of_work:
        groups.add(TargetGroup.ADULT_OUT_OF_WORK)
    if age >= OVER_60_FROM:
        groups.add(TargetGroup.OVER_60)
    if education is not None and education.isced_level >= 6:
        groups.add(TargetGroup.GRADUATE)
    if _senior_years(work_history) >= SENIOR_YEARS:
        groups.add(TargetGroup.SENIOR_PROFESSIONAL)
    if disability_list_eligible:
        groups.add(TargetGroup.DISABILITY_LIST)
    return [group for group in TargetGroup if group in groups]


def next_age_change(birth_date: date, today: date) -> date | None:
    """The next birthday on which an age-derived group changes (the 30th, the 60th), so that
    groups are re-derived as people age, not only when their record is written; None after."""
    for years in (YOUNG_UNTIL, OVER_60_FROM):
        try:
            birthday = birth_date.replace(year=birth_date.year + years)
        except ValueError:  # born on 29 February: the age is reached on 1 March
            birthday = date(birth_date.year + years, 3, 1)
        if birthday > today:
            return birthday
    return None


def _senior_years(work_history: Iterable[WorkExperience]) -> float:
    return sum(item.years for item in work_history if item.role_level in SENIOR_ROLES)


def undeclarable(declared: Iterable[TargetGroup]) -> list[TargetGroup]:
    """Groups an operator may not declare because they are derived."""
    return [group for group in declared if group not in DECLARABLE]
