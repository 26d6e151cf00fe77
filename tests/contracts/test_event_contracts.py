"""Producers' committed schemas match their models, and consumers read only what producers send."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from event_backbone.contracts import asyncapi_document, schema_documents
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "events"


def _event_docs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("event_docs", ROOT / "scripts" / "event_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONTRACTS = _event_docs().all_contracts()


@pytest.mark.parametrize("name,text", sorted(schema_documents(CONTRACTS).items()))
def test_committed_schema_matches_the_model(name: str, text: str) -> None:
    committed = DOCS / name
    assert committed.exists(), f"{name} is not committed: run scripts/event_docs.py"
    assert committed.read_text() == text, f"{name} drifted: run scripts/event_docs.py"


def test_committed_asyncapi_matches_the_contracts() -> None:
    committed = json.loads((DOCS / "asyncapi.json").read_text())
    assert committed == asyncapi_document(CONTRACTS, "reimpiego events")


def _consumer_models() -> list[tuple[str, type[BaseModel]]]:
    from matching import contracts as m
    from notifications import contracts as n

    return [
        *[(f"seeker.{t}.v1", m.SeekerProfileView) for t in ("registered", "updated")],
        ("seeker.status_changed.v1", m.SeekerStatusChangedView),
        ("seeker.erased.v1", m.SeekerErasedView),
        *[(f"pact.{t}.v1", m.PactView) for t in ("signed", "updated")],
        *[(f"vacancy.{t}.v1", m.VacancyDetailsView) for t in ("published", "updated")],
        ("vacancy.closed.v1", m.VacancyClosedView),
        *[(f"programme.{t}.v1", m.ProgrammeDetailsView) for t in ("published", "updated")],
        ("programme.closed.v1", m.ProgrammeClosedView),
        ("partnership.formed.v1", m.PartnershipFormedView),
        ("referral.received.v1", m.ReferralReceivedView),
        ("match.proposed.v1", n.MatchProposedView),
        *[(f"appointment.{t}.v1", n.AppointmentView)
          for t in ("scheduled", "rescheduled", "cancelled", "missed")],
        ("seeker.registered.v1", n.SeekerProfileView),
        ("seeker.updated.v1", n.SeekerProfileView),
        ("seeker.status_changed.v1", n.SeekerStatusChangedView),
        ("seeker.erased.v1", n.SeekerErasedView),
        ("programme.published.v1", n.ProgrammeView),
        ("programme.updated.v1", n.ProgrammeView),
        ("vacancy.published.v1", n.VacancyView),
        ("vacancy.updated.v1", n.VacancyView),
        ("shortlist.confirmed.v1", n.ShortlistConfirmedView),
        ("referral.status_changed.v1", n.ReferralStatusChangedView),
        ("enrolment.changed.v1", n.EnrolmentChangedView),
        ("placement.recorded.v1", n.PlacementRecordedView),
    ]


@pytest.mark.parametrize("event_type,model", _consumer_models())
def test_every_field_a_consumer_requires_is_sent_by_the_producer(
    event_type: str, model: type[BaseModel]
) -> None:
    producer = json.loads((DOCS / f"{event_type}.json").read_text())
    sent = set(producer["properties"])
    always_sent = set(producer.get("required", []))
    for name, field in model.model_fields.items():
        assert name in sent, f"{model.__name__}.{name} is not in {event_type}"
        if field.is_required():
            assert name in always_sent, f"{model.__name__}.{name} may be absent in {event_type}"


def test_no_event_carries_personal_contact_or_identity_fields() -> None:
    # The birth date does travel, for age-based eligibility rules only (never scored); sex and
    # citizenship do not travel at all, and disability only as the list-eligibility flag.
    forbidden = {"tax_code", "email", "phone", "given_name", "family_name", "address",
                 "disability", "disability_details", "sex", "citizenship", "birthplace"}
    for contract in CONTRACTS:
        fields = set(contract.model.model_json_schema()["properties"])
        assert not fields & forbidden, f"{contract.type} carries {fields & forbidden}"
