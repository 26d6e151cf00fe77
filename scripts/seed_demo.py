"""Seeds a demo through the public APIs: people in care in Modena, two employers and vacancies
that fit some of them, and every programme of the seed articles with its partners, offices and the
Lombardy partnership. Running it again changes nothing: people are unique by tax code and every
other POST carries an Idempotency-Key."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from typing import Any

import httpx
from api_edge.dev_tokens import DevIssuer
from seed_programmes import seed_programmes  # scripts/ is on sys.path when run as a script

INTAKE = os.environ.get("REIMPIEGO_INTAKE_URL", "http://127.0.0.1:8001")
MATCHING = os.environ.get("REIMPIEGO_MATCHING_URL", "http://127.0.0.1:8002")
NOTIFICATIONS = os.environ.get("REIMPIEGO_NOTIFICATIONS_URL", "http://127.0.0.1:8003")
MODENA, CARPI, BOLOGNA = "036023", "036005", "037006"

PEOPLE: list[dict[str, Any]] = [
    {"given_name": "Maria", "family_name": "Rossi", "tax_code": "RSSMRA80A41F257K",
     "email": "maria.rossi@example.org", "phone": "333 123 4567", "municipality": MODENA,
     "occupation": "impiegata amministrativa", "skills": ["contabilità", "Excel", "fatturazione"]},
    {"given_name": "Luca", "family_name": "Bianchi", "tax_code": "BNCLCU75C12F257P",
     "email": "luca.bianchi@example.org", "municipality": CARPI,
     "occupation": "operatore di macchine utensili",
     "skills": ["tornio CNC", "lettura disegno tecnico"]},
    {"given_name": "Giulia", "family_name": "Verdi", "tax_code": "VRDGLI90E50A944S",
     "email": "giulia.verdi@example.org", "municipality": BOLOGNA,
     "occupation": "addetta alle vendite", "skills": ["vendita", "inglese"]},
]

EMPLOYERS = {
    "ceramiche-sassuolo": {"name": "Ceramiche Sassuolo S.p.A.", "vat_number": "02743560365",
                           "sector_ateco": "23.31", "municipality": "036040", "size": "medium"},
    "meccanica-carpi": {"name": "Meccanica Carpi S.r.l.", "vat_number": "03128940362",
                        "sector_ateco": "28.41", "municipality": CARPI, "size": "small"},
}

VACANCIES: list[dict[str, Any]] = [
    {"employer": "ceramiche-sassuolo", "title": "Impiegato/a amministrativo/a",
     "occupation": "impiegata amministrativa", "essential_skills": ["contabilità", "excel"],
     "optional_skills": ["inglese"], "municipality": MODENA, "openings": 2,
     "contract_type": "permanent", "hours_per_week": 40, "min_education_isced": 3},
    {"employer": "meccanica-carpi", "title": "Operatore CNC",
     "occupation": "operatore di macchine utensili", "essential_skills": ["tornio CNC"],
     "municipality": CARPI, "openings": 3, "contract_type": "fixed_term"},
]


async def _post(api: httpx.AsyncClient, path: str, key: str, body: dict[str, Any]) -> str:
    response = await api.post(path, json=body, headers={"Idempotency-Key": f"demo-{key}"})
    response.raise_for_status()
    return str(response.json()["id"])


async def _person(api: httpx.AsyncClient, person: dict[str, Any]) -> str:
    response = await api.post("/seekers", json=person)
    if response.status_code == 409:  # already in care: the answer points at the record
        return str(response.json()["existing"]).rsplit("/", 1)[-1]
    response.raise_for_status()
    return str(response.json()["id"])


async def seed_intake(api: httpx.AsyncClient) -> dict[str, str]:
    ids = await seed_programmes(api)
    for name, employer in EMPLOYERS.items():
        ids[name] = await _post(api, "/employers", name, employer)
    for index, vacancy in enumerate(VACANCIES):
        body = {k: v for k, v in vacancy.items() if k != "employer"}
        ids[f"vacancy-{index}"] = await _post(api, "/vacancies", f"vacancy-{index}",
                                              {**body, "employer_id": ids[vacancy["employer"]]})
    people = [await _person(api, person) for person in PEOPLE]
    ids["referral"] = await _post(api, "/referrals", "referral-giulia", {
        "partner_id": ids["cdl-milano"], "seeker_id": people[2],
        "programme_id": ids["milano-auto-mutuo-aiuto"], "note": "indicata dal sindacato"})
    return ids


def main() -> int:
    token = DevIssuer().issue(["supervisor"], subject="seed-demo")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=10, headers=headers) as client:

        async def seed() -> dict[str, str]:
            async with httpx.AsyncClient(base_url=INTAKE, timeout=30, headers=headers) as api:
                return await seed_intake(api)

        ids = asyncio.run(seed())
        deadline = time.monotonic() + 60
        sent = {"count": 0}
        while time.monotonic() < deadline:
            sent = client.get(f"{NOTIFICATIONS}/deliveries", params={"state": "sent"}).json()
            if sent.get("count", 0) >= 2:
                break
            time.sleep(0.5)
        matches = client.get(f"{MATCHING}/matches").json()
        programmes = client.get(f"{INTAKE}/programmes", params={"per_page": 1}).json()
        print(f"[seed] {len(PEOPLE)} people, {len(VACANCIES)} vacancies, "
              f"{programmes['count']} programmes, {len(ids)} records seeded; "
              f"{matches.get('count')} matches proposed, {sent.get('count')} emails sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
