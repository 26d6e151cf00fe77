"""An append-only log of every read and write of personal data: who, when, what, why."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from event_backbone.observability import correlation_id
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.collection import AsyncCollection

from api_edge.auth import Principal, Role, require_roles


class AuditLog:
    """Only ever inserts: there is no update or delete here, by design."""

    def __init__(self, collection: AsyncCollection) -> None:
        self.collection = collection

    async def create_indexes(self) -> None:
        await self.collection.create_index([("resource_id", ASCENDING), ("at", DESCENDING)])
        await self.collection.create_index([("subject", ASCENDING), ("at", DESCENDING)])

    async def record(self, principal: Principal, action: str, resource: str, resource_id: str,
                     purpose: str | None = None) -> None:
        await self.collection.insert_one({
            "at": datetime.now(UTC), "subject": principal.subject,
            "roles": sorted(r.value for r in principal.roles), "office_id": principal.office_id,
            "organisation_id": principal.organisation_id, "action": action, "resource": resource,
            "resource_id": resource_id, "purpose": purpose, "correlation_id": correlation_id.get(),
        })


class AuditEntry(BaseModel):
    at: datetime
    subject: str
    roles: list[str]
    office_id: str | None
    organisation_id: str | None
    action: str
    resource: str
    resource_id: str
    purpose: str | None
    correlation_id: str | None


class AuditEntries(BaseModel):
    data: list[AuditEntry]
    count: int


router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditEntries, dependencies=[require_roles(Role.AUDITOR)],
            summary="Registro degli accessi / Audit log of personal-data access (auditors)")
async def read_audit(
    request: Request,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    subject: Annotated[str | None, Query(max_length=128)] = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> AuditEntries:
    log: AuditLog = request.app.state.audit
    filters: dict[str, Any] = {
        k: v for k, v in
        {"resource_id": resource_id, "subject": subject, "action": action}.items()
        if v
    }
    total = await log.collection.count_documents(filters)
    cursor = (log.collection.find(filters, {"_id": 0})
              .sort("at", DESCENDING).skip(offset).limit(limit))
    return AuditEntries(data=[AuditEntry.model_validate(d) for d in await cursor.to_list(limit)],
                        count=total)
