"""What matching does with intake's events: keep its projection, then score what changed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from event_backbone import Envelope, EventRuntime

from matching.adapters.mongo import MongoMatchRepository, MongoProjection
from matching.contracts import MatchProposed, SeekerRegisteredView, VacancyPublishedView
from matching.domain.scoring import Candidate, Opening, normalise_all, score

MATCH_NAMESPACE = uuid.UUID("5b1f3c2e-8a44-4f0e-9d6c-2f1e7a9b4c10")


def match_id(vacancy_id: str, seeker_id: str) -> str:
    return str(uuid.uuid5(MATCH_NAMESPACE, f"{vacancy_id}:{seeker_id}"))


def _candidate(document: dict[str, Any]) -> Candidate:
    return Candidate(
        document["_id"], document.get("occupation"), normalise_all(document.get("skills", []))
    )


def _opening(document: dict[str, Any]) -> Opening:
    return Opening(
        document["_id"],
        document.get("occupation"),
        normalise_all(document.get("essential_skills", [])),
        normalise_all(document.get("optional_skills", [])),
    )


class MatchingHandlers:
    def __init__(
        self,
        seekers: MongoProjection,
        vacancies: MongoProjection,
        matches: MongoMatchRepository,
        events: EventRuntime,
        threshold: float,
    ) -> None:
        self.seekers = seekers
        self.vacancies = vacancies
        self.matches = matches
        self.events = events
        self.threshold = threshold

    async def on_seeker_registered(self, envelope: Envelope) -> None:
        seeker = SeekerRegisteredView.model_validate(envelope.data)
        fields = seeker.model_dump(exclude={"seeker_id"})
        await self.seekers.apply(envelope, fields)
        candidate = _candidate({"_id": seeker.seeker_id, **fields})
        async for vacancy in self.vacancies.all():
            await self._consider(candidate, vacancy)

    async def on_vacancy_published(self, envelope: Envelope) -> None:
        vacancy = VacancyPublishedView.model_validate(envelope.data)
        fields = vacancy.model_dump(exclude={"vacancy_id"})
        await self.vacancies.apply(envelope, fields)
        document = {"_id": vacancy.vacancy_id, **fields}
        async for seeker in self.seekers.all():
            await self._consider(_candidate(seeker), document)

    async def _consider(self, candidate: Candidate, vacancy: dict[str, Any]) -> None:
        result = score(candidate, _opening(vacancy))
        if result.value < self.threshold:
            return
        proposal = MatchProposed(
            match_id=match_id(vacancy["_id"], candidate.seeker_id),
            seeker_id=candidate.seeker_id,
            vacancy_id=vacancy["_id"],
            employer_id=vacancy["employer_id"],
            vacancy_title=vacancy["title"],
            municipality=vacancy["municipality"],
            municipality_name=vacancy["municipality_name"],
            score=result.value,
            reasons=result.reasons,
            proposed_at=datetime.now(UTC),
        )
        if await self.matches.propose(proposal, result.breakdown):
            self.events.nudge()

    def by_type(self) -> dict[str, Any]:
        return {
            "seeker.registered.v1": self.on_seeker_registered,
            "vacancy.published.v1": self.on_vacancy_published,
        }
