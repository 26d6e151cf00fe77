"""Applies intake's events to the read model, and nothing else: the live consumer and the replay
command (`python -m matching rebuild`) share it, so a rebuild ends in the same state."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from event_backbone import Envelope

from matching.adapters.projections import ReadModel
from matching.contracts import (
    PactView,
    PartnershipFormedView,
    ProgrammeClosedView,
    ProgrammeDetailsView,
    ReferralReceivedView,
    SeekerErasedView,
    SeekerProfileView,
    SeekerStatusChangedView,
    VacancyClosedView,
    VacancyDetailsView,
)

STATUS_FIELDS = {"labour_status", "target_groups"}
ERASURE_NAMESPACE = uuid.UUID("c3a1e6d2-7b4f-4a8e-9f10-5d2c8b7e6a41")


def erasure_token(erasure_id: str) -> str:
    """One token per erasure (not per person): outcomes stay countable, never re-identifiable."""
    return f"cancellato-{uuid.uuid5(ERASURE_NAMESPACE, erasure_id)}"


class Projector:
    def __init__(self, read_model: ReadModel) -> None:
        self.model = read_model

    async def seeker_profile(self, envelope: Envelope) -> str:
        view = SeekerProfileView.model_validate(envelope.data)
        fields = view.model_dump(mode="json", exclude={"seeker_id"})
        status = {k: fields.pop(k) for k in STATUS_FIELDS}
        await self.model.seekers.apply(envelope, view.seeker_id,
                                       {"profile": fields, "status": status})
        return view.seeker_id

    async def seeker_status(self, envelope: Envelope) -> str:
        view = SeekerStatusChangedView.model_validate(envelope.data)
        status = view.model_dump(mode="json", include=STATUS_FIELDS)
        await self.model.seekers.apply(envelope, view.seeker_id, {"status": status})
        return view.seeker_id

    async def seeker_erased(self, envelope: Envelope) -> str:
        view = SeekerErasedView.model_validate(envelope.data)
        await self.model.seekers.erase(view.seeker_id, envelope.aggregateversion)
        await self.model.pacts.collection.delete_many({"seeker_id": view.seeker_id})
        await self.model.partner_referrals.collection.update_many(
            {"seeker_id": view.seeker_id},
            {"$set": {"seeker_id": erasure_token(view.erasure_id), "erased": True}})
        return view.seeker_id

    async def pact(self, envelope: Envelope) -> str:
        view = PactView.model_validate(envelope.data)
        seeker = await self.model.seekers.get(view.seeker_id)
        if seeker is None or not seeker.get("erased"):
            fields = view.model_dump(mode="json", exclude={"pact_id"})
            await self.model.pacts.apply(envelope, view.pact_id, {"state": fields})
        return view.seeker_id

    async def vacancy(self, envelope: Envelope) -> str:
        view = VacancyDetailsView.model_validate(envelope.data)
        fields = view.model_dump(mode="json", exclude={"vacancy_id"})
        status = {"status": fields.pop("status")}
        await self.model.vacancies.apply(envelope, view.vacancy_id,
                                         {"state": fields, "status": status})
        return view.vacancy_id

    async def vacancy_closed(self, envelope: Envelope) -> str:
        view = VacancyClosedView.model_validate(envelope.data)
        await self.model.vacancies.apply(envelope, view.vacancy_id,
                                         {"status": {"status": view.status}})
        return view.vacancy_id

    async def programme(self, envelope: Envelope) -> str:
        view = ProgrammeDetailsView.model_validate(envelope.data)
        fields = view.model_dump(mode="json", exclude={"programme_id"})
        status = {"status": fields.pop("status")}
        await self.model.programmes.apply(envelope, view.programme_id,
                                          {"state": fields, "status": status})
        return view.programme_id

    async def programme_closed(self, envelope: Envelope) -> str:
        view = ProgrammeClosedView.model_validate(envelope.data)
        await self.model.programmes.apply(envelope, view.programme_id,
                                          {"status": {"status": "closed"}})
        return view.programme_id

    async def partnership(self, envelope: Envelope) -> str:
        view = PartnershipFormedView.model_validate(envelope.data)
        fields = view.model_dump(mode="json", exclude={"partnership_id"})
        await self.model.partnerships.apply(envelope, view.partnership_id, {"state": fields})
        return view.partnership_id

    async def partner_referral(self, envelope: Envelope) -> str:
        view = ReferralReceivedView.model_validate(envelope.data)
        seeker = await self.model.seekers.get(view.seeker_id)
        if seeker is None or not seeker.get("erased"):
            fields = view.model_dump(mode="json", exclude={"referral_id"})
            await self.model.partner_referrals.apply(envelope, view.referral_id, {"state": fields})
        return view.seeker_id

    def by_type(self) -> dict[str, Callable[[Envelope], Awaitable[str]]]:
        return {
            "seeker.registered.v1": self.seeker_profile, "seeker.updated.v1": self.seeker_profile,
            "seeker.status_changed.v1": self.seeker_status,
            "seeker.erased.v1": self.seeker_erased,
            "pact.signed.v1": self.pact, "pact.updated.v1": self.pact,
            "vacancy.published.v1": self.vacancy, "vacancy.updated.v1": self.vacancy,
            "vacancy.closed.v1": self.vacancy_closed,
            "programme.published.v1": self.programme, "programme.updated.v1": self.programme,
            "programme.closed.v1": self.programme_closed,
            "partnership.formed.v1": self.partnership,
            "referral.received.v1": self.partner_referral,
        }
