"""Webhook subscriptions: a downstream organisation manages its own, a supervisor any."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from api_edge import Problem
from api_edge.auth import Principal, Role
from fastapi import APIRouter, Response
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from notifications.adapters.webhook_client import TargetRefused, check_target
from notifications.api.deps import SettingsDep, Subscriptions, WebhookManager
from notifications.contracts import WEBHOOK_EVENT_TYPES
from notifications.domain.webhooks import new_secret

router = APIRouter(prefix="/webhooks/subscriptions", tags=["webhooks"])
EventTypes = Annotated[list[str], Field(min_length=1, max_length=50,
                                         examples=[["placement.recorded.v1"]])]


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: AnyHttpUrl
    event_types: EventTypes
    organisation_id: str | None = Field(
        default=None, description="Set by a supervisor; a downstream caller's own is used.")
    description: str | None = Field(default=None, max_length=200)


class SubscriptionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: AnyHttpUrl | None = None
    event_types: EventTypes | None = None
    enabled: bool | None = None


class SubscriptionPublic(BaseModel):
    id: str
    organisation_id: str
    url: str
    event_types: list[str]
    enabled: bool
    disabled_reason: str | None = None
    description: str | None = None
    created_at: datetime


class SubscriptionCreated(SubscriptionPublic):
    secret: str = Field(description="Shown once: verify webhook-signature with it.")


def _public(document: dict[str, Any]) -> SubscriptionPublic:
    return SubscriptionPublic.model_validate({**document, "id": document["_id"]})


def _invalid(field: str, reason: str) -> Problem:
    return Problem(422, "Invalid request", f"{field}: {reason}", kind="validation-error",
                   errors=[{"pointer": f"/body/{field}", "field": field, "reason": reason}])


async def _validate(url: str | None, types: list[str] | None, settings: SettingsDep) -> None:
    unknown = [t for t in types or [] if t not in WEBHOOK_EVENT_TYPES]
    if unknown:
        raise _invalid("event_types", f"unknown event types {unknown}")
    if url is not None:
        try:
            await check_target(url, settings.webhook_allow_private)
        except TargetRefused as refused:
            raise _invalid("url", str(refused)) from None


def _owner(principal: Principal, asked: str | None) -> str:
    if principal.has(Role.SUPERVISOR) and asked:
        return asked
    if principal.organisation_id:
        return principal.organisation_id
    raise _invalid("organisation_id", "required (the token names no organisation)")


async def _own(subscriptions: Subscriptions, principal: Principal, sid: str) -> dict[str, Any]:
    found = await subscriptions.get(sid)
    if found is None or not (principal.has(Role.SUPERVISOR)
                             or found["organisation_id"] == principal.organisation_id):
        raise Problem(404, "Not found", f"No subscription with id {sid}.", kind="not-found")
    return found


@router.post("", response_model=SubscriptionCreated, status_code=201,
             summary="Crea una sottoscrizione / Subscribe a URL to event types")
async def create_subscription(body: SubscriptionCreate, subscriptions: Subscriptions,
                              principal: WebhookManager, settings: SettingsDep) -> Any:
    await _validate(str(body.url), body.event_types, settings)
    document = {
        "_id": str(uuid.uuid4()), "organisation_id": _owner(principal, body.organisation_id),
        "url": str(body.url), "event_types": sorted(set(body.event_types)), "enabled": True,
        "description": body.description, "secret": new_secret(),
        "created_at": datetime.now(UTC),
    }
    await subscriptions.add(document)
    return SubscriptionCreated.model_validate({**document, "id": document["_id"]})


@router.get("", response_model=list[SubscriptionPublic],
            summary="Elenca le sottoscrizioni / List subscriptions")
async def read_subscriptions(subscriptions: Subscriptions,
                             principal: WebhookManager) -> list[SubscriptionPublic]:
    scope = {} if principal.has(Role.SUPERVISOR) else {
        "organisation_id": principal.organisation_id or "-"}
    return [_public(d) for d in await subscriptions.search(scope)]


@router.get("/{subscription_id}", response_model=SubscriptionPublic,
            summary="Legge una sottoscrizione / Read a subscription")
async def read_subscription(subscription_id: str, subscriptions: Subscriptions,
                            principal: WebhookManager) -> SubscriptionPublic:
    return _public(await _own(subscriptions, principal, subscription_id))


@router.patch("/{subscription_id}", response_model=SubscriptionPublic,
              summary="Modifica una sottoscrizione / Change URL, event types, or re-enable")
async def update_subscription(subscription_id: str, body: SubscriptionUpdate,
                              subscriptions: Subscriptions, principal: WebhookManager,
                              settings: SettingsDep) -> SubscriptionPublic:
    await _own(subscriptions, principal, subscription_id)
    changes = body.model_dump(exclude_none=True, mode="json")
    await _validate(changes.get("url"), changes.get("event_types"), settings)
    if changes.get("enabled"):
        changes |= {"disabled_reason": None, "paused_until": None}
    updated = await subscriptions.update(subscription_id, changes)
    assert updated is not None
    return _public(updated)


@router.delete("/{subscription_id}", status_code=204,
               summary="Elimina una sottoscrizione / Remove a subscription")
async def delete_subscription(subscription_id: str, subscriptions: Subscriptions,
                              principal: WebhookManager) -> Response:
    await _own(subscriptions, principal, subscription_id)
    await subscriptions.delete(subscription_id)
    return Response(status_code=204)
