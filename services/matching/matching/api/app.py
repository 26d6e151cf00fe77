"""Matching's composition root: every client is created in the lifespan and closed there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from api_edge import install_edge, open_edge_stores
from event_backbone import EventRuntime, operations
from event_backbone.erasure import ERASURES_TOPIC
from event_backbone.observability import configure_logging
from fastapi import FastAPI
from pymongo import AsyncMongoClient

from matching.adapters.enrolments import MongoEnrolments
from matching.adapters.matches import MongoMatchRepository
from matching.adapters.placements import MongoPlacements
from matching.adapters.projections import ReadModel
from matching.adapters.reference import load_territory
from matching.adapters.referrals import MongoReferrals
from matching.api.routes import enrolments, exports, matches, outcomes, rankings, shortlists
from matching.config import Settings
from matching.contracts import CONSUMED_TOPICS, ENROLMENTS_TOPIC, MATCHES_TOPIC, OUTCOMES_TOPIC
from matching.enrolling import Enrolling
from matching.handlers import MatchingHandlers, load_matcher
from matching.matcher import Matcher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("matching", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
        database = mongo[settings.matching_database]
        await open_edge_stores(app, database)
        model, match_repository = ReadModel(database), MongoMatchRepository(database)
        seats, referrals = MongoEnrolments(database), MongoReferrals(database)
        placements = MongoPlacements(database)
        for store in (model, match_repository, seats, referrals, placements):
            await store.create_indexes()
        matcher = Matcher(load_territory())
        await load_matcher(matcher, model, match_repository, await seats.completions())
        events = EventRuntime(settings, "matching")
        handlers = MatchingHandlers(model, matcher, match_repository, events,
                                    settings.proposal_threshold,
                                    [seats.anonymise, referrals.anonymise,
                                     placements.anonymise],
                                    database["erasure_confirmations"])
        events.publish_from([match_repository.collection, seats.enrolments,
                             referrals.shortlists, referrals.referrals, placements.placements,
                             database["erasure_confirmations"]],
                            [MATCHES_TOPIC, ENROLMENTS_TOPIC, OUTCOMES_TOPIC, ERASURES_TOPIC])
        events.consume(database, "matching", CONSUMED_TOPICS, handlers.by_type())
        app.state.matches, app.state.matcher = match_repository, matcher
        app.state.referrals, app.state.placements = referrals, placements
        app.state.read_model = model
        app.state.database = database
        app.state.enrolling = Enrolling(seats, matcher, events.nudge, handlers.refresh_person)
        app.state.mongo, app.state.events = mongo, events
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
    for router in (matches, rankings, enrolments, shortlists, outcomes, exports):
        app.include_router(router.router)
    return app
