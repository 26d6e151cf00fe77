"""Webhooks for downstream systems: every subscribed event becomes one stored delivery per
subscription (webhook-id = delivery id, stable across retries), sent by the webhook loop with
Standard Webhooks signatures, retried with backoff over about three days."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from event_backbone import Envelope

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.subscriptions import MongoSubscriptions
from notifications.adapters.webhook_client import TargetRefused, WebhookClient
from notifications.config import Settings
from notifications.contracts import WEBHOOK_EVENT_TYPES
from notifications.domain.schedule import backoff_seconds
from notifications.domain.webhooks import Outcome, outcome
from notifications.handlers import Handler
from notifications.messages import delivery_id

log = logging.getLogger(__name__)
SLOW_DOWN_FACTOR = 4  # 429/502/503/504: wait four times the usual backoff (or Retry-After)


class WebhookFanOut:
    def __init__(self, deliveries: MongoDeliveryLog, subscriptions: MongoSubscriptions,
                 wake: Any) -> None:
        self.deliveries = deliveries
        self.subscriptions = subscriptions
        self._wake = wake

    async def on_event(self, envelope: Envelope) -> None:
        for subscription in await self.subscriptions.for_event(envelope.type):
            await self.deliveries.add(
                delivery_id(envelope.id, subscription["_id"], "webhook"), None,
                event_id=envelope.id, event_type=envelope.type, kind="webhook",
                channel="webhook", recipient_type="subscription",
                recipient_id=subscription["_id"],
                organisation_id=subscription["organisation_id"],
                payload=envelope.to_bytes().decode(), group=None, context={},
            )
            self._wake("webhook")

    def by_type(self) -> dict[str, Handler]:
        return {event_type: self.on_event for event_type in WEBHOOK_EVENT_TYPES}


class WebhookDispatcher:
    def __init__(self, settings: Settings, deliveries: MongoDeliveryLog,
                 subscriptions: MongoSubscriptions, client: WebhookClient) -> None:
        self.settings = settings
        self.deliveries = deliveries
        self.subscriptions = subscriptions
        self.client = client

    async def process(self, held: dict[str, Any]) -> None:
        subscription = await self.subscriptions.get(held["recipient_id"])
        if subscription is None or not subscription.get("enabled"):
            await self.deliveries.finish(held, "suppressed",
                                         reason="the subscription is disabled or removed")
            return
        paused = subscription.get("paused_until")
        if paused and paused > datetime.now(UTC):
            await self.deliveries.defer(held, paused, "the endpoint asked us to slow down")
            return
        if not await self.deliveries.start_sending(held):
            return
        try:
            answer = await self.client.post(subscription["url"], subscription["secret"],
                                            held["_id"], held["payload"].encode())
        except TargetRefused as refused:
            await self.deliveries.finish(held, "failed", reason=f"target refused: {refused}")
            return
        except httpx.HTTPError as error:
            await self._retry(held, repr(error), 1)
            return
        await self._settle(held, subscription, answer.status, answer.retry_after)

    async def _settle(self, held: dict[str, Any], subscription: dict[str, Any], status: int,
                      retry_after: float | None) -> None:
        result = outcome(status)
        if result is Outcome.DELIVERED:
            await self.deliveries.finish(held, "delivered", response_status=status,
                                         sent_at=datetime.now(UTC))
        elif result is Outcome.GONE:
            await self._disable(held, subscription)
        elif result is Outcome.SLOW_DOWN:
            until = await self._retry(held, f"HTTP {status}", SLOW_DOWN_FACTOR, retry_after)
            if until:
                await self.subscriptions.update(subscription["_id"], {"paused_until": until})
        else:
            await self._retry(held, f"HTTP {status}", 1)

    async def _disable(self, held: dict[str, Any], subscription: dict[str, Any]) -> None:
        """410 Gone: the receiver wants no more; stop everything waiting for this endpoint."""
        reason = "the endpoint answered 410 Gone: subscription disabled"
        await self.subscriptions.update(subscription["_id"], {"enabled": False,
                                                              "disabled_reason": reason})
        await self.deliveries.finish(held, "failed", reason=reason, response_status=410)
        await self.deliveries.suppress_waiting(
            {"channel": "webhook", "recipient_id": subscription["_id"]}, reason)
        log.warning("webhook endpoint disabled", extra={"subscription_id": subscription["_id"]})

    async def _retry(self, held: dict[str, Any], error: str, factor: float,
                     retry_after: float | None = None) -> datetime | None:
        attempts = held["attempts"] + 1
        at = None
        if attempts < self.settings.webhook_max_attempts:
            delay = factor * backoff_seconds(attempts, self.settings.webhook_retry_base_seconds,
                                             self.settings.webhook_retry_cap_seconds)
            at = datetime.now(UTC) + timedelta(seconds=max(delay, retry_after or 0))
        await self.deliveries.retry_later(held, error, at)
        return at
