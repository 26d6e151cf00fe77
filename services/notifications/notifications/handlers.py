"""Turns events into messages: one delivery per (event, recipient, channel), sent at most once
unless a crash leaves it mid-send, in which case it is sent again with the same Message-ID."""

from __future__ import annotations

import logging

from event_backbone import Envelope
from event_backbone.failpoints import crash_point

from notifications.adapters.deliveries import FINAL_STATES, MongoDeliveryLog
from notifications.adapters.intake_client import IntakeClient
from notifications.adapters.smtp import SmtpSender
from notifications.contracts import MatchProposedView
from notifications.messages import Templates, delivery_id

log = logging.getLogger(__name__)


class NotificationHandlers:
    def __init__(
        self,
        deliveries: MongoDeliveryLog,
        intake: IntakeClient,
        smtp: SmtpSender,
        templates: Templates,
    ) -> None:
        self.deliveries = deliveries
        self.intake = intake
        self.smtp = smtp
        self.templates = templates

    async def on_match_proposed(self, envelope: Envelope) -> None:
        match = MatchProposedView.model_validate(envelope.data)
        kind, channel = "match_proposed", "email"
        delivery = await self.deliveries.open(
            delivery_id(envelope.id, match.seeker_id, channel),
            event_id=envelope.id,
            event_type=envelope.type,
            kind=kind,
            channel=channel,
            recipient_type="seeker",
            recipient_id=match.seeker_id,
        )
        if delivery["state"] in FINAL_STATES:
            return
        contact = await self.intake.contact(match.seeker_id)
        if contact is None:
            await self.deliveries.mark(
                delivery["_id"], "suppressed", reason="the person is no longer in intake (erased)"
            )
            return
        email = self.templates.email(
            kind,
            {
                "given_name": contact.given_name,
                "vacancy_title": match.vacancy_title,
                "municipality_name": match.municipality_name,
                "reasons": match.reasons,
            },
        )
        await self.deliveries.mark(delivery["_id"], "sending")
        crash_point("notifications.before_send")
        try:
            message_id = await self.smtp.send(delivery["_id"], contact.email, email)
        except Exception as error:
            await self.deliveries.record_error(delivery["_id"], repr(error))
            raise  # the consumer retries, then dead-letters
        crash_point("notifications.after_send")
        await self.deliveries.mark(delivery["_id"], "sent", message_id=message_id)
        log.info("message sent", extra={"delivery_id": delivery["_id"], "event_id": envelope.id})

    def by_type(self) -> dict[str, object]:
        return {"match.proposed.v1": self.on_match_proposed}
