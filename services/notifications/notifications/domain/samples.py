"""Sample data per message kind, for previews through the API."""

from __future__ import annotations

from typing import Any

APPOINTMENT = {"appointment_kind": "colloquio di orientamento",
               "starts_at": "2026-12-03T10:00:00+01:00", "office_id": "cpi-modena"}
SAMPLES: dict[str, dict[str, Any]] = {
    "match_proposed": {"vacancy_title": "Impiegato amministrativo",
                       "municipality_name": "Modena",
                       "reasons": ["Hai le competenze richieste: contabilità, Excel"]},
    "appointment_confirmed": APPOINTMENT,
    "appointment_reminder": {**APPOINTMENT, "minutes_before": 120},
    "appointment_moved": APPOINTMENT,
    "appointment_cancelled": APPOINTMENT,
    "appointment_missed": {**APPOINTMENT, "seeker_id": "3f2a9c"},
    "seat_offered": {"programme_title": "Job Club", "programme_id": "p-1"},
    "waiting_list": {"programme_title": "Job Club", "programme_id": "p-1",
                     "waiting_position": 3},
    "session_invitation": {"programme_title": "Gruppo di auto-mutuo aiuto", "programme_id": "p",
                           "sessions": [{"starts_at": "2026-12-10T09:00:00+01:00",
                                         "place": "Sala 2, via Pace 1"}]},
    "referral_sent": {"vacancy_title": "Magazziniere", "referral_ref": "a1b2c3d4"},
    "interview_scheduled": {"vacancy_title": "Magazziniere", "referral_ref": "a1b2c3d4",
                            "interview_at": "2026-12-05T15:30:00+01:00"},
    "placement_recorded": {"start_date": "2027-01-07"},
    "wage_guarantee_ending": {"expected_end": "2027-03-31", "days_before": 30},
    "referral_received": {"vacancy_title": "Magazziniere", "referral_ref": "a1b2c3d4"},
    "shortlist_confirmed": {"vacancy_title": "Magazziniere", "shortlist_ref": "9f8e7d6c",
                            "candidates": ["C-01", "C-02", "C-03"]},
    "proposals_digest": {"items": [{"match_id": "m-1", "vacancy_title": "Magazziniere"},
                                   {"match_id": "m-2", "vacancy_title": "Contabile"}]},
}


def sample_context(kind: str, unsubscribable: bool) -> dict[str, Any]:
    """What a message of `kind` is rendered with in a preview: its sample plus a recipient."""
    return {"items": [], **SAMPLES[kind], "given_name": "Maria", "name": "CPI Modena",
            "unsubscribe_url": "https://reimpiego.example/unsubscribe/esempio"
            if unsubscribable else None}
