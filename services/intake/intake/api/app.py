"""Intake's composition root: every client is created in the lifespan and closed there."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from api_edge import install_edge, open_edge_stores
from event_backbone import EventRuntime, operations
from event_backbone.erasure import ERASURES_TOPIC
from event_backbone.observability import configure_logging
from fastapi import FastAPI
from pymongo import AsyncMongoClient

from intake.adapters.mongo_opportunities import open_stores
from intake.adapters.reference_data import load_municipalities
from intake.age_groups import refresh_age_groups
from intake.api.people import ROUTERS as PEOPLE_ROUTERS
from intake.api.people import open_people
from intake.api.privacy import ROUTERS as PRIVACY_ROUTERS
from intake.api.privacy import open_privacy
from intake.api.routes import (
    appointments,
    employers,
    offices,
    partners,
    programmes,
    vacancies,
)
from intake.config import Settings
from intake.contracts import TOPICS
from intake.retention import erase_expired_cases
from intake.scheduled import run_every


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("intake", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
        database = mongo[settings.intake_database]
        await open_edge_stores(app, database)
        people = await open_people(app, database, settings)
        opportunities = await open_stores(database)
        events = EventRuntime(settings, "intake")
        privacy = await open_privacy(app, database, settings, events)
        events.publish_from(
            [*people, *opportunities.with_outbox, *privacy],
            [*TOPICS, ERASURES_TOPIC],
        )
        app.state.settings = settings
        app.state.municipalities = load_municipalities()
        app.state.opportunities = opportunities
        app.state.mongo = mongo
        app.state.events = events
        await events.start()
        retention_period = timedelta(days=settings.retention_days)

        async def retention() -> int:
            cutoff = datetime.now(UTC) - retention_period
            return len(await erase_expired_cases(database, app.state.erasures, cutoff))

        async def age_groups() -> int:
            return await refresh_age_groups(app.state.seekers, datetime.now(UTC))

        jobs = [asyncio.create_task(run_every(name, every, job, events.nudge), name=name)
                for name, every, job in [
                    ("retention", settings.retention_check_seconds, retention),
                    ("age-groups", settings.age_groups_check_seconds, age_groups)]]
        try:
            yield
        finally:
            for job in jobs:
                job.cancel()
            await events.stop()
            await app.state.peer_http.aclose()
            await mongo.close()

    app = FastAPI(
        title="reimpiego intake",
        summary="People in care, vacancies and programmes — the job centre's front door.",
        version="1.0.0",
        lifespan=lifespan,
    )
    install_edge(app, settings)
    app.include_router(operations.router)
    for people_router in [*PEOPLE_ROUTERS, *PRIVACY_ROUTERS]:
        app.include_router(people_router)
    for router in (offices, appointments, employers, vacancies, programmes, partners):
        app.include_router(router.router)
    return app
