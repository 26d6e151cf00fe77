"""What matching does with intake's events: keep the read model (projector), keep the in-memory
index current, then score what changed and propose only NEW top matches above the threshold."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from event_backbone import Envelope, EventRuntime
from event_backbone.erasure import confirm_erasure
from pymongo.asynchronous.collection import AsyncCollection

from matching.adapters.matches import MongoMatchRepository
from matching.adapters.projections import ReadModel
from matching.contracts import MatchProposed
from matching.domain.models import Person, Vacancy
from matching.matcher import Matcher
from matching.projector import Projector, erasure_token

MATCH_NAMESPACE = uuid.UUID("5b1f3c2e-8a44-4f0e-9d6c-2f1e7a9b4c10")
PROPOSALS_PER_PERSON = 5
PROPOSALS_PER_VACANCY = 20

Eraser = Callable[[str, str], Awaitable[None]]


def match_id(vacancy_id: str, seeker_id: str) -> str:
    return str(uuid.uuid5(MATCH_NAMESPACE, f"{vacancy_id}:{seeker_id}"))


async def load_matcher(matcher: Matcher, model: ReadModel, matches: MongoMatchRepository,
                       completions: dict[str, set[str]]) -> None:
    """Fill the in-memory index from the durable read model (at start)."""
    matcher.completions = completions
    for document in await model.programmes.all():
        matcher.put_programme(document)
    plans: dict[str, list[dict[str, Any]]] = {}
    for pact in await model.pacts.all():
        plans.setdefault(pact["seeker_id"], []).extend(pact.get("plan", []))
    for document in await model.seekers.all():
        if "municipality" in document:
            matcher.put_person(document, plans.get(document["_id"], []))
    for document in await model.vacancies.all():
        if "employer_id" in document:
            matcher.put_vacancy(document)
    for seeker_id, times in (await matches.exposure("seeker_id")).items():
        matcher.people.expose(seeker_id, times)
    for employer_id, times in (await matches.exposure("employer_id")).items():
        matcher.vacancies.expose(employer_id, times)


class MatchingHandlers:
    def __init__(self, model: ReadModel, matcher: Matcher, matches: MongoMatchRepository,
                 events: EventRuntime, threshold: float, erasers: list[Eraser],
                 confirmations: AsyncCollection) -> None:
        self.model = model
        self.projector = Projector(model)
        self.matcher = matcher
        self.matches = matches
        self.events = events
        self.threshold = threshold
        self.erasers = [matches.forget, *erasers]
        self.confirmations = confirmations

    async def on_seeker(self, envelope: Envelope) -> None:
        seeker_id = await self.projector.by_type()[envelope.type](envelope)
        person = await self.refresh_person(seeker_id)
        if person is not None:
            for result in self.matcher.vacancies_for_person(
                    person, limit=PROPOSALS_PER_PERSON, min_score=self.threshold):
                vacancy = self.matcher.vacancies.vacancy(result.opportunity_id)
                await self._propose(person, vacancy, result.score.value, result.score.breakdown,
                                    result.score.reasons)

    async def refresh_person(self, seeker_id: str) -> Person | None:
        document = await self.model.seekers.get(seeker_id)
        if document is None or document.get("erased") or "municipality" not in document:
            self.matcher.people.remove(seeker_id)
            return None
        return self.matcher.put_person(document, await self.model.plan_of(seeker_id))

    async def on_erased(self, envelope: Envelope) -> None:
        seeker_id = await self.projector.seeker_erased(envelope)
        self.matcher.people.remove(seeker_id)
        token = erasure_token(envelope.data["erasure_id"])
        for erase in self.erasers:
            await erase(seeker_id, token)
        await confirm_erasure(self.confirmations, erasure_id=envelope.data["erasure_id"],
                              service="matching", removed={"seekers": 1})
        self.events.nudge()

    async def on_vacancy(self, envelope: Envelope) -> None:
        vacancy_id = await self.projector.by_type()[envelope.type](envelope)
        document = await self.model.vacancies.get(vacancy_id)
        if document is None or "employer_id" not in document:
            return  # a closure seen before the vacancy itself: its details come later
        vacancy = self.matcher.put_vacancy(document)
        for result in self.matcher.people_for_vacancy(
                vacancy, limit=PROPOSALS_PER_VACANCY, min_score=self.threshold):
            person = self.matcher.people.person(result.seeker_id)
            await self._propose(person, vacancy, result.score.value, result.score.breakdown,
                                result.score.reasons)

    async def on_programme(self, envelope: Envelope) -> None:
        programme_id = await self.projector.by_type()[envelope.type](envelope)
        document = await self.model.programmes.get(programme_id)
        if document is not None and "kind" in document:
            self.matcher.put_programme(document)

    async def on_other(self, envelope: Envelope) -> None:
        await self.projector.by_type()[envelope.type](envelope)

    async def _propose(self, person: Person | None, vacancy: Vacancy | None, value: float,
                       breakdown: dict[str, float], reasons: list[str]) -> None:
        if person is None or vacancy is None or value < self.threshold:
            return
        proposal = MatchProposed(
            match_id=match_id(vacancy.vacancy_id, person.seeker_id),
            seeker_id=person.seeker_id, vacancy_id=vacancy.vacancy_id,
            employer_id=vacancy.employer_id, vacancy_title=vacancy.title,
            municipality=vacancy.municipality, municipality_name=vacancy.municipality_name,
            score=value, reasons=reasons, proposed_at=datetime.now(UTC),
        )
        if await self.matches.propose(proposal, breakdown):
            self.matcher.people.expose(person.seeker_id)
            self.matcher.vacancies.expose(vacancy.employer_id)
            self.events.nudge()

    def by_type(self) -> dict[str, Any]:
        routes: dict[str, Any] = {}
        for event_type in self.projector.by_type():
            family = event_type.split(".")[0]
            routes[event_type] = {
                "seeker": self.on_seeker, "pact": self.on_seeker, "vacancy": self.on_vacancy,
                "programme": self.on_programme,
            }.get(family, self.on_other)
        routes["seeker.erased.v1"] = self.on_erased
        return routes
