"""Sends one claimed message to a person or an organisation: contact at send time, consent,
opt-outs and quiet hours checked just before, state recorded before and after the send."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from event_backbone.failpoints import crash_point

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.intake_client import IntakeClient
from notifications.adapters.people import MongoDirectory, MongoPreferences
from notifications.adapters.sms import HttpSmsSender
from notifications.adapters.sms_receipts import MongoSmsReceipts
from notifications.adapters.smtp import SmtpSender
from notifications.config import Settings
from notifications.domain.kinds import KINDS, PERSON
from notifications.domain.leases import send_allowance
from notifications.domain.schedule import backoff_seconds, quiet_until
from notifications.domain.unsubscribe import make_token
from notifications.loops import ChannelFailure
from notifications.messages import Templates
from notifications.receipts import apply_stored

log = logging.getLogger(__name__)


class Skip(Exception):
    """The message must not be sent; `reason` goes to the delivery log."""


class Wait(Exception):
    def __init__(self, until: datetime, reason: str) -> None:
        super().__init__(reason)
        self.until = until


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str | None
    phone: str | None
    locale: str


class Dispatcher:
    def __init__(self, settings: Settings, deliveries: MongoDeliveryLog, intake: IntakeClient,
                 preferences: MongoPreferences, directory: MongoDirectory, smtp: SmtpSender,
                 sms: HttpSmsSender, templates: Templates, receipts: MongoSmsReceipts) -> None:
        self.settings = settings
        self.deliveries = deliveries
        self.intake = intake
        self.preferences = preferences
        self.directory = directory
        self.smtp = smtp
        self.sms = sms
        self.templates = templates
        self.receipts = receipts
        self.zone = ZoneInfo(settings.timezone)

    async def process(self, held: dict[str, Any]) -> None:
        try:
            recipient = await self._recipient(held)
        except httpx.HTTPError as error:  # intake unreachable or refusing: try again later
            await self._failed(held, error)
            raise ChannelFailure(f"contact lookup failed: {error!r}") from error
        except Skip as skip:
            await self.deliveries.finish(held, "suppressed", reason=str(skip))
            return
        except Wait as wait:
            await self.deliveries.defer(held, wait.until, str(wait))
            return
        await self._send(held, recipient)

    async def _recipient(self, held: dict[str, Any]) -> Recipient:
        kind, rid = held["kind"], held["recipient_id"]
        if held["recipient_type"] != PERSON:
            entry = await self.directory.get(held["recipient_type"], rid)
            if entry is None:
                raise Skip(f"no contact on file for {held['recipient_type']} {rid}")
            return Recipient(entry.get("name") or rid, entry.get("email"), entry.get("phone"),
                             entry.get("locale") or "it")
        contact = await self.intake.contact(rid)
        if contact is None:
            raise Skip("the person is no longer in intake (erased)")
        if not contact.consent:
            raise Skip("the person withdrew consent to be contacted")
        preferences = await self.preferences.get(rid) or {}
        if {kind, "all"} & set(preferences.get("opted_out", [])):
            raise Skip(f"the person opted out of {kind}")
        self._check_quiet_hours(preferences)
        return Recipient(contact.given_name, contact.email, contact.phone,
                         preferences.get("locale") or contact.locale)

    def _check_quiet_hours(self, preferences: dict[str, Any]) -> None:
        quiet = preferences.get("quiet_hours")
        if not quiet:
            return
        start, end = time.fromisoformat(quiet["start"]), time.fromisoformat(quiet["end"])
        until = quiet_until(datetime.now(UTC), start, end, self.zone)
        if until is not None:
            raise Wait(until, f"quiet hours until {until.isoformat()}")

    def context(self, held: dict[str, Any], recipient: Recipient) -> dict[str, Any]:
        unsubscribe = None
        if held["recipient_type"] == PERSON and KINDS[held["kind"]].unsubscribable:
            token = make_token(self.settings.link_secret(), held["recipient_id"], held["kind"])
            unsubscribe = f"{self.settings.public_url}/unsubscribe/{token}"
        return {**held.get("context", {}), "items": held.get("items", []),
                "given_name": recipient.name, "name": recipient.name,
                "unsubscribe_url": unsubscribe}

    async def _send(self, held: dict[str, Any], recipient: Recipient) -> None:
        address = recipient.email if held["channel"] == "email" else recipient.phone
        if not address:
            await self.deliveries.finish(held, "suppressed",
                                         reason=f"no {held['channel']} address on file")
            return
        context = self.context(held, recipient)
        if not await self.deliveries.start_sending(held):
            # Suppressed or superseded since the claim, or the lease went to another worker.
            log.info("message not sent: settled or taken elsewhere since its claim",
                     extra={"delivery_id": held["_id"], "event_id": held["event_id"]})
            return
        # Settle within the claim's lease, so no other worker takes the message mid-send.
        allowance = send_allowance(held["lease_until"], datetime.now(UTC),
                                   self.settings.send_lease_seconds)
        if allowance is None:
            await self._give_back(held)
            return
        crash_point("notifications.before_send")
        try:
            async with asyncio.timeout(allowance):
                message_id = await self._transmit(held, address, context, recipient.locale)
        except Exception as error:
            await self._failed(held, error)
            raise ChannelFailure(repr(error)) from error
        crash_point("notifications.after_send")
        await self.deliveries.finish(held, "sent", message_id=message_id, sent_at=datetime.now(UTC))
        if held["channel"] == "sms" and (receipt := await self.receipts.find(message_id)):
            await apply_stored(receipt, self.deliveries)  # the receipt came before our record
        log.info("message sent", extra={"delivery_id": held["_id"], "event_id": held["event_id"],
                                        "channel": held["channel"], "kind": held["kind"]})

    async def _give_back(self, held: dict[str, Any]) -> None:
        """Too little of the lease is left to send and record it: let it be claimed again."""
        released = await self.deliveries.release(held)
        log.warning("message not sent: too little of its lease left, given back",
                    extra={"delivery_id": held["_id"], "event_id": held["event_id"],
                           "channel": held["channel"], "released": released})

    async def _transmit(self, held: dict[str, Any], address: str, context: dict[str, Any],
                        locale: str) -> str:
        if held["channel"] == "sms":
            gateway_id = await self.sms.send(held["_id"], address, self.templates.sms(
                held["kind"], context, locale))
            await self.receipts.remember(gateway_id, held["_id"])  # receipts name this id
            return gateway_id
        email = self.templates.email(held["kind"], context, locale)
        return await self.smtp.send(held["_id"], address, email, context["unsubscribe_url"])

    async def _failed(self, held: dict[str, Any], error: Exception) -> None:
        """Back off by the number of failures so far; give up (failed) after the last one."""
        failures = len(held.get("errors", [])) + 1
        retry_at = None
        if failures < self.settings.retry_max_attempts:
            delay = backoff_seconds(failures, self.settings.retry_base_seconds, 6 * 3600)
            retry_at = datetime.now(UTC) + timedelta(seconds=delay)
        await self.deliveries.retry_later(held, repr(error), retry_at)
