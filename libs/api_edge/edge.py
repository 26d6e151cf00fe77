"""Wires the HTTP conventions into a service: one call at app creation, one in the lifespan."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pymongo.asynchronous.database import AsyncDatabase

from api_edge import audit
from api_edge.audit import AuditLog
from api_edge.auth import EdgeSettings, install_auth
from api_edge.correlation import CorrelationMiddleware
from api_edge.idempotency import IdempotencyMiddleware, MongoIdempotencyStore
from api_edge.limits import BodyTooLarge, LimitsMiddleware
from api_edge.problems import install_problem_handlers, problem_response

# On SIGTERM a request still running after this long (a stalled upload, a store that stopped
# answering) is cut off: the process exits, and nothing is lost, since every write is durable
# before it is answered and the outbox relay resumes after a restart.
GRACEFUL_SHUTDOWN_SECONDS = 20


def install_edge(app: FastAPI, settings: EdgeSettings) -> None:
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(
        LimitsMiddleware,
        per_minute=settings.rate_limit_per_minute,
        max_body_bytes=settings.max_body_bytes,
    )
    app.add_middleware(CorrelationMiddleware)  # outermost: every answer carries the correlation id
    install_problem_handlers(app)
    app.add_exception_handler(BodyTooLarge, _body_too_large)
    install_auth(app, settings)
    app.include_router(audit.router)


async def open_edge_stores(app: FastAPI, database: AsyncDatabase) -> None:
    """The service's own idempotency records and audit log, in its own database."""
    app.state.idempotency = MongoIdempotencyStore(database["idempotency_keys"])
    app.state.audit = AuditLog(database["audit_log"])
    await app.state.audit.create_indexes()


async def _body_too_large(request: Request, exc: Exception) -> JSONResponse:
    return problem_response(request, 413, "Request body too large",
                            "The body is larger than this API accepts.", "body-too-large")
