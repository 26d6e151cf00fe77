"""The CloudEvents envelope and trace propagation."""

import pytest
from event_backbone import Envelope, child_traceparent
from pydantic import ValidationError


def _envelope(**overrides: object) -> Envelope:
    fields = {"event_type": "seeker.registered.v1", "source": "/reimpiego/intake",
              "subject": "s1", "aggregate_version": 1, "data": {"seeker_id": "s1"}}
    return Envelope.build(**{**fields, **overrides})  # type: ignore[arg-type]


def test_an_envelope_round_trips_through_bytes() -> None:
    envelope = _envelope()
    assert Envelope.from_bytes(envelope.to_bytes()) == envelope


def test_an_envelope_carries_the_cloudevents_attributes() -> None:
    envelope = _envelope()
    assert envelope.specversion == "1.0"
    assert envelope.datacontenttype == "application/json"
    assert envelope.dataschema.endswith("/seeker.registered.v1.json")
    assert envelope.base_type == "seeker.registered"


def test_an_unversioned_type_is_refused() -> None:
    with pytest.raises(ValidationError):
        _envelope(event_type="seeker.registered")


def test_a_child_span_keeps_the_trace_id() -> None:
    parent = _envelope().traceparent
    child = child_traceparent(parent)
    assert child.split("-")[1] == parent.split("-")[1]
    assert child.split("-")[2] != parent.split("-")[2]
