"""Event contracts: each versioned event type names its topic and the pydantic model of its data.

Producers own their contracts; the JSON Schemas and the AsyncAPI document are exported from here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from event_backbone.envelope import SCHEMA_BASE_URI, Envelope


@dataclass(frozen=True)
class EventContract:
    """One versioned event type: `seeker.registered.v1` on topic `reimpiego.intake.seekers`."""

    type: str
    topic: str
    model: type[BaseModel]
    summary: str

    def json_schema(self) -> dict[str, Any]:
        schema = self.model.model_json_schema()
        schema["$id"] = f"{SCHEMA_BASE_URI}{self.type}.json"
        schema["title"] = self.type
        schema["description"] = self.summary
        return schema

    def parse(self, envelope: Envelope) -> Any:
        return self.model.model_validate(envelope.data)


def schema_documents(contracts: Iterable[EventContract]) -> dict[str, str]:
    """File name → JSON text of each contract's schema, as committed under docs/events/."""
    return {
        f"{c.type}.json": json.dumps(c.json_schema(), indent=2, sort_keys=True) + "\n"
        for c in contracts
    }


def asyncapi_document(contracts: Iterable[EventContract], title: str) -> dict[str, Any]:
    """An AsyncAPI 3.0 document describing every topic and the messages it carries."""
    contracts = list(contracts)
    channels: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for contract in contracts:
        name = contract.type.replace(".", "_")
        messages[name] = {
            "name": contract.type,
            "title": contract.type,
            "summary": contract.summary,
            "contentType": "application/cloudevents+json",
            "payload": contract.json_schema(),
        }
        channel_id = contract.topic.replace(".", "_")
        channel = channels.setdefault(channel_id, {"address": contract.topic, "messages": {}})
        channel["messages"][name] = {"$ref": f"#/components/messages/{name}"}
    for channel_id, channel in channels.items():
        operations[f"publish_{channel_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "messages": [
                {"$ref": f"#/channels/{channel_id}/messages/{m}"} for m in channel["messages"]
            ],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": title,
            "version": "1.0.0",
            "description": "Kafka topics of reimpiego. Every record value is a CloudEvents 1.0 "
            "structured-mode JSON envelope whose `data` follows the message payload; the record "
            "key is the envelope's `subject` (the aggregate id).",
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def write_documents(contracts: Iterable[EventContract], folder: Path, title: str) -> list[Path]:
    contracts = list(contracts)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents(contracts).items():
        path = folder / name
        path.write_text(text)
        written.append(path)
    asyncapi = folder / "asyncapi.json"
    asyncapi.write_text(
        json.dumps(asyncapi_document(contracts, title), indent=2, sort_keys=True) + "\n"
    )
    written.append(asyncapi)
    return written
