"""Notifications' composition root: every client is created in the lifespan and closed there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from api_edge import install_edge, open_edge_stores
from event_backbone import EventRuntime, operations
from event_backbone.observability import configure_logging
from fastapi import FastAPI
from pymongo import AsyncMongoClient

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.intake_client import IntakeClient
from notifications.adapters.smtp import SmtpSender
from notifications.api.routes import deliveries
from notifications.config import Settings
from notifications.contracts import CONSUMED_TOPICS
from notifications.handlers import NotificationHandlers
from notifications.messages import Templates


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("notifications", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
        database = mongo[settings.notifications_database]
        await open_edge_stores(app, database)
        delivery_log = MongoDeliveryLog(database)
        await delivery_log.create_indexes()
        http = httpx.AsyncClient(
            base_url=settings.intake_url,
            timeout=settings.outgoing_timeout_seconds,
            headers={"Authorization": f"Bearer {settings.service_token.get_secret_value()}"},
        )
        handlers = NotificationHandlers(
            delivery_log, IntakeClient(http), SmtpSender(settings), Templates()
        )
        events = EventRuntime(settings, "notifications")
        events.consume(database, "notifications", CONSUMED_TOPICS, handlers.by_type())
        app.state.mongo = mongo
        app.state.events = events
        app.state.deliveries = delivery_log
        await events.start()
        try:
            yield
        finally:
            await events.stop()
            await http.aclose()
            await mongo.close()

    app = FastAPI(
        title="reimpiego notifications",
        summary="Messages to people, operators and partners; signed webhooks downstream.",
        version="1.0.0",
        lifespan=lifespan,
    )
    install_edge(app, settings)
    app.include_router(operations.router)
    app.include_router(deliveries.router)
    return app
