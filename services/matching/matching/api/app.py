"""Matching's composition root: every client is created in the lifespan and closed there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from api_edge import install_edge, open_edge_stores
from event_backbone import EventRuntime, operations
from event_backbone.observability import configure_logging
from fastapi import FastAPI
from pymongo import AsyncMongoClient

from matching.adapters.mongo import MongoMatchRepository, MongoProjection
from matching.api.routes import matches
from matching.config import Settings
from matching.contracts import CONSUMED_TOPICS, MATCHES_TOPIC
from matching.handlers import MatchingHandlers


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("matching", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
        database = mongo[settings.matching_database]
        await open_edge_stores(app, database)
        match_repository = MongoMatchRepository(database)
        await match_repository.create_indexes()
        events = EventRuntime(settings, "matching")
        handlers = MatchingHandlers(
            MongoProjection(database, "seekers"),
            MongoProjection(database, "vacancies"),
            match_repository,
            events,
            settings.proposal_threshold,
        )
        events.publish_from([match_repository.collection], [MATCHES_TOPIC])
        events.consume(database, "matching", CONSUMED_TOPICS, handlers.by_type())
        app.state.matches = match_repository
        app.state.mongo = mongo
        app.state.events = events
        await events.start()
        try:
            yield
        finally:
            await events.stop()
            await mongo.close()

    app = FastAPI(
        title="reimpiego matching",
        summary="Who fits what, explained; shortlists, referrals, seats and outcomes.",
        version="1.0.0",
        lifespan=lifespan,
    )
    install_edge(app, settings)
    app.include_router(operations.router)
    app.include_router(matches.router)
    return app
