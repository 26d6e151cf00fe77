"""Message templates, previewed with sample data."""

from __future__ import annotations

from typing import Annotated, Literal

from api_edge import Problem
from fastapi import APIRouter, Query
from pydantic import BaseModel

from notifications.api.deps import Staff, TemplatesDep
from notifications.domain.kinds import KINDS
from notifications.domain.samples import sample_context

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
            summary="Anteprima con dati di esempio / Preview a message with sample data",
            description="The email preview carries the plain text and the kind's own HTML "
            "body, in the locale asked for when it has templates, else in Italian.")
async def preview(
    kind: str, templates: TemplatesDep, _: Staff, channel: Literal["email", "sms"] = "email",
    locale: Annotated[str, Query(pattern=r"^[a-z]{2}$", examples=["it"])] = "it",
) -> Preview:
    if kind not in KINDS or channel not in KINDS[kind].channels:
        raise Problem(404, "Not found", f"No {channel} template for kind {kind}.",
                      kind="not-found")
    context = sample_context(kind, KINDS[kind].unsubscribable)
    if channel == "sms":
        return Preview(kind=kind, channel=channel, locale=locale,
                       text=templates.sms(kind, context, locale))
    email = templates.email(kind, context, locale)
    return Preview(kind=kind, channel=channel, locale=locale, subject=email.subject,
                   text=email.text, html=email.html)
