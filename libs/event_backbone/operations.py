"""/healthz, /readyz and /metrics, the same on every service.

The routes read `app.state.mongo` and `app.state.events`, which each service's lifespan sets.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pymongo import AsyncMongoClient

from event_backbone.runtime import EventRuntime

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Kafka and MongoDB are reachable and the event loops run")
async def readyz(request: Request) -> JSONResponse:
    events: EventRuntime = request.app.state.events
    checks = {
        "mongodb": await _mongo_reachable(request.app.state.mongo),
        "kafka": await events.kafka_reachable(),
        "background_tasks": not events.failed_tasks(),
    }
    ready = all(checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status_code=200 if ready else 503,
    )


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


async def _mongo_reachable(mongo: AsyncMongoClient) -> bool:
    try:
        await asyncio.wait_for(mongo.admin.command("ping"), timeout=3)
    except Exception:
        return False
    return True
