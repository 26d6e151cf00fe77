"""The access right and the erasure right across the three services: the export gathers what every
service holds about a person; after erasure no service returns or stores their identity."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from tests.conftest import MONGO, Tokens
from tests.e2e.platform import Platform, new_seeker, new_vacancy, post, unique_email
from tests.harness import SmtpSink, eventually
from tests.intake.integration.opportunities_api import MODENA_HOURS, at

THURSDAY = 3


@pytest.fixture(scope="module")
async def platform(base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens
                   ) -> AsyncIterator[Platform]:
    platform = Platform.create(base_env, smtp, tokens)
    try:
        await platform.start()
        yield platform
    finally:
        platform.stop()


def _next_thursday() -> date:
    day = date.today() + timedelta(days=14)
    return day + timedelta(days=(THURSDAY - day.weekday()) % 7)


async def _person_with_history(platform: Platform, email: str) -> dict[str, Any]:
    """A person with a partner's referral, an appointment, a match and a sent email."""
    async with platform.client("intake") as intake, platform.client("notifications") as notes:
        await post(intake, "/vacancies", new_vacancy())
        seeker = await post(intake, "/seekers", new_seeker(email))
        office = await post(intake, "/offices", {
            "name": "Centro per l'Impiego di Modena", "municipality": "036023",
            "opening_hours": MODENA_HOURS, "operators": [{"operator_id": "op-anna",
                                                          "name": "Anna"}]})
        day = _next_thursday()
        union = await post(intake, "/partners", {
            "name": "Camera del Lavoro di Modena", "kind": "trade_union",
            "municipality": "036023"})
        await post(intake, "/referrals", {"partner_id": union["id"], "seeker_id": seeker["id"],
                                          "note": "indicata dal sindacato"})
        await post(intake, "/appointments", {
            "seeker_id": seeker["id"], "office_id": office["id"], "operator_id": "op-anna",
            "kind": "orientation_interview", "starts_at": at(day, 14),
            "ends_at": at(day, 14, 45)})

        async def match_email_sent() -> bool:
            body = (await notes.get("/deliveries", params={
                "recipient_id": seeker["id"], "kind": "match_proposed"})).json()
            return any(d["state"] == "sent" for d in body["data"])

        await eventually(match_email_sent, timeout=60, what="the match email")
    return seeker


async def test_export_gathers_what_every_service_holds_then_erasure_leaves_no_identity(
    platform: Platform,
) -> None:
    email = unique_email()
    seeker = await _person_with_history(platform, email)
    seeker_id = str(seeker["id"])
    async with platform.client("intake") as intake:
        export = (await intake.get(f"/seekers/{seeker_id}/export")).json()
        assert export["intake"]["person"]["email"] == email
        assert len(export["intake"]["appointments"]) == 1
        assert len(export["intake"]["referrals"]) == 1
        assert export["matching"]["matches"][0]["seeker_id"] == seeker_id
        assert any(d["kind"] == "match_proposed" for d in export["notifications"]["deliveries"])

        erasure = await intake.post(f"/seekers/{seeker_id}/erasure")
        assert erasure.status_code == 202, erasure.text

        async def complete() -> dict[str, Any] | None:
            body = (await intake.get(f"/erasures/{erasure.json()['id']}")).json()
            return body if body["status"] == "complete" else None

        done = await eventually(complete, timeout=60, what="every service to confirm")
        assert set(done["confirmations"]) == {"intake", "matching", "notifications"}
        assert (await intake.get(f"/seekers/{seeker_id}")).status_code == 404
        assert (await intake.get(f"/seekers/{seeker_id}/export")).status_code == 404
    async with platform.client("matching") as matching:
        matches = (await matching.get("/matches", params={"seeker_id": seeker_id})).json()
        assert matches["count"] == 0
    await _no_identity_stored(platform, seeker_id, email, str(seeker["tax_code"]))


async def _no_identity_stored(platform: Platform, seeker_id: str, email: str,
                              tax_code: str) -> None:
    """Read every collection of the three databases: neither the id nor the identity is left
    (the erasure request keeps the pseudonymous id, to show what was erased, and a read model may
    keep a bare tombstone so a late or replayed event cannot bring the person back)."""
    async with AsyncMongoClient(MONGO) as mongo:
        for variable in ("REIMPIEGO_INTAKE_DATABASE", "REIMPIEGO_MATCHING_DATABASE",
                         "REIMPIEGO_NOTIFICATIONS_DATABASE"):
            database = mongo[platform.env[variable]]
            for name in await database.list_collection_names():
                if name in {"erasures", "processed_events", "audit_log"}:
                    continue
                documents = await database[name].find({}).to_list(None)
                text = json.dumps(documents, default=str)
                for secret in (email, tax_code):
                    assert secret not in text, f"{secret} left in {variable}:{name}"
                leftovers = [d for d in documents if seeker_id in json.dumps(d, default=str)
                             and not _tombstone(d)]
                assert not leftovers, f"{seeker_id} left in {variable}:{name}: {leftovers[:1]}"


def _tombstone(document: dict[str, Any]) -> bool:
    return document.get("erased") is True and set(document) <= {
        "_id", "erased", "erased_version", "version"}
