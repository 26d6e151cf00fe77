"""Partner organisations, the territorial partnerships they form, and the people they refer.

A territorial partnership (partenariato territoriale, seed 002) has at least three members and at
least one accredited labour-service operator, which leads it and is in charge of the people holding
a re-employment voucher (Dote ricollocazione)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from intake.contracts import (
    PARTNERSHIP_FORMED,
    REFERRAL_RECEIVED,
    Funding,
    PartnershipFormed,
    ReferralReceived,
)
from intake.domain.aggregate import Aggregate, Violations
from intake.domain.employers import normalise_vat
from intake.domain.municipalities import Municipalities

MIN_MEMBERS = 3


class PartnerKind(StrEnum):
    ACCREDITED_OPERATOR = "accredited_operator"  # operatore accreditato ai servizi al lavoro
    MUNICIPALITY = "municipality"  # comune / ente locale
    REGION_OR_PROVINCE = "region_or_province"
    TRADE_UNION = "trade_union"  # e.g. Camera del Lavoro
    THIRD_SECTOR = "third_sector"  # associazione del Terzo settore
    TRAINING_BODY = "training_body"  # ente di formazione
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    COMPANY = "company"
    FOUNDATION = "foundation"


class Partner(Aggregate):
    name: str
    kind: PartnerKind
    vat_number: str | None = None
    municipality: str | None = None
    province: str | None = None
    accreditation: str | None = None
    registered_at: datetime


class Partnership(Aggregate):
    name: str
    member_ids: list[str]
    lead_id: str
    funding: Funding | None = None
    territory: str | None = None
    formed_at: datetime


class Referral(Aggregate):
    seeker_id: str
    programme_id: str | None = None
    partner_id: str
    source_kind: str
    note: str | None = None
    received_at: datetime


def register_partner(
    *, partner_id: str, name: str, kind: PartnerKind, vat_number: str | None,
    municipality: str | None, accreditation: str | None, municipalities: Municipalities,
    now: datetime,
) -> Partner:
    problems = Violations()
    vat = normalise_vat(vat_number) if vat_number else None
    problems.check(vat_number is None or vat, "vat_number",
                   f"'{vat_number}' is not a valid partita IVA (11 digits with a check digit)")
    place = municipalities.get(municipality) if municipality else None
    problems.check(municipality is None or place, "municipality",
                   f"'{municipality}' is not an ISTAT municipality code")
    problems.check(kind != PartnerKind.ACCREDITED_OPERATOR or accreditation, "accreditation",
                   "an accredited operator needs its regional accreditation number")
    problems.raise_if_any()
    return Partner(id=partner_id, name=name.strip(), kind=kind, vat_number=vat,
                   municipality=municipality, province=place.province_code if place else None,
                   accreditation=accreditation, registered_at=now)


def form_partnership(
    *, partnership_id: str, name: str, members: list[Partner], member_ids: list[str],
    lead_id: str, funding: Funding | None, territory: str | None, now: datetime,
) -> Partnership:
    """`members` are the partners found for `member_ids`; missing ones are named in the error."""
    problems = Violations()
    distinct = list(dict.fromkeys(member_ids))
    found = {m.id: m for m in members}
    for missing in [i for i in distinct if i not in found]:
        problems.add("member_ids", f"no partner with id '{missing}'")
    problems.check(len(distinct) >= MIN_MEMBERS, "member_ids",
                   f"a territorial partnership needs at least {MIN_MEMBERS} distinct members, "
                   f"got {len(distinct)}")
    accredited = [i for i in distinct if i in found
                  and found[i].kind == PartnerKind.ACCREDITED_OPERATOR]
    problems.check(accredited or len(found) < len(distinct), "member_ids",
                   "at least one member must be an accredited labour-service operator")
    problems.check(lead_id in distinct, "lead_id", "the lead must be one of the members")
    problems.check(lead_id not in found or lead_id in accredited, "lead_id",
                   "the lead must be an accredited labour-service operator")
    problems.raise_if_any()
    partnership = Partnership(id=partnership_id, name=name.strip(), member_ids=distinct,
                              lead_id=lead_id, funding=funding, territory=territory, formed_at=now)
    partnership.record(PARTNERSHIP_FORMED, PartnershipFormed(
        partnership_id=partnership.id, name=partnership.name, member_ids=distinct,
        lead_id=lead_id, budget_eur=funding.budget_eur if funding else None, formed_at=now))
    return partnership


def receive_referral(
    *, referral_id: str, partner: Partner, seeker_id: str, programme_id: str | None,
    note: str | None, now: datetime,
) -> Referral:
    """The referral keeps its source: which partner, and what kind of organisation it is."""
    referral = Referral(id=referral_id, seeker_id=seeker_id, programme_id=programme_id,
                        partner_id=partner.id, source_kind=partner.kind.value, note=note,
                        received_at=now)
    referral.record(REFERRAL_RECEIVED, ReferralReceived(
        referral_id=referral.id, seeker_id=seeker_id, programme_id=programme_id,
        partner_id=partner.id, source_kind=referral.source_kind, received_at=now))
    return referral
