"""Every kind renders on every channel it offers, in Italian, with its sample data; every email
has its own HTML body saying what its text says, with whatever came from outside escaped."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from notifications.domain.kinds import KINDS
from notifications.domain.samples import sample_context
from notifications.messages import TEMPLATES as FOLDER
from notifications.messages import Templates

TEMPLATES = Templates(ZoneInfo("Europe/Rome"))
CASES = [(kind, channel) for kind, spec in KINDS.items() for channel in spec.channels]
EMAIL_KINDS = [kind for kind, spec in KINDS.items() if "email" in spec.channels]
DATES = {"starts_at", "interview_at", "start_date", "expected_end"}  # parsed, not shown as given
MARK = '<i>&"x'


def _context(kind: str) -> dict[str, Any]:
    return sample_context(kind, KINDS[kind].unsubscribable)


class _Visible(HTMLParser):
    """The words a reader sees in an HTML part, and the links' targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts += [value or "" for name, value in attrs if name == "href"]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _visible_words(html: str) -> set[str]:
    parser = _Visible()
    parser.feed(html)
    return _words(" ".join(parser.parts))


def _tainted(value: Any, key: str = "") -> Any:
    """Every text that comes from events or contacts, with markup appended."""
    if isinstance(value, dict):
        return {k: _tainted(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_tainted(v, key) for v in value]
    if isinstance(value, str) and key not in DATES and key != "unsubscribe_url":
        return value + MARK
    return value


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
    assert ("/unsubscribe/" in email.html) == KINDS[kind].unsubscribable


@pytest.mark.parametrize("kind", EMAIL_KINDS)
def test_every_email_kind_has_its_own_text_and_html_template(kind: str) -> None:
    assert TEMPLATES.has(kind, "txt") and TEMPLATES.has(kind, "html")
    assert f"<title>{KINDS[kind].subject}</title>".replace("'", "&#39;") in TEMPLATES.email(
        kind, _context(kind)).html


@pytest.mark.parametrize("kind,locale", [(k, "it") for k in EMAIL_KINDS]
                         + [("appointment_reminder", "en")])
def test_the_html_body_says_everything_the_text_says(kind: str, locale: str) -> None:
    email = TEMPLATES.email(kind, _context(kind), locale)
    missing = _words(email.text) - _visible_words(email.html)
    assert not missing, f"{kind}.{locale}: the HTML lacks {sorted(missing)}"
    assert "<p>Gentile" in email.html or "<p>Dear" in email.html  # its own body, not the layout's


@pytest.mark.parametrize("kind", EMAIL_KINDS)
def test_html_escapes_every_value_from_events_and_contacts(kind: str) -> None:
    html = TEMPLATES.email(kind, _tainted(_context(kind))).html
    assert "<i>" not in html and "&lt;i&gt;&amp;&#34;x" in html  # the name, at least


def test_dates_are_written_in_italian_local_time() -> None:
    email = TEMPLATES.email("appointment_confirmed", _context("appointment_confirmed"))
    assert "giovedì 3 dicembre 2026 alle 10:00" in email.text
    assert "<strong>giovedì 3 dicembre 2026 alle 10:00</strong>" in email.html


def test_the_english_reminder_writes_its_date_in_english_in_rome_time() -> None:
    context = {**_context("appointment_reminder"), "starts_at": "2026-12-03T09:00:00+00:00"}
    email = TEMPLATES.email("appointment_reminder", context, "en")
    assert ("a reminder of your appointment (colloquio di orientamento) on Thursday 3 December "
            "2026 at 10:00.") in email.text
    assert "<strong>Thursday 3 December 2026 at 10:00</strong>" in email.html
    assert TEMPLATES.sms("appointment_reminder", context, "en") == (
        "Job centre: reminder of your appointment (colloquio di orientamento) on Thursday "
        "3 December 2026 at 10:00.")
    summer = TEMPLATES.email("appointment_reminder", {**context, "starts_at":
                                                      "2026-07-02T08:00:00+00:00"}, "en")
    assert "on Thursday 2 July 2026 at 10:00." in summer.text  # CEST: two hours ahead of UTC


def test_an_appointment_without_a_time_yet_says_so_in_the_message_language() -> None:
    context = {**_context("appointment_reminder"), "starts_at": None}
    assert "on date to be confirmed." in TEMPLATES.email("appointment_reminder", context, "en").text
    assert "di data da definire." in TEMPLATES.email("appointment_reminder", context, "it").text


def test_a_locale_with_its_own_template_but_no_date_wording_gets_italian_dates(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(FOLDER, folder)
    (folder / "appointment_reminder.de.txt.j2").write_text("Termin: {{ starts_at | when }}\n")
    email = Templates(ZoneInfo("Europe/Rome"), folder).email(
        "appointment_reminder", _context("appointment_reminder"), "de")
    assert email.text == "Termin: giovedì 3 dicembre 2026 alle 10:00\n"


def test_a_missing_locale_falls_back_to_italian_and_english_is_used_when_present() -> None:
    german = TEMPLATES.email("placement_recorded", _context("placement_recorded"), "de")
    assert "Gentile" in german.text and '<html lang="it">' in german.html
    english = TEMPLATES.email("appointment_reminder", _context("appointment_reminder"), "en")
    assert "Dear Maria" in english.text
    assert '<html lang="en">' in english.html and "<p>Dear Maria,</p>" in english.html


def test_a_locale_with_a_text_template_only_gets_the_layout_in_that_language(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(FOLDER, folder)
    (folder / "placement_recorded.de.txt.j2").write_text("Hallo {{ given_name }},\n\nviel Glück!\n")
    email = Templates(ZoneInfo("Europe/Rome"), folder).email(
        "placement_recorded", {**_context("placement_recorded"), "given_name": "<Maria>"}, "de")
    assert '<html lang="de">' in email.html and "<p>Hallo &lt;Maria&gt;,</p>" in email.html


def test_the_english_reminder_has_the_footer_in_english() -> None:
    link = "https://reimpiego.example/unsubscribe/esempio"
    context = {**_context("appointment_reminder"), "unsubscribe_url": link}
    email = TEMPLATES.email("appointment_reminder", context, "en")
    assert f"To stop receiving these messages: {link}" in email.text
    assert f'<a href="{link}">To stop receiving these messages</a>' in email.html
    assert "(job centre)" in email.text and "(job centre)" in email.html
    assert "Per non ricevere" not in email.text + email.html
    italian = TEMPLATES.email("appointment_reminder", context, "it")
    assert f"Per non ricevere più questi messaggi: {link}" in italian.text


def test_a_locale_without_its_own_footer_gets_the_italian_one(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(FOLDER, folder)
    (folder / "placement_recorded.de.txt.j2").write_text(
        'Hallo {{ given_name }},\n{% include localized("_footer", "txt") %}')
    email = Templates(ZoneInfo("Europe/Rome"), folder).email(
        "placement_recorded", {**_context("placement_recorded"), "unsubscribe_url": "u"}, "de")
    assert email.text.startswith("Hallo Maria,") and "Per non ricevere più questi messaggi: u" in (
        email.text)
    assert '<html lang="de">' in email.html
