"""A person's preferences (channels, quiet hours, opt-outs) and the unsubscribe link."""

from __future__ import annotations

from typing import Literal

from api_edge import Problem
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from notifications.api.deps import Preferences, SettingsDep, Staff
from notifications.api.people_scope import require_person
from notifications.domain.kinds import KINDS
from notifications.domain.unsubscribe import read_token

router = APIRouter(tags=["preferences"])
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class QuietHours(BaseModel):
    start: str = Field(pattern=CLOCK, examples=["21:00"])
    end: str = Field(pattern=CLOCK, examples=["08:00"])


class PreferencesBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channels: list[Literal["email", "sms"]] = Field(default=["email"], min_length=1)
    quiet_hours: QuietHours | None = Field(
        default=None, description="Local time (Europe/Rome); messages wait until they end.")
    opted_out: list[str] = Field(default_factory=list,
                                 description='Message kinds not wanted, or "all".')
    locale: str | None = Field(default=None, pattern=r"^[a-z]{2}$", examples=["it"])


@router.get("/people/{seeker_id}/preferences", response_model=PreferencesBody,
            summary="Preferenze di una persona / Read a person's preferences")
async def read_preferences(seeker_id: str, preferences: Preferences, principal: Staff,
                           request: Request) -> PreferencesBody:
    await require_person(request, principal, seeker_id)
    stored = await preferences.get(seeker_id) or {}
    stored.pop("_id", None)
    return PreferencesBody.model_validate(stored)


@router.put("/people/{seeker_id}/preferences", response_model=PreferencesBody,
            summary="Aggiorna le preferenze / Replace a person's preferences")
async def update_preferences(
    seeker_id: str, body: PreferencesBody, preferences: Preferences, principal: Staff,
    request: Request,
) -> PreferencesBody:
    await require_person(request, principal, seeker_id)
    unknown = [k for k in body.opted_out if k != "all" and k not in KINDS]
    if unknown:
        raise Problem(422, "Invalid request", f"Unknown message kinds: {', '.join(unknown)}.",
                      kind="validation-error",
                      errors=[{"pointer": "/body/opted_out", "field": "opted_out",
                               "reason": f"unknown kinds {unknown}"}])
    await preferences.put(seeker_id, body.model_dump())
    return body


async def _unsubscribe(token: str, preferences: Preferences, settings: SettingsDep) -> str:
    found = read_token(settings.link_secret(), token)
    if found is None:
        raise Problem(404, "Not found", "This unsubscribe link is not valid.", kind="not-found")
    seeker_id, kind = found
    await preferences.opt_out(seeker_id, kind)
    return ("<!doctype html><html lang='it'><body><p>Non riceverai più questi messaggi.</p>"
            "</body></html>")


@router.get("/unsubscribe/{token}", response_class=HTMLResponse,
            summary="Disiscrizione / Unsubscribe through a link in a message")
async def unsubscribe(token: str, preferences: Preferences, settings: SettingsDep) -> str:
    return await _unsubscribe(token, preferences, settings)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse,
             summary="Disiscrizione con un clic / RFC 8058 one-click unsubscribe")
async def unsubscribe_one_click(
    token: str, preferences: Preferences, settings: SettingsDep
) -> str:
    return await _unsubscribe(token, preferences, settings)
