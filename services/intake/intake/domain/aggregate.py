"""What every intake aggregate shares: an id, a version for optimistic concurrency, and the events
it recorded but has not saved yet (they reach its outbox in the same single-document write)."""

from __future__ import annotations

from typing import Any

from event_backbone import EventContract
from pydantic import BaseModel, PrivateAttr

from intake.domain.errors import InvalidField


class Aggregate(BaseModel):
    id: str
    version: int = 1
    _pending: list[tuple[EventContract, BaseModel]] = PrivateAttr(default_factory=list)

    def record(self, contract: EventContract, payload: BaseModel) -> None:
        self._pending.append((contract, payload))

    def evolve(self, **changes: Any) -> Any:
        """A changed copy with no pending events of its own yet (records start afresh)."""
        copy = self.model_copy(update=changes, deep=True)
        copy._pending = []
        return copy

    @property
    def pending_events(self) -> list[tuple[EventContract, BaseModel]]:
        return list(self._pending)


class InvalidFields(InvalidField):
    """Several fields are wrong at once: the caller hears about all of them in one answer."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(*errors[0])
        self.errors = errors


class Violations:
    """Collects rule violations so one answer names every failing field."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def check(self, holds: Any, field: str, reason: str) -> None:
        if not holds:
            self.errors.append((field, reason))

    def add(self, field: str, reason: str) -> None:
        self.errors.append((field, reason))

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidFields(self.errors)


class InvalidTransition(Exception):
    """A lifecycle step that the current status does not allow (e.g. publishing a closed item)."""

    def __init__(self, status: str, action: str) -> None:
        super().__init__(f"cannot {action} when {status}")
        self.status = status
        self.action = action
