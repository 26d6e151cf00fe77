"""Every kind renders on every channel it offers, in Italian, with its sample data."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from notifications.domain.kinds import KINDS
from notifications.domain.samples import SAMPLES
from notifications.messages import Templates

TEMPLATES = Templates(ZoneInfo("Europe/Rome"))
CASES = [(kind, channel) for kind, spec in KINDS.items() for channel in spec.channels]


def _context(kind: str) -> dict[str, object]:
    return {"items": [], **SAMPLES[kind], "given_name": "Maria", "name": "CPI Modena",
            "unsubscribe_url": "https://x.example/unsubscribe/t"
            if KINDS[kind].unsubscribable else None}


@pytest.mark.parametrize("kind,channel", CASES)
def test_each_kind_renders(kind: str, channel: str) -> None:
    if channel == "sms":
        text = TEMPLATES.sms(kind, _context(kind))
        assert text.startswith("CPI:") and len(text) <= 160
        return
    email = TEMPLATES.email(kind, _context(kind))
    assert email.subject == KINDS[kind].subject
    assert ("Gentile Maria" in email.text) or ("Gentile CPI Modena" in email.text)
    assert email.html.startswith("<!doctype html>")
    assert ("/unsubscribe/" in email.text) == KINDS[kind].unsubscribable


def test_html_escapes_what_comes_from_events() -> None:
    context = {**_context("referral_sent"), "vacancy_title": "<script>x</script>"}
    html = TEMPLATES.email("referral_sent", context).html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_dates_are_written_in_italian_local_time() -> None:
    text = TEMPLATES.email("appointment_confirmed", _context("appointment_confirmed")).text
    assert "giovedì 3 dicembre 2026 alle 10:00" in text


def test_a_missing_locale_falls_back_to_italian_and_english_is_used_when_present() -> None:
    assert "Gentile" in TEMPLATES.email("placement_recorded", _context("placement_recorded"),
                                        "de").text
    assert "Dear Maria" in TEMPLATES.email("appointment_reminder",
                                           _context("appointment_reminder"), "en").text
