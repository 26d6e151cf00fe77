"""Real intake events for matching's tests: payloads built with intake's own contract models and
published in real envelopes to real Kafka topics."""

from __future__ import annotations

import os
import secrets
from datetime import UTC, date, datetime
from typing import Any

from aiokafka import AIOKafkaProducer
from event_backbone import Envelope
from intake import contracts as intake

KAFKA = os.environ.get("REIMPIEGO_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
MODENA, CARPI, MILANO = "036023", "036005", "015146"
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def seeker(seeker_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "seeker_id": seeker_id, "municipality": MODENA, "birth_date": date(1980, 5, 1),
        "labour_status": {"kind": "unemployed", "since": date(2026, 1, 10)},
        "occupation": "impiegata amministrativa", "skills": ["contabilità", "Excel"],
        "registered_at": NOW, **overrides,
    }
    return intake.SeekerRegistered.model_validate(body).model_dump(mode="json")


def vacancy(vacancy_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "vacancy_id": vacancy_id, "employer_id": "emp-1", "title": "Impiegato amministrativo",
        "occupation": "impiegato amministrativo", "essential_skills": ["Contabilità", "excel"],
        "optional_skills": ["inglese"], "municipality": MODENA, "municipality_name": "Modena",
        "openings": 1, "status": "published", "published_at": NOW, **overrides,
    }
    return intake.VacancyPublished.model_validate(body).model_dump(mode="json")


def programme(programme_id: str, rules: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "programme_id": programme_id, "kind": "job_club", "title": "Job Club",
        "capacity": 3, "eligibility": {"version": 1, "rules": rules},
        "status": "published", "published_at": NOW, **overrides,
    }
    return intake.ProgrammePublished.model_validate(body).model_dump(mode="json")


def envelope(event_type: str, subject: str, version: int, data: dict[str, Any],
             event_id: str | None = None) -> Envelope:
    return Envelope.build(event_type=event_type, source=intake.SOURCE, subject=subject,
                          aggregate_version=version, data=data, event_id=event_id)


class Publisher:
    """Publishes envelopes the way intake's relay does (key = subject)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.producer = AIOKafkaProducer(bootstrap_servers=KAFKA, enable_idempotence=True)
        self.sent_ids: set[str] = set()

    async def start(self) -> None:
        await self.producer.start()

    async def stop(self) -> None:
        await self.producer.stop()

    async def warm_up(self, topics: list[str], partitions: int = 3) -> None:
        """One harmless event on every partition, so tests start once the consumer reads them all
        (a consumer of freshly created topics can stall on offsets while leaders settle)."""
        for topic in topics:
            for partition in range(partitions):
                key = new_id("warm")
                item = envelope("partnership.formed.v1", key, 1, {
                    "partnership_id": key, "name": "warm-up", "member_ids": ["a", "b", "c"],
                    "lead_id": "a", "formed_at": NOW.isoformat()})
                self.sent_ids.add(item.id)
                await self.producer.send_and_wait(self.prefix + topic, item.to_bytes(),
                                                  key=key.encode(), partition=partition)

    async def send(self, topic: str, *envelopes: Envelope) -> None:
        for item in envelopes:
            self.sent_ids.add(item.id)
            await self.producer.send_and_wait(self.prefix + topic, item.to_bytes(),
                                              key=item.subject.encode())
