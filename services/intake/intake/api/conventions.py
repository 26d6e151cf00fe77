"""The HTTP habits every opportunity route shares: problem documents for domain errors, paging and
sorting parameters, ETags, and saving under If-Match.

No `from __future__ import annotations` here: `paging` builds its query parameters at run time."""

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from api_edge import Problem
from api_edge.concurrency import etag_for, stale_version
from event_backbone import ConcurrencyConflict
from fastapi import Query, Response

from intake.adapters.mongo_aggregates import ListQuery, MongoAggregates
from intake.domain.aggregate import Aggregate, InvalidFields, InvalidTransition
from intake.domain.errors import InvalidField

A = TypeVar("A", bound=Aggregate)


def invalid(error: InvalidField) -> Problem:
    """422 naming every failing field, as request validation does."""
    pairs = error.errors if isinstance(error, InvalidFields) else [(error.field, error.reason)]
    return Problem(
        422, "Invalid request", "; ".join(f"{field} {reason}" for field, reason in pairs) + ".",
        kind="validation-error",
        errors=[{"pointer": "/body/" + field.replace(".", "/"), "field": field, "reason": reason}
                for field, reason in pairs],
    )


def not_found(what: str, identifier: str) -> Problem:
    return Problem(404, "Not found", f"No {what} with id {identifier}.", kind="not-found")


def wrong_state(error: InvalidTransition) -> Problem:
    return Problem(409, "Not allowed now", f"Cannot {error.action}: the item is {error.status}.",
                   kind="invalid-transition", status_now=error.status)


def paging(sorts: tuple[str, ...], default: str) -> Callable[..., Any]:
    """A dependency reading page, per_page and sort (one of `sorts`, '-' first for descending)."""

    def read(
        page: Annotated[int, Query(ge=1, le=100000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=100)] = 20,
        sort: Annotated[str, Query(description=f"One of {', '.join(sorts)}; '-' first for "
                                               "descending.")] = default,
    ) -> tuple[int, int, str]:
        if sort.lstrip("-") not in sorts:
            raise Problem(422, "Invalid request", f"sort must be one of {', '.join(sorts)}.",
                          kind="validation-error",
                          errors=[{"pointer": "/query/sort", "field": "sort",
                                   "reason": f"must be one of {', '.join(sorts)}"}])
        return page, per_page, sort

    return read


def query(paged: tuple[int, int, str], **filters: Any) -> ListQuery:
    """Filters left as None are not applied."""
    page, per_page, sort = paged
    return ListQuery({k: v for k, v in filters.items() if v is not None}, sort, page, per_page)


def page_of(items: list[Any], total: int, paged: tuple[int, int, str]) -> dict[str, Any]:
    return {"data": items, "count": total, "page": paged[0], "per_page": paged[1]}


def tagged(response: Response, aggregate: A) -> A:
    response.headers["ETag"] = etag_for(aggregate.version)
    return aggregate


async def found(store: MongoAggregates[A], identifier: str, what: str) -> A:
    aggregate = await store.get(identifier)
    if aggregate is None:
        raise not_found(what, identifier)
    return aggregate


async def save(store: MongoAggregates[A], aggregate: A, expected_version: int) -> A:
    """412 when someone else changed it since the caller read it."""
    try:
        return await store.save(aggregate, expected_version)
    except ConcurrencyConflict:
        raise stale_version() from None


def check_version(aggregate: Aggregate, expected_version: int) -> None:
    """Fail early (before any side effect) when the If-Match is already stale."""
    if aggregate.version != expected_version:
        raise stale_version()
