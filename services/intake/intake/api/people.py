"""Wiring of the people side of intake (persons, disability data, pacts, imports), called from the
composition root so app.py stays one visible place with one line per area."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from intake.adapters.encryption import Cipher
from intake.adapters.mongo_aggregates import MongoAggregates
from intake.adapters.mongo_imports import MongoImports
from intake.adapters.mongo_seekers import MongoSeekers
from intake.adapters.mongo_special_category import MongoDisabilityRecords
from intake.api.routes import disability, imports, pacts, seekers
from intake.config import Settings
from intake.domain.pacts import Pact

ROUTERS: list[APIRouter] = [seekers.router, disability.router, pacts.router, imports.router]


async def open_people(app: FastAPI, database: AsyncDatabase,
                      settings: Settings) -> list[AsyncCollection]:
    """Create the stores and their indexes; return the collections whose outbox is relayed."""
    people = MongoSeekers(database)
    await people.create_indexes()
    app.state.seekers = people
    app.state.disability = MongoDisabilityRecords(
        database, Cipher(settings.special_category_keys.get_secret_value()))
    pact_store = MongoAggregates(database, "pacts", Pact)
    await pact_store.create_indexes("seeker_id", "operator_id", "office_id", "status",
                                    "signed_at", unique=("open_for",))
    app.state.pacts = pact_store
    app.state.imports = MongoImports(database)
    await app.state.imports.create_indexes()
    return [people.collection, pact_store.collection]
