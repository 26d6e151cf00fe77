"""Identity checks: the codice fiscale (Italian tax code) must be valid and agree with what the
person declares (birth date, sex, birthplace); contacts must be reachable.

python-codicefiscale decodes the code once (checksum, birth date, sex, birthplace); we compare."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

import phonenumbers
from codicefiscale import codicefiscale

from intake.domain.municipalities import Municipalities

Errors = list[tuple[str, str]]
BELFIORE = re.compile(r"^[A-Z][0-9]{3}$")


@dataclass(frozen=True)
class Identity:
    """What the tax code says about its holder, normalised."""

    tax_code: str
    birth_date: date
    sex: str
    birthplace: str  # cadastral (Belfiore) code, e.g. F257 Modena, Z404 United States
    birthplace_name: str


def decode_tax_code(value: str, errors: Errors) -> Identity | None:
    code = value.strip().upper()
    try:
        decoded = codicefiscale.decode(code)
    except ValueError as error:
        errors.append(("tax_code", _tax_code_reason(code, str(error))))
        return None
    born = decoded["birthdate"].date()
    place: dict[str, Any] = decoded["birthplace"]
    return Identity(code, born, decoded["gender"], place["code"], place["name"])


def _tax_code_reason(code: str, message: str) -> str:
    if "CIN" in message:
        return (f"is not a valid Italian tax code (codice fiscale): the final check letter of "
                f"'{code}' is wrong")
    if "birthplace" in message:
        return f"encodes an unknown birthplace ('{code[11:15]}')"
    if "date" in message:
        return "encodes an impossible birth date"
    return ("is not a valid Italian tax code (codice fiscale): expected 16 characters, "
            "6 letters, 2 digits, a month letter, 2 digits, a place code and a check letter")


def check_consistency(
    identity: Identity,
    birth_date: date | None,
    sex: str | None,
    birthplace: str | None,
    municipalities: Municipalities,
    errors: Errors,
) -> None:
    """Declared facts must be the ones encoded in the tax code (years compared modulo 100,
    as the code only carries two digits)."""
    encoded = identity.birth_date
    if birth_date is not None and (
        (birth_date.day, birth_date.month, birth_date.year % 100)
        != (encoded.day, encoded.month, encoded.year % 100)
    ):
        errors.append(("birth_date", f"does not match the tax code, which encodes "
                                     f"{encoded.strftime('%d/%m')}/..{encoded.year % 100:02d}"))
    if sex is not None and sex.upper() != identity.sex:
        errors.append(("sex", f"does not match the tax code, which encodes '{identity.sex}'"))
    if birthplace is not None and not _same_place(birthplace, identity, municipalities):
        errors.append(("birthplace", f"does not match the tax code, which encodes "
                                     f"{identity.birthplace} ({identity.birthplace_name})"))


def _same_place(declared: str, identity: Identity, municipalities: Municipalities) -> bool:
    """Birthplace as a cadastral code (F257) or as an ISTAT municipality code (036023)."""
    value = declared.strip().upper()
    if BELFIORE.match(value):
        return value == identity.birthplace
    municipality = municipalities.get(value)
    return municipality is not None and _slug(municipality.name) == _slug(identity.birthplace_name)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def normalise_phone(value: str, errors: Errors, field: str = "phone") -> str | None:
    """E.164, reading numbers without a country prefix as Italian."""
    try:
        number = phonenumbers.parse(value, "IT")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        errors.append((field, f"'{value}' is not a valid phone number (E.164, e.g. +393331234567)"))
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_country(code: str) -> bool:
    """ISO 3166-1 alpha-2, taking phonenumbers' region list as the maintained reference."""
    return code.upper() in phonenumbers.SUPPORTED_REGIONS
