"""Messages: deterministic ids and content rendered from templates per kind, channel and locale
(the person's locale first, falling back to Italian), shared parts such as the footer in the
language of the message. No I/O beyond reading the packaged templates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context

from notifications.domain import dates
from notifications.domain.kinds import KINDS

MESSAGE_NAMESPACE = uuid.UUID("0e0c7a3e-3f8e-4d55-9a0b-6d2f4b8c1e77")
TEMPLATES = Path(__file__).parent / "templates"
FALLBACK_LOCALE = "it"


def delivery_id(event_id: str, recipient: str, channel: str) -> str:
    """One delivery per (event, recipient, channel): a redelivered event maps to the same id."""
    return str(uuid.uuid5(MESSAGE_NAMESPACE, f"{event_id}:{recipient}:{channel}"))


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class Templates:
    def __init__(self, zone: ZoneInfo, folder: Path = TEMPLATES) -> None:
        self._env = Environment(
            loader=FileSystemLoader(folder),
            autoescape=select_autoescape(["html", "html.j2"], default_for_string=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        # Dates are written in the language of the template being rendered (its `lang`).
        self._env.filters["when"] = pass_context(
            lambda context, value: dates.when(value, zone, context["lang"]))
        self._env.filters["day"] = pass_context(
            lambda context, value: dates.day(value, context["lang"]))
        self._env.globals["localized"] = _localized

    def _render(self, kind: str, channel: str, locale: str,
                context: dict[str, Any]) -> tuple[str, str]:
        """The rendered template and the locale it was found in, which its shared parts follow
        unless the caller set the language (a layout around a text in another)."""
        for candidate in _locales(locale):
            try:
                template = self._env.get_template(f"{kind}.{candidate}.{channel}.j2")
            except TemplateNotFound:
                continue
            return template.render({"lang": candidate, **context}), candidate
        raise TemplateNotFound(f"{kind}.{locale}.{channel}.j2")

    def email(self, kind: str, context: dict[str, Any], locale: str = "it") -> RenderedEmail:
        """Text and HTML in the same language: the kind's HTML in the locale its text was found
        in, else (a locale with text only) the shared layout around the text."""
        subject = KINDS[kind].subject
        text, found = self._render(kind, "txt", locale, context)
        context = {**context, "subject": subject, "lang": found}
        try:
            html = self._env.get_template(f"{kind}.{found}.html.j2").render(context)
        except TemplateNotFound:
            html, _ = self._render("layout", "html", found, {**context, "body": text})
        return RenderedEmail(subject, text, html)

    def sms(self, kind: str, context: dict[str, Any], locale: str = "it") -> str:
        return self._render(kind, "sms", locale, context)[0].strip()

    def has(self, kind: str, channel: str, locale: str = FALLBACK_LOCALE) -> bool:
        try:
            self._env.get_template(f"{kind}.{locale}.{channel}.j2")
        except TemplateNotFound:
            return False
        return True


def _locales(locale: str) -> list[str]:
    return list(dict.fromkeys([locale, FALLBACK_LOCALE]))


@pass_context
def _localized(context: Context, name: str, channel: str) -> list[str]:
    """`{% include localized("_footer", "txt") %}`: the part in the message's language, else in
    Italian (include takes the first that exists), as for whole templates."""
    return [f"{name}.{locale}.{channel}.j2" for locale in _locales(context["lang"])]
