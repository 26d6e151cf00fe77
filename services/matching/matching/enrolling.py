"""Enrolment use-cases: eligibility first, then a seat or a waiting-list ticket; a freed seat
promotes the next in line; completion unlocks the programmes that require it."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from event_backbone import ConcurrencyConflict

from matching.adapters.enrolments import ACTIVE, MongoEnrolments
from matching.domain.eligibility import Verdict
from matching.matcher import Matcher


class NotEligible(Exception):
    def __init__(self, verdict: Verdict) -> None:
        super().__init__("; ".join(verdict.reasons))
        self.verdict = verdict


class UnknownEnrolment(Exception):
    pass


class WrongStatus(Exception):
    pass


class Enrolling:
    def __init__(self, store: MongoEnrolments, matcher: Matcher, nudge: Callable[[], None],
                 refresh: Callable[[str], Awaitable[Any]]) -> None:
        self.store = store
        self.matcher = matcher
        self.nudge = nudge
        self.refresh = refresh  # re-reads a person into the index (completions changed)

    async def enrol(self, programme_id: str, seeker_id: str, actor: str) -> dict[str, Any]:
        programme = self.matcher.programmes[programme_id]
        person = self.matcher.people.person(seeker_id)
        assert person is not None
        verdict = self.matcher.eligibility(programme, person, date.today())
        document = await self.store.create(programme_id, seeker_id, actor)
        if document["status"] not in ("requested", "withdrawn"):
            return document  # already enrolled or waiting: the request is a repeat
        if not verdict.eligible:
            raise NotEligible(verdict)
        # ConcurrencyConflict: the same request ran twice at once and the other one placed it.
        with contextlib.suppress(ConcurrencyConflict):
            await self._place(programme_id, document, actor, verdict.rule_version,
                              programme.capacity)
        self.nudge()
        return await self.get(document["_id"])

    async def _place(self, programme_id: str, document: dict[str, Any], actor: str,
                     rule_version: int, capacity: int | None) -> None:
        if capacity is None or await self.store.claim_seat(programme_id, document["_id"],
                                                           capacity):
            await self.store.move(document, "enrolled", actor, rule_version)
            return
        ticket = self.store.take_ticket()
        await self.store.move(document, "waitlisted", actor, rule_version, ticket=ticket)
        await self.promote(programme_id)  # a seat may have been freed meanwhile

    async def promote(self, programme_id: str) -> None:
        """Fill free seats from the waiting list, earliest ticket first."""
        capacity = self.matcher.programmes[programme_id].capacity
        while capacity and (waiting := await self.store.next_waiting(programme_id)) is not None:
            if not await self.store.claim_seat(programme_id, waiting["_id"], capacity):
                return
            try:
                await self.store.move(waiting, "promoted", None)
            except ConcurrencyConflict:
                await self.store.release_seat(waiting["_id"])  # it changed (withdrawn): retry
            self.nudge()

    async def withdraw(self, key: str, actor: str) -> dict[str, Any]:
        document = await self.get(key)
        if document["status"] != "withdrawn":
            if document["status"] == "completed":
                raise WrongStatus("a completed enrolment cannot be withdrawn")
            await self.store.move(document, "withdrawn", actor)
        await self.store.release_seat(key)  # idempotent: a retry finishes a crashed withdrawal
        await self.promote(document["programme_id"])
        self.nudge()
        return await self.get(key)

    async def attend(self, key: str, session_id: str, actor: str) -> dict[str, Any]:
        document = await self.get(key)
        if document["status"] not in ACTIVE:
            raise WrongStatus(f"attendance needs a seat; the enrolment is {document['status']}")
        sessions = sorted({*document.get("session_ids", []), session_id})
        await self.store.move(document, "attended", actor, session_ids=sessions)
        self.nudge()
        return await self.get(key)

    async def complete(self, key: str, actor: str) -> dict[str, Any]:
        document = await self.get(key)
        if document["status"] != "completed":
            if document["status"] not in ACTIVE:
                raise WrongStatus(f"only a seated enrolment completes; it is {document['status']}")
            await self.store.move(document, "completed", actor)
            self.nudge()
        self.matcher.completions.setdefault(document["seeker_id"], set()).add(
            document["programme_id"])
        await self.refresh(document["seeker_id"])
        return await self.get(key)

    async def get(self, key: str) -> dict[str, Any]:
        document = await self.store.get(key)
        if document is None:
            raise UnknownEnrolment(key)
        return document
