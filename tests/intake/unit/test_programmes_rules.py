"""Programme rules as versioned data, and the lifecycle events, without I/O."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from intake.contracts import AgeRule, Eligibility, ProgrammeKind, ResidenceRule
from intake.domain.aggregate import InvalidFields
from intake.domain.municipalities import Municipalities, Municipality
from intake.domain.programmes import close_programme, create_programme, revise_programme

NOW = datetime(2026, 11, 24, tzinfo=UTC)
PLACES = Municipalities({"001090": Municipality("001090", "Collegno", "TO", "Piemonte")})


def job_club(**fields: object) -> dict[str, object]:
    return {"kind": ProgrammeKind.JOB_CLUB, "title": "Job Club",
            "eligibility": Eligibility(version=1, rules=[ResidenceRule(provinces=["TO"])]),
            **fields}


def test_new_rules_make_a_new_version_and_the_old_one_goes_to_the_history() -> None:
    live = create_programme(programme_id="p", fields=job_club(), publish=True,
                            municipalities=PLACES, now=NOW)
    same = revise_programme(live, {"title": "Job Club Collegno",
                                   "eligibility": live.eligibility}, PLACES, NOW)
    assert same.eligibility.version == 1 and same.eligibility_history == []
    stricter = Eligibility(version=1, rules=[ResidenceRule(provinces=["TO"]), AgeRule(min=30)])
    changed = revise_programme(same, {"eligibility": stricter}, PLACES, NOW)
    assert changed.eligibility.version == 2
    assert changed.eligibility_history == [live.eligibility]
    [(contract, payload)] = changed.pending_events
    assert contract.type == "programme.updated.v1"
    assert payload.eligibility.version == 2  # type: ignore[attr-defined]


def test_a_draft_changes_and_closes_silently_and_a_published_one_announces_it() -> None:
    draft = create_programme(programme_id="d", fields=job_club(), publish=False,
                             municipalities=PLACES, now=NOW)
    assert draft.pending_events == []
    assert close_programme(draft, NOW).pending_events == []
    live = create_programme(programme_id="l", fields=job_club(), publish=True,
                            municipalities=PLACES, now=NOW)
    assert [c.type for c, _ in close_programme(live, NOW).pending_events] == [
        "programme.closed.v1"]


def test_rules_that_cannot_hold_are_refused() -> None:
    rules = Eligibility(version=1, rules=[AgeRule(min=50, max=40), ResidenceRule()])
    with pytest.raises(InvalidFields) as refused:
        create_programme(programme_id="x", fields=job_club(eligibility=rules), publish=False,
                         municipalities=PLACES, now=NOW)
    assert [field for field, _ in refused.value.errors] == [
        "eligibility.rules.0.max", "eligibility.rules.1"]
