"""Wiring of the privacy side of intake (erasure requests, access-right exports), called from the
composition root like api/people.py."""

from __future__ import annotations

import httpx
from event_backbone import EventRuntime
from event_backbone.erasure import ERASURES_TOPIC
from fastapi import APIRouter, FastAPI
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from intake.adapters.mongo_erasures import MongoErasures
from intake.adapters.peer_services import PeerServices
from intake.api.routes import erasures, exports
from intake.config import Settings
from intake.handlers import IntakeHandlers

ROUTERS: list[APIRouter] = [erasures.router, exports.router]


async def open_privacy(app: FastAPI, database: AsyncDatabase, settings: Settings,
                       events: EventRuntime) -> list[AsyncCollection]:
    """Stores, the peers' client and the consumer of erasure confirmations; returns the
    collections whose outbox is relayed."""
    store = MongoErasures(database)
    app.state.erasures = store
    app.state.peer_http = httpx.AsyncClient(
        timeout=settings.outgoing_timeout_seconds,
        headers={"Authorization": f"Bearer {settings.service_token.get_secret_value()}"})
    app.state.peers = PeerServices(app.state.peer_http,
                                   {"matching": settings.matching_url,
                                    "notifications": settings.notifications_url})
    events.consume(database, "intake", [ERASURES_TOPIC], IntakeHandlers(store).by_type())
    return [store.collection, store.confirmations]
