"""Message templates, previewed with sample data."""

from __future__ import annotations

from typing import Literal

from api_edge import Problem
from fastapi import APIRouter
from pydantic import BaseModel

from notifications.api.deps import Staff, TemplatesDep
from notifications.domain.kinds import KINDS
from notifications.domain.samples import SAMPLES

router = APIRouter(prefix="/templates", tags=["templates"])


class Preview(BaseModel):
    kind: str
    channel: str
    locale: str
    subject: str | None = None
    text: str
    html: str | None = None


class KindPublic(BaseModel):
    kind: str
    subject: str
    channels: list[str]
    unsubscribable: bool


@router.get("", response_model=list[KindPublic], summary="Tipi di messaggio / Message kinds")
async def read_kinds(_: Staff) -> list[KindPublic]:
    return [KindPublic(kind=k, subject=v.subject, channels=list(v.channels),
                       unsubscribable=v.unsubscribable) for k, v in KINDS.items()]


@router.get("/{kind}/preview", response_model=Preview,
            summary="Anteprima con dati di esempio / Preview a message with sample data")
async def preview(kind: str, templates: TemplatesDep, _: Staff,
                  channel: Literal["email", "sms"] = "email", locale: str = "it") -> Preview:
    if kind not in KINDS or channel not in KINDS[kind].channels:
        raise Problem(404, "Not found", f"No {channel} template for kind {kind}.",
                      kind="not-found")
    context = {**SAMPLES[kind], "given_name": "Maria", "name": "CPI Modena", "items": [],
               "unsubscribe_url": "https://reimpiego.example/unsubscribe/esempio"
               if KINDS[kind].unsubscribable else None}
    context["items"] = SAMPLES[kind].get("items", [])
    if channel == "sms":
        return Preview(kind=kind, channel=channel, locale=locale,
                       text=templates.sms(kind, context, locale))
    email = templates.email(kind, context, locale)
    return Preview(kind=kind, channel=channel, locale=locale, subject=email.subject,
                   text=email.text, html=email.html)
