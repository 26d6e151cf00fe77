"""Employers who offer vacancies. The VAT number (partita IVA) is checked with its checksum, the
sector is an ATECO code (ISTAT's classification of economic activities)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from stdnum.exceptions import ValidationError
from stdnum.it import iva

from intake.domain.aggregate import Aggregate, Violations
from intake.domain.municipalities import Municipalities
from intake.domain.sectors import ateco_activity, not_an_activity


class EmployerSize(StrEnum):
    MICRO = "micro"  # fewer than 10 people
    SMALL = "small"  # 10-49
    MEDIUM = "medium"  # 50-249
    LARGE = "large"  # 250 or more


class Employer(Aggregate):
    name: str
    vat_number: str
    sector_ateco: str
    municipality: str
    municipality_name: str
    province: str
    size: EmployerSize
    registered_at: datetime


def normalise_vat(value: str) -> str | None:
    """The 11-digit partita IVA, or None when the checksum or the shape is wrong."""
    try:
        return str(iva.validate(value))
    except ValidationError:
        return None


def register_employer(
    *, employer_id: str, name: str, vat_number: str, sector_ateco: str, municipality: str,
    size: EmployerSize, municipalities: Municipalities, now: datetime,
) -> Employer:
    problems = Violations()
    vat = normalise_vat(vat_number)
    problems.check(vat, "vat_number",
                   f"'{vat_number}' is not a valid partita IVA (11 digits with a check digit)")
    sector = ateco_activity(sector_ateco)
    problems.check(sector, "sector_ateco", not_an_activity(sector_ateco))
    place = municipalities.get(municipality)
    problems.check(place, "municipality", f"'{municipality}' is not an ISTAT municipality code")
    problems.raise_if_any()
    assert vat is not None and sector is not None and place is not None
    return Employer(
        id=employer_id, name=name.strip(), vat_number=vat, sector_ateco=sector,
        municipality=municipality, municipality_name=place.name, province=place.province_code,
        size=size, registered_at=now,
    )


def revise_employer(
    employer: Employer, changes: dict[str, object], municipalities: Municipalities
) -> Employer:
    """Name, sector, place and size may change; the VAT number identifies the employer."""
    problems = Violations()
    given = str(changes.get("sector_ateco", employer.sector_ateco))
    sector = ateco_activity(given)
    problems.check(sector, "sector_ateco", not_an_activity(given))
    code = str(changes.get("municipality", employer.municipality))
    place = municipalities.get(code)
    problems.check(place, "municipality", f"'{code}' is not an ISTAT municipality code")
    problems.raise_if_any()
    assert place is not None
    return employer.evolve(**{**changes, "sector_ateco": sector}, municipality_name=place.name,
                           province=place.province_code)
