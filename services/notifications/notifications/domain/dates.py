"""How dates and times read in a message, in the message's language and the office's time zone.
A small mapping rather than Babel: two languages and two shapes do not justify the dependency.
A language without its own wording is written in Italian, as templates fall back to Italian."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Wording:
    days: tuple[str, ...]  # Monday first, as date.weekday()
    months: tuple[str, ...]
    at: str  # between the date and the time
    undecided: str  # an appointment whose time is not known yet


ITALIAN = Wording(
    days=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
            "settembre", "ottobre", "novembre", "dicembre"),
    at="alle", undecided="data da definire")
ENGLISH = Wording(
    days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    at="at", undecided="date to be confirmed")
WORDINGS = {"it": ITALIAN, "en": ENGLISH}


def _wording(locale: str) -> Wording:
    return WORDINGS.get(locale, ITALIAN)


def when(value: str | datetime | None, zone: ZoneInfo, locale: str) -> str:
    """`giovedì 3 dicembre 2026 alle 10:00` / `Thursday 3 December 2026 at 10:00`, local time."""
    wording = _wording(locale)
    if value is None:
        return wording.undecided
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = moment.astimezone(zone)
    return f"{wording.days[local.weekday()]} {day(local.date(), locale)} {wording.at} {local:%H:%M}"


def day(value: str | date, locale: str) -> str:
    """`3 dicembre 2026` / `3 December 2026` (British order, as the English templates use)."""
    given = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{given.day} {_wording(locale).months[given.month - 1]} {given.year}"
