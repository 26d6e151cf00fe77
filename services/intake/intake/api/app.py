"""Intake's composition root: every client is created in the lifespan and closed there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from api_edge import install_edge, open_edge_stores
from event_backbone import EventRuntime, operations
from event_backbone.observability import configure_logging
from fastapi import FastAPI
from pymongo import AsyncMongoClient

from intake.adapters.mongo import MongoSeekerRepository, MongoVacancyRepository
from intake.adapters.reference_data import load_municipalities
from intake.api.routes import seekers, vacancies
from intake.config import Settings
from intake.contracts import TOPICS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("intake", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
        database = mongo[settings.intake_database]
        await open_edge_stores(app, database)
        seekers_repo = MongoSeekerRepository(database)
        vacancies_repo = MongoVacancyRepository(database)
        await seekers_repo.create_indexes()
        await vacancies_repo.create_indexes()
        events = EventRuntime(settings, "intake")
        events.publish_from(
            [seekers_repo.collection, vacancies_repo.collection],
            TOPICS,
        )
        app.state.settings = settings
        app.state.municipalities = load_municipalities()
        app.state.seekers = seekers_repo
        app.state.vacancies = vacancies_repo
        app.state.mongo = mongo
        app.state.events = events
        await events.start()
        try:
            yield
        finally:
            await events.stop()
            await mongo.close()

    app = FastAPI(
        title="reimpiego intake",
        summary="People in care, vacancies and programmes — the job centre's front door.",
        version="1.0.0",
        lifespan=lifespan,
    )
    install_edge(app, settings)
    app.include_router(operations.router)
    app.include_router(seekers.router)
    app.include_router(vacancies.router)
    return app
