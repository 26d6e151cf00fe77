"""RFC 9457 problem+json for every error, naming each failing field and why."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://reimpiego.example/problems/"


class Problem(Exception):
    """Raised by the HTTP edge (never by domain code) to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        kind: str,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.kind = kind
        self.errors = errors or []
        self.headers = headers or {}
        self.extensions = extensions


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str,
    kind: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"{TYPE_BASE}{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extensions,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _pointer(location: tuple[Any, ...]) -> str:
    """Pydantic's error location as a JSON pointer into the request (`/body/skills/0`)."""
    return "/" + "/".join(str(part) for part in location)


def _field_errors(error: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "pointer": _pointer(tuple(item["loc"])),
            "field": ".".join(str(p) for p in item["loc"][1:]) or str(item["loc"][0]),
            "reason": item["msg"],
        }
        for item in error.errors()
    ]


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(
            request,
            exc.status,
            exc.title,
            exc.detail,
            exc.kind,
            exc.errors,
            exc.headers,
            **exc.extensions,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        fields = ", ".join(e["field"] for e in errors)
        return problem_response(
            request,
            422,
            "Invalid request",
            f"Some fields are not valid: {fields}.",
            "validation-error",
            errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(
            request,
            exc.status_code,
            str(exc.detail),
            str(exc.detail),
            f"http-{exc.status_code}",
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem_response(
            request,
            500,
            "Internal error",
            "An unexpected error occurred; it has been logged.",
            "internal-error",
        )
