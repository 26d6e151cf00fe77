"""Request and response bodies of partner, partnership and referral routes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.contracts import Funding
from intake.domain.partners import Partner, PartnerKind, Partnership, Referral


class PartnerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Camera del Lavoro Metropolitana di Milano", "kind": "trade_union",
        "municipality": "015146"}]})

    name: str = Field(min_length=1, max_length=200)
    kind: PartnerKind
    vat_number: str | None = Field(default=None, min_length=11, max_length=16)
    municipality: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    accreditation: str | None = Field(
        default=None, max_length=64,
        description="Regional accreditation number; required for accredited operators.")


class PartnershipCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Partenariato territoriale Milano Nord", 
        "member_ids": ["<op>", "<comune>", "<cgil>"],
        "lead_id": "<op>", "territory": "MI",
        "funding": {"source": "Regione Lombardia — Dote ricollocazione", "scheme": "voucher",
                    "budget_eur": 5000000}}]})

    name: str = Field(min_length=1, max_length=200)
    member_ids: list[str] = Field(max_length=100)
    lead_id: str = Field(description="The accredited labour-service operator in charge.")
    funding: Funding | None = None
    territory: str | None = Field(default=None, max_length=100, examples=["MI"])


class ReferralCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "partner_id": "<cgil>", "seeker_id": "<person>", "programme_id": "<self-help group>",
        "note": "Segnalata dallo sportello sindacale"}]})

    partner_id: str = Field(min_length=1, max_length=64)
    seeker_id: str = Field(min_length=1, max_length=64)
    programme_id: str | None = Field(default=None, max_length=64)
    note: str | None = Field(default=None, max_length=2000)


class PartnerPublic(Partner):
    pass


class PartnershipPublic(Partnership):
    pass


class ReferralPublic(Referral):
    pass
