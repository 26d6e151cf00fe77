"""Erasure of a person (GDPR art. 17): what intake keeps for statistics, and when a request is
done."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from event_backbone.erasure import SERVICES

ERASURE_NAMESPACE = uuid.UUID("e4a5c0d2-7b61-4f3e-9a28-5d9c1b7e3f04")

# Kept without identity so counts by office, province and target group survive the erasure.
STATISTICAL_FIELDS = ("office_id", "province", "target_groups", "registered_at")


def erasure_id_for(seeker_id: str) -> str:
    """One erasure per person: asking twice finds the first request."""
    return str(uuid.uuid5(ERASURE_NAMESPACE, seeker_id))


def statistical_remainder(person: Mapping[str, Any]) -> dict[str, Any]:
    remainder = {field: person.get(field) for field in STATISTICAL_FIELDS}
    status = person.get("labour_status") or {}
    remainder["labour_status_kind"] = status.get("kind") if isinstance(status, Mapping) else None
    return remainder


def is_complete(confirmations: Mapping[str, Any]) -> bool:
    return all(service in confirmations for service in SERVICES)
