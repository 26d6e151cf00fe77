"""Notifications' composition root: every client is created in the lifespan and closed there."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from zoneinfo import ZoneInfo

import httpx
from api_edge import install_edge, open_edge_stores
from event_backbone import EventRuntime, operations
from event_backbone.erasure import ERASURES_TOPIC
from event_backbone.observability import configure_logging
from event_backbone.store import isolates_updates
from fastapi import FastAPI
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.intake_client import IntakeClient
from notifications.adapters.people import MongoCatalogue, MongoDirectory, MongoPreferences
from notifications.adapters.send_claims import MongoSendClaims
from notifications.adapters.sms import HttpSmsSender
from notifications.adapters.sms_receipts import MongoSmsReceipts
from notifications.adapters.smtp import SmtpSender
from notifications.adapters.subscriptions import MongoSubscriptions
from notifications.adapters.webhook_client import WebhookClient
from notifications.api.routes import (
    contacts,
    deliveries,
    exports,
    preferences,
    sms_receipts,
    subscriptions,
    templates,
)
from notifications.config import Settings
from notifications.contracts import WEBHOOK_TOPICS
from notifications.dispatch import Dispatcher
from notifications.handlers import Handler, NotificationHandlers
from notifications.loops import ChannelLoop, run_clean_up
from notifications.messages import Templates
from notifications.webhooks import WebhookDispatcher, WebhookFanOut


def _chain(*maps: dict[str, Handler]) -> dict[str, Handler]:
    """One consumer group does both jobs (people's messages, webhook fan-out) per event."""
    merged: dict[str, list[Handler]] = {}
    for handlers in maps:
        for event_type, handler in handlers.items():
            merged.setdefault(event_type, []).append(handler)

    def run_all(steps: list[Handler]) -> Handler:
        async def handle(envelope):  # type: ignore[no-untyped-def]
            for step in steps:
                await step(envelope)
        return handle

    return {event_type: run_all(steps) for event_type, steps in merged.items()}


async def _wire(app: FastAPI, settings: Settings, database: AsyncDatabase,
                http: httpx.AsyncClient, intake: httpx.AsyncClient) -> list[ChannelLoop]:
    isolated = await isolates_updates(database.client)
    log, subs = MongoDeliveryLog(database, isolated), MongoSubscriptions(database)
    await log.create_indexes()
    await subs.create_indexes()
    prefs, directory = MongoPreferences(database), MongoDirectory(database)
    tmpl = Templates(ZoneInfo(settings.timezone))
    receipts = MongoSmsReceipts(database)
    people = Dispatcher(settings, log, IntakeClient(intake), prefs, directory,
                        SmtpSender(settings), HttpSmsSender(http, settings), tmpl, receipts)
    hooks = WebhookDispatcher(settings, log, subs,
                              WebhookClient(http, settings.webhook_allow_private))
    process = {"email": people.process, "sms": people.process, "webhook": hooks.process}
    loops = [ChannelLoop(ch, log, fn, rate=settings.rate_per_second.get(ch, 10.0),
                         lease_seconds=settings.send_lease_seconds,
                         poll_seconds=settings.scheduler_poll_seconds)
             for ch, fn in process.items()]
    by_channel = {loop.channel: loop for loop in loops}
    app.state.wake = lambda channel: by_channel[channel].wake()
    app.state.catalogue = MongoCatalogue(database)
    app.state.handlers = _chain(
        NotificationHandlers(settings, log, prefs, app.state.catalogue, app.state.wake,
                             database["erasure_confirmations"])
        .by_type(),
        WebhookFanOut(log, subs, app.state.wake).by_type())
    stores = {"settings": settings, "deliveries": log, "subscriptions": subs,
              "preferences": prefs, "directory": directory, "templates": tmpl,
              "sms_receipts": receipts}
    for name, value in stores.items():
        setattr(app.state, name, value)
    return loops


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("notifications", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
        database = mongo[settings.notifications_database]
        await open_edge_stores(app, database)
        token = settings.service_token.get_secret_value()
        intake = httpx.AsyncClient(base_url=settings.intake_url,
                                   timeout=settings.outgoing_timeout_seconds,
                                   headers={"Authorization": f"Bearer {token}"})
        http = httpx.AsyncClient(timeout=settings.outgoing_timeout_seconds)
        loops = await _wire(app, settings, database, http, intake)
        events = EventRuntime(settings, "notifications")
        events.consume(database, "notifications", WEBHOOK_TOPICS, app.state.handlers)
        events.publish_from([database["erasure_confirmations"]], [ERASURES_TOPIC])
        app.state.database = database
        app.state.mongo, app.state.events = mongo, events
        await events.start()
        tasks = [asyncio.create_task(loop.run(), name=f"sender-{loop.channel}-{n}")
                 for loop in loops for n in range(settings.workers_per_channel)]
        tasks.append(asyncio.create_task(run_clean_up(
            MongoSendClaims(database), timedelta(days=settings.claim_retention_days),
            settings.clean_up_every_seconds), name="send-queue-clean-up"))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await events.stop()
            await http.aclose()
            await intake.aclose()
            await mongo.close()

    app = FastAPI(
        title="reimpiego notifications",
        summary="Messages to people, operators and partners; signed webhooks downstream.",
        version="1.0.0",
        lifespan=lifespan,
    )
    install_edge(app, settings)
    app.include_router(operations.router)
    for module in (deliveries, preferences, contacts, subscriptions, templates, exports,
                   sms_receipts):
        app.include_router(module.router)
    return app
