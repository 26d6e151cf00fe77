"""Guarded single-document updates that stay index lookups on FerretDB.

MongoDB applies `update_one({_id, <guard>})` atomically through the `_id` index. FerretDB 1.24
uses an index only for a filter that is exactly `{_id: ...}`: any guard beside it turns the
update into a scan of the whole collection (seconds once a delivery log holds thousands of
messages), and it does not isolate the read from the write anyway (FerretDB #3040). On such a
store the guard is checked on the document read by `_id`, then the update is written by `_id`:
the same guarantee FerretDB gave, without the scan. Exclusive steps never rest on this guard
alone: they are claimed with unique inserts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection


async def isolates_updates(client: AsyncMongoClient) -> bool:
    """False for FerretDB (its buildInfo names its own version), True for MongoDB."""
    info = await client.admin.command("buildInfo")
    return "ferretdbVersion" not in info


def satisfies(document: Mapping[str, Any], guard: Mapping[str, Any]) -> bool:
    """Whether a document meets a guard of top-level fields: a value (equality), {"$in": [...]}
    or {"$ne": value}, the operators our guards use."""
    for field, condition in guard.items():
        value = document.get(field)
        if isinstance(condition, Mapping):
            for operator, operand in condition.items():
                if operator == "$in":
                    met = value in operand
                elif operator == "$ne":
                    met = value != operand
                else:
                    raise ValueError(f"guard operator {operator} is not supported")
                if not met:
                    return False
        elif value != condition:
            return False
    return True


async def update_if(collection: AsyncCollection, document_id: Any, guard: Mapping[str, Any],
                    update: Mapping[str, Any], *, isolated: bool) -> bool:
    """Apply `update` to the document if it meets `guard`; True if it was applied."""
    if isolated:
        result = await collection.update_one({"_id": document_id, **guard}, update)
        return result.matched_count == 1
    current = await collection.find_one({"_id": document_id}, {field: 1 for field in guard})
    if current is None or not satisfies(current, guard):
        return False
    return (await collection.update_one({"_id": document_id}, update)).matched_count == 1
