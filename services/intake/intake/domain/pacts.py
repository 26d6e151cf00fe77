"""The service pact (patto di servizio personalizzato): the agreement between a person and the
job centre, with an assigned operator and a personal plan of ordered actions. One open pact per
person at a time."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from intake.contracts import PACT_SIGNED, PACT_UPDATED, PactSigned, PactUpdated, PlannedAction
from intake.domain.aggregate import Aggregate, InvalidTransition, Violations

ACTION_KIND = re.compile(r"^[a-z][a-z0-9_]{1,48}$")


class PactStatus(StrEnum):
    ACTIVE = "active"  # signed and running
    SUSPENDED = "suspended"  # e.g. the person is temporarily employed or unavailable
    CLOSED = "closed"  # completed, or ended (placement, withdrawal)


MOVES = {PactStatus.ACTIVE: {PactStatus.SUSPENDED, PactStatus.CLOSED},
         PactStatus.SUSPENDED: {PactStatus.ACTIVE, PactStatus.CLOSED},
         PactStatus.CLOSED: set()}


class ActionDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action_id: str | None = Field(default=None, max_length=40, description="Kept when given.")
    kind: str = Field(max_length=50, examples=["orientation_interview", "cv_workshop", "job_club"])
    programme_id: str | None = Field(default=None, max_length=64)
    due_date: date | None = None
    status: str = Field(default="planned", pattern=r"^(planned|in_progress|done|dropped)$")


class StatusChange(BaseModel):
    status: PactStatus
    at: datetime
    by: str
    reason: str | None = None


class Pact(Aggregate):
    seeker_id: str
    office_id: str | None
    operator_id: str
    status: PactStatus = PactStatus.ACTIVE
    plan: list[PlannedAction]
    status_history: list[StatusChange]
    signed_at: datetime
    updated_at: datetime
    open_for: str = Field(description="The person while open, the pact itself once closed: a "
                                      "unique index then allows one open pact per person.")

    def event_fields(self) -> dict[str, Any]:
        return {"seeker_id": self.seeker_id, "pact_id": self.id, "office_id": self.office_id,
                "operator_id": self.operator_id, "status": self.status.value, "plan": self.plan,
                "signed_at": self.signed_at}


def build_plan(actions: list[ActionDraft]) -> list[PlannedAction]:
    problems = Violations()
    plan: list[PlannedAction] = []
    for index, action in enumerate(actions):
        problems.check(ACTION_KIND.match(action.kind), f"plan.{index}.kind",
                       "must be a snake_case action kind, e.g. orientation_interview")
        action_id = action.action_id or f"a{index + 1}"
        problems.check(action_id not in {a.action_id for a in plan}, f"plan.{index}.action_id",
                       f"'{action_id}' appears twice in the plan")
        plan.append(PlannedAction(action_id=action_id, kind=action.kind,
                                  programme_id=action.programme_id, due_date=action.due_date,
                                  status=action.status))
    problems.raise_if_any()
    return plan


def sign_pact(*, pact_id: str, seeker_id: str, office_id: str | None, operator_id: str,
              actions: list[ActionDraft], by: str, now: datetime) -> Pact:
    pact = Pact(id=pact_id, seeker_id=seeker_id, office_id=office_id, operator_id=operator_id,
                plan=build_plan(actions), signed_at=now, updated_at=now,
                status_history=[StatusChange(status=PactStatus.ACTIVE, at=now, by=by)],
                open_for=seeker_id)
    pact.record(PACT_SIGNED, PactSigned(**pact.event_fields()))
    return pact


def revise_pact(pact: Pact, *, by: str, now: datetime, operator_id: str | None = None,
                status: PactStatus | None = None, reason: str | None = None,
                actions: list[ActionDraft] | None = None) -> Pact | None:
    """The pact after the change, or None when nothing changes; a closed pact stays closed."""
    changes: dict[str, Any] = {}
    if operator_id is not None and operator_id != pact.operator_id:
        changes["operator_id"] = operator_id
    if actions is not None:
        plan = build_plan(actions)
        if plan != pact.plan:
            changes["plan"] = plan
    if status is not None and status != pact.status:
        if status not in MOVES[pact.status]:
            raise InvalidTransition(pact.status.value, f"move to {status.value}")
        changes["status"] = status
        changes["status_history"] = [*pact.status_history,
                                     StatusChange(status=status, at=now, by=by, reason=reason)]
        changes["open_for"] = pact.id if status == PactStatus.CLOSED else pact.seeker_id
    if not changes:
        return None
    if pact.status == PactStatus.CLOSED:
        raise InvalidTransition(pact.status.value, "change a closed pact")
    revised: Pact = pact.evolve(**changes, updated_at=now)
    revised.record(PACT_UPDATED, PactUpdated(**revised.event_fields()))
    return revised
