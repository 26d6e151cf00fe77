"""Messages: their deterministic ids and their content, rendered from templates (no I/O here
beyond reading the packaged templates)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

MESSAGE_NAMESPACE = uuid.UUID("0e0c7a3e-3f8e-4d55-9a0b-6d2f4b8c1e77")
TEMPLATES = Path(__file__).parent / "templates"

SUBJECTS = {"match_proposed": "Un'offerta di lavoro adatta a te"}


def delivery_id(event_id: str, recipient: str, channel: str) -> str:
    """One delivery per (event, recipient, channel): a redelivered event maps to the same id."""
    return str(uuid.uuid5(MESSAGE_NAMESPACE, f"{event_id}:{recipient}:{channel}"))


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class Templates:
    def __init__(self, folder: Path = TEMPLATES) -> None:
        self._env = Environment(
            loader=FileSystemLoader(folder),
            autoescape=select_autoescape(["html"], default_for_string=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )

    def email(self, kind: str, context: dict[str, Any], locale: str = "it") -> RenderedEmail:
        return RenderedEmail(
            subject=SUBJECTS[kind],
            text=self._env.get_template(f"{kind}.{locale}.txt.j2").render(context),
            html=self._env.get_template(f"{kind}.{locale}.html.j2").render(context),
        )
