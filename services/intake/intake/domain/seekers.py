"""A person in care (persona in carico). Registration validates identity and records the event."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

import phonenumbers
from codicefiscale import codicefiscale
from event_backbone import EventContract
from pydantic import BaseModel

from intake.contracts import SEEKER_REGISTERED, SeekerRegistered
from intake.domain.errors import InvalidField
from intake.domain.municipalities import Municipalities


@dataclass
class Seeker:
    id: str
    version: int
    given_name: str
    family_name: str
    tax_code: str
    email: str
    phone: str | None
    municipality: str
    occupation: str | None
    skills: list[str]
    office_id: str | None
    registered_at: datetime
    pending_events: list[tuple[EventContract, BaseModel]] = field(default_factory=list, repr=False)


def normalise_tax_code(value: str) -> str:
    return value.strip().upper()


def register_seeker(
    *,
    given_name: str,
    family_name: str,
    tax_code: str,
    email: str,
    phone: str | None,
    municipality: str,
    occupation: str | None,
    skills: list[str],
    office_id: str | None,
    municipalities: Municipalities,
    now: datetime,
) -> Seeker:
    tax_code = normalise_tax_code(tax_code)
    if not codicefiscale.is_valid(tax_code):
        raise InvalidField(
            "tax_code",
            "is not a valid Italian tax code (codice fiscale): "
            "check the 16 characters and the final check letter",
        )
    if municipalities.get(municipality) is None:
        raise InvalidField("municipality", f"'{municipality}' is not an ISTAT municipality code")
    phone = normalise_phone(phone) if phone else None
    seeker = Seeker(
        id=str(uuid.uuid4()),
        version=1,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        tax_code=tax_code,
        email=email,
        phone=phone,
        municipality=municipality,
        occupation=occupation,
        skills=_distinct(skills),
        office_id=office_id,
        registered_at=now,
    )
    seeker.pending_events.append(
        (
            SEEKER_REGISTERED,
            SeekerRegistered(
                seeker_id=seeker.id,
                occupation=seeker.occupation,
                skills=seeker.skills,
                municipality=seeker.municipality,
                office_id=seeker.office_id,
                registered_at=now,
            ),
        )
    )
    return seeker


def normalise_phone(value: str) -> str:
    """E.164, reading numbers without a country prefix as Italian."""
    try:
        number = phonenumbers.parse(value, "IT")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidField("phone", f"'{value}' is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))
