"""Seeds a small demo through the public APIs: a few people in care in Modena and vacancies that
fit some of them. Running it again changes nothing (people are unique by tax code)."""

from __future__ import annotations

import sys
import time

import httpx

INTAKE = "http://127.0.0.1:8001"
MATCHING = "http://127.0.0.1:8002"
NOTIFICATIONS = "http://127.0.0.1:8003"
MODENA, CARPI, BOLOGNA = "036023", "036005", "037006"

PEOPLE = [
    {"given_name": "Maria", "family_name": "Rossi", "tax_code": "RSSMRA80A41F257K",
     "email": "maria.rossi@example.org", "phone": "333 123 4567", "municipality": MODENA,
     "occupation": "impiegata amministrativa", "skills": ["contabilità", "Excel", "fatturazione"]},
    {"given_name": "Luca", "family_name": "Bianchi", "tax_code": "BNCLCU75C12F257P",
     "email": "luca.bianchi@example.org", "municipality": CARPI,
     "occupation": "operatore di macchine utensili", "skills": ["tornio CNC", "lettura disegno tecnico"]},
    {"given_name": "Giulia", "family_name": "Verdi", "tax_code": "VRDGLI90E50A944S",
     "email": "giulia.verdi@example.org", "municipality": BOLOGNA,
     "occupation": "addetta alle vendite", "skills": ["vendita", "inglese"]},
]

VACANCIES = [
    {"employer_id": "ceramiche-sassuolo", "title": "Impiegato/a amministrativo/a",
     "occupation": "impiegata amministrativa", "essential_skills": ["contabilità", "excel"],
     "optional_skills": ["inglese"], "municipality": MODENA, "openings": 2},
    {"employer_id": "meccanica-carpi", "title": "Operatore CNC",
     "occupation": "operatore di macchine utensili", "essential_skills": ["tornio CNC"],
     "municipality": CARPI, "openings": 3},
]


def main() -> int:
    with httpx.Client(timeout=10) as client:
        first = client.post(f"{INTAKE}/seekers", json=PEOPLE[0])
        if first.status_code == 409:
            print("[seed] demo data already present")
            return 0
        first.raise_for_status()
        for vacancy in VACANCIES:
            client.post(f"{INTAKE}/vacancies", json=vacancy).raise_for_status()
        for person in PEOPLE[1:]:
            client.post(f"{INTAKE}/seekers", json=person).raise_for_status()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            sent = client.get(f"{NOTIFICATIONS}/deliveries", params={"state": "sent"}).json()
            if sent["count"] >= 2:
                break
            time.sleep(0.5)
        matches = client.get(f"{MATCHING}/matches").json()
        print(f"[seed] {len(PEOPLE)} people, {len(VACANCIES)} vacancies, "
              f"{matches['count']} matches proposed, {sent['count']} emails sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
