"""Kafka edge: each event becomes stored messages (never a send: the sender loops do that, so a
failing channel never holds up the consumer). Idempotent: messages have deterministic ids."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from event_backbone import Envelope
from event_backbone.erasure import confirm_erasure
from pymongo.asynchronous.collection import AsyncCollection

from notifications import contracts as c
from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.people import MongoCatalogue, MongoPreferences
from notifications.config import Settings
from notifications.domain import planning
from notifications.domain.kinds import KINDS, PERSON
from notifications.domain.schedule import next_local_hour
from notifications.messages import delivery_id

log = logging.getLogger(__name__)
Handler = Callable[[Envelope], Awaitable[None]]


class NotificationHandlers:
    def __init__(self, settings: Settings, deliveries: MongoDeliveryLog,
                 preferences: MongoPreferences, catalogue: MongoCatalogue,
                 wake: Callable[[str], None], confirmations: AsyncCollection) -> None:
        self.settings = settings
        self.deliveries = deliveries
        self.preferences = preferences
        self.catalogue = catalogue
        self.zone = ZoneInfo(settings.timezone)
        self._wake = wake
        self.confirmations = confirmations

    async def _chosen(self, plan: list[planning.Planned]) -> dict[str, list[str]]:
        """Each person's chosen channels (email unless they said otherwise), read once."""
        people = {p.recipient_id for p in plan if p.recipient_type == PERSON}
        chosen = {}
        for person in people:
            stored = await self.preferences.get(person) or {}
            chosen[person] = stored.get("channels") or ["email"]
        return chosen

    @staticmethod
    def _channels(planned: planning.Planned, chosen: dict[str, list[str]]) -> list[str]:
        """The chosen channels among the kind's (its first when none fits); email for staff."""
        offered = KINDS[planned.kind].channels
        if planned.recipient_type != PERSON:
            return ["email"]
        return [ch for ch in offered if ch in chosen[planned.recipient_id]] or [offered[0]]

    async def store(self, envelope: Envelope, plan: list[planning.Planned]) -> None:
        chosen = await self._chosen(plan)
        for planned in plan:
            # One event may tell one person two things (a seat and its sessions): the kind, or
            # the slot (which reminder), keeps their ids apart.
            recipient = f"{planned.recipient_id}:{planned.slot or planned.kind}"
            for channel in self._channels(planned, chosen):
                added = await self.deliveries.add(
                    delivery_id(envelope.id, recipient, channel), planned.due_at,
                    event_id=envelope.id, event_type=envelope.type, kind=planned.kind,
                    channel=channel, recipient_type=planned.recipient_type,
                    recipient_id=planned.recipient_id, group=planned.group,
                    context=planned.context,
                )
                if added:
                    self._wake(channel)

    async def on_match_proposed(self, envelope: Envelope) -> None:
        match = c.MatchProposedView.model_validate(envelope.data)
        context = match.model_dump(include={"vacancy_title", "municipality_name", "reasons"})
        await self.store(envelope, [planning.Planned("match_proposed", PERSON, match.seeker_id,
                                                     context)])
        await self._add_to_digest(match)

    async def _add_to_digest(self, match: c.MatchProposedView) -> None:
        """Each office gets one digest a day of the proposals for its people."""
        seeker = await self.catalogue.get(f"seeker:{match.seeker_id}")
        office = seeker and seeker.get("office_id")
        if not office:
            return
        due = next_local_hour(datetime.now(UTC), self.settings.digest_hour, self.zone)
        digest_key = f"digest:{office}:{due.date().isoformat()}"
        await self.deliveries.add_to_digest(
            delivery_id(digest_key, office, "email"), due,
            {"match_id": match.match_id, "vacancy_title": match.vacancy_title},
            event_id=digest_key, event_type="match.proposed.v1", kind="proposals_digest",
            channel="email", recipient_type="office", recipient_id=office, group=None,
            context={},
        )

    async def on_appointment(self, envelope: Envelope) -> None:
        appointment = c.AppointmentView.model_validate(envelope.data)
        group = planning.reminders_group(appointment.appointment_id)
        if envelope.type != "appointment.scheduled.v1":  # a new booking has nothing to replace
            reason = envelope.base_type.replace(".", " ")  # "appointment rescheduled"
            await self.deliveries.supersede(group, envelope.id, reason)
        await self.store(envelope, planning.appointment_messages(
            envelope.type, appointment, self.settings.reminder_offsets_minutes,
            datetime.now(UTC)))

    async def on_status_changed(self, envelope: Envelope) -> None:
        status = c.SeekerStatusChangedView.model_validate(envelope.data)
        group = planning.wage_guarantee_group(status.seeker_id)
        await self.deliveries.supersede(group, envelope.id, "labour status changed")
        await self.store(envelope, planning.wage_guarantee_alert(
            status, self.settings.wage_guarantee_alert_days, self.zone, datetime.now(UTC)))

    async def on_enrolment(self, envelope: Envelope) -> None:
        enrolment = c.EnrolmentChangedView.model_validate(envelope.data)
        stored = await self.catalogue.get(f"programme:{enrolment.programme_id}")
        programme = c.ProgrammeView.model_validate(stored) if stored else None
        await self.store(envelope, planning.enrolment_messages(enrolment, programme))

    async def on_referral(self, envelope: Envelope) -> None:
        referral = c.ReferralStatusChangedView.model_validate(envelope.data)
        title = await self._vacancy_title(referral.vacancy_id)
        await self.store(envelope, planning.referral_messages(referral, title))

    async def on_shortlist(self, envelope: Envelope) -> None:
        shortlist = c.ShortlistConfirmedView.model_validate(envelope.data)
        title = await self._vacancy_title(shortlist.vacancy_id)
        await self.store(envelope, planning.shortlist_messages(shortlist, title))

    async def on_placement(self, envelope: Envelope) -> None:
        placement = c.PlacementRecordedView.model_validate(envelope.data)
        await self.store(envelope, planning.placement_messages(placement))

    async def _vacancy_title(self, vacancy_id: str) -> str | None:
        stored = await self.catalogue.get(f"vacancy:{vacancy_id}")
        return stored.get("title") if stored else None

    async def on_catalogue(self, envelope: Envelope) -> None:
        """Titles and sessions of vacancies and programmes, the office of each person."""
        data: dict[str, Any] = envelope.data
        if "programme_id" in data:
            view: Any = c.ProgrammeView.model_validate(data)
            key = f"programme:{view.programme_id}"
        elif "vacancy_id" in data:
            view = c.VacancyView.model_validate(data)
            key = f"vacancy:{view.vacancy_id}"
        else:
            view = c.SeekerProfileView.model_validate(data)
            key = f"seeker:{view.seeker_id}"
        await self.catalogue.save(key, envelope.aggregateversion, view.model_dump(mode="json"))

    async def on_erased(self, envelope: Envelope) -> None:
        """Nothing more goes to an erased person; their preferences are deleted."""
        seeker_id = c.SeekerErasedView.model_validate(envelope.data).seeker_id
        await self.deliveries.suppress_waiting(
            {"recipient_type": PERSON, "recipient_id": seeker_id}, "the person was erased")
        await self.preferences.forget(seeker_id)
        await self.catalogue.forget(f"seeker:{seeker_id}")
        erasure_id = str(envelope.data["erasure_id"])
        # The log keeps that messages were sent (counts), never to whom.
        token = f"cancellato-{uuid.uuid5(uuid.NAMESPACE_URL, erasure_id)}"
        scrubbed = await self.deliveries.collection.update_many(
            {"recipient_type": PERSON, "recipient_id": seeker_id},
            {"$set": {"recipient_id": token, "erased": True}})
        await self.deliveries.queue.update_many(
            {"recipient_type": PERSON, "recipient_id": seeker_id},
            {"$set": {"recipient_id": token}})
        await confirm_erasure(self.confirmations, erasure_id=erasure_id, service="notifications",
                              removed={"deliveries": scrubbed.modified_count})

    def by_type(self) -> dict[str, Handler]:
        appointment = {f"appointment.{t}.v1": self.on_appointment
                       for t in ("scheduled", "rescheduled", "cancelled", "missed")}
        catalogue = {t: self.on_catalogue for t in (
            "seeker.registered.v1", "seeker.updated.v1", "vacancy.published.v1",
            "vacancy.updated.v1", "programme.published.v1", "programme.updated.v1")}
        return {
            **appointment, **catalogue,
            "match.proposed.v1": self.on_match_proposed,
            "seeker.status_changed.v1": self.on_status_changed,
            "seeker.erased.v1": self.on_erased,
            "enrolment.changed.v1": self.on_enrolment,
            "referral.status_changed.v1": self.on_referral,
            "shortlist.confirmed.v1": self.on_shortlist,
            "placement.recorded.v1": self.on_placement,
        }
