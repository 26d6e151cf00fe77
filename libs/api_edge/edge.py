"""Wires the HTTP conventions into a service: one call at app creation, one in the lifespan."""

from __future__ import annotations

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from api_edge import audit
from api_edge.audit import AuditLog
from api_edge.auth import AuthSettings, install_auth
from api_edge.correlation import CorrelationMiddleware
from api_edge.idempotency import IdempotencyMiddleware, MongoIdempotencyStore
from api_edge.problems import install_problem_handlers


def install_edge(app: FastAPI, settings: AuthSettings) -> None:
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(CorrelationMiddleware)  # outermost: every answer carries the correlation id
    install_problem_handlers(app)
    install_auth(app, settings)
    app.include_router(audit.router)


async def open_edge_stores(app: FastAPI, database: AsyncDatabase) -> None:
    """The service's own idempotency records and audit log, in its own database."""
    app.state.idempotency = MongoIdempotencyStore(database["idempotency_keys"])
    app.state.audit = AuditLog(database["audit_log"])
    await app.state.audit.create_indexes()
