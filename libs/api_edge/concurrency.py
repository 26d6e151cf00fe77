"""Optimistic concurrency over HTTP: ETag on reads, If-Match required on updates."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header

from api_edge.problems import Problem

_ETAG = re.compile(r'^(?:W/)?"(\d+)"$')


def etag_for(version: int) -> str:
    return f'"{version}"'


def _expected_version(if_match: Annotated[str | None, Header()] = None) -> int:
    if if_match is None:
        raise Problem(428, "Precondition required",
                      "Send If-Match with the ETag you read, so a concurrent change is not lost.",
                      kind="precondition-required",
                      errors=[{"pointer": "/header/If-Match", "field": "If-Match",
                               "reason": "is required on updates"}])
    match = _ETAG.match(if_match.strip())
    if match is None:
        raise Problem(428, "Precondition required", "If-Match must be an ETag such as \"3\".",
                      kind="precondition-required",
                      errors=[{"pointer": "/header/If-Match", "field": "If-Match",
                               "reason": "is not an ETag this API issued"}])
    return int(match.group(1))


IfMatchVersion = Annotated[int, Depends(_expected_version)]


def stale_version() -> Problem:
    return Problem(412, "Precondition failed",
                   "The resource changed since you read it: read it again and retry with its ETag.",
                   kind="stale-version")
