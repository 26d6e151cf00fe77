"""Message kinds: who receives them, on which channels, and whether the law asks for an
unsubscribe link (informational messages; service messages about one's own case do not)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    subject: str
    channels: tuple[str, ...] = ("email",)
    unsubscribable: bool = False


KINDS: dict[str, Kind] = {
    "match_proposed": Kind("Un'offerta di lavoro adatta a te", unsubscribable=True),
    "appointment_confirmed": Kind("Appuntamento confermato", ("email", "sms")),
    "appointment_reminder": Kind("Promemoria: il tuo appuntamento", ("email", "sms")),
    "appointment_moved": Kind("Il tuo appuntamento è stato spostato", ("email", "sms")),
    "appointment_cancelled": Kind("Il tuo appuntamento è stato annullato", ("email", "sms")),
    "appointment_missed": Kind("Appuntamento mancato"),
    "seat_offered": Kind("Un posto per te nel percorso", ("email", "sms")),
    "waiting_list": Kind("Sei in lista d'attesa"),
    "session_invitation": Kind("Invito all'incontro di gruppo", ("email", "sms")),
    "referral_sent": Kind("La tua candidatura è stata inviata"),
    "interview_scheduled": Kind("Colloquio di lavoro", ("email", "sms")),
    "placement_recorded": Kind("Congratulazioni per il nuovo lavoro"),
    "wage_guarantee_ending": Kind(
        "La tua cassa integrazione sta per finire", ("email", "sms"), unsubscribable=True
    ),
    "referral_received": Kind("Nuova candidatura per la vostra offerta"),
    "shortlist_confirmed": Kind("Rosa di candidati confermata"),
    "proposals_digest": Kind("Nuove proposte del giorno"),
}

# Recipients that are people in care: contact from intake, preferences and quiet hours apply.
PERSON = "seeker"
# Staff and organisations: contact from notifications' own directory.
ORGANISATION_TYPES = ("operator", "office", "employer", "partner")
