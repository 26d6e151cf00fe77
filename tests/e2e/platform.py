"""The three services started as real processes against the real servers, for one test module."""

from __future__ import annotations

import random
import secrets
import string
from dataclasses import dataclass
from datetime import date, timedelta

import httpx
from api_edge.auth import Role
from codicefiscale import codicefiscale

from tests.conftest import Tokens
from tests.harness import ServiceProcess, SmtpSink

MODENA = "036023"


@dataclass
class Platform:
    intake: ServiceProcess
    matching: ServiceProcess
    notifications: ServiceProcess
    smtp: SmtpSink
    env: dict[str, str]
    headers: dict[str, str]

    @classmethod
    def create(cls, base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens) -> Platform:
        """Fresh topics and databases for this platform only."""
        suffix = secrets.token_hex(3)
        env = {
            **base_env,
            "REIMPIEGO_TOPIC_PREFIX": f"{base_env['REIMPIEGO_TOPIC_PREFIX']}{suffix}.",
            "REIMPIEGO_INTAKE_DATABASE": f"{base_env['REIMPIEGO_INTAKE_DATABASE']}_{suffix}",
            "REIMPIEGO_MATCHING_DATABASE": f"{base_env['REIMPIEGO_MATCHING_DATABASE']}_{suffix}",
            "REIMPIEGO_NOTIFICATIONS_DATABASE":
                f"{base_env['REIMPIEGO_NOTIFICATIONS_DATABASE']}_{suffix}",
            "REIMPIEGO_SMTP_HOST": "127.0.0.1",
            "REIMPIEGO_SMTP_PORT": str(smtp.port),
        }
        intake = ServiceProcess("intake", env, args=["api"])
        matching = ServiceProcess("matching", env)
        notifications = ServiceProcess("notifications", env)
        env["REIMPIEGO_INTAKE_URL"] = intake.url  # the processes share this dict
        env["REIMPIEGO_MATCHING_URL"] = matching.url
        env["REIMPIEGO_NOTIFICATIONS_URL"] = notifications.url
        return cls(
            intake=intake,
            matching=matching,
            notifications=notifications,
            smtp=smtp,
            env=env,
            headers=tokens.headers(Role.SUPERVISOR, subject="e2e-supervisor"),
        )

    def client(self, service: str) -> httpx.AsyncClient:
        """An HTTP client for one service, authenticated as a supervisor."""
        process: ServiceProcess = getattr(self, service)
        return httpx.AsyncClient(base_url=process.url, headers=self.headers, timeout=15)

    @property
    def services(self) -> list[ServiceProcess]:
        return [self.intake, self.matching, self.notifications]

    async def start(self) -> None:
        for service in self.services:
            service.start()
        for service in self.services:
            await service.wait_ready()

    def stop(self) -> None:
        for service in self.services:
            service.stop()


def new_seeker(email: str, **overrides: object) -> dict[str, object]:
    return {
        "given_name": "Maria",
        "family_name": "Rossi",
        "tax_code": random_tax_code(),
        "email": email,
        "municipality": MODENA,
        "occupation": "impiegata amministrativa",
        "skills": ["contabilità", "Excel", "fatturazione"],
        **overrides,
    }


def new_vacancy(**overrides: object) -> dict[str, object]:
    return {
        "employer_id": f"emp-{secrets.token_hex(3)}",
        "title": "Impiegato amministrativo",
        "occupation": "Impiegata Amministrativa",
        "essential_skills": ["Contabilità", "excel"],
        "optional_skills": ["inglese"],
        "municipality": MODENA,
        **overrides,
    }


EMPLOYER = {"name": "Ceramiche Demo S.p.A.", "vat_number": "00743110157",
            "sector_ateco": "23.31", "municipality": MODENA, "size": "medium"}


async def registered_employer(client: httpx.AsyncClient) -> str:
    """Vacancies need a registered employer; the same Idempotency-Key returns the same one."""
    response = await client.post("/employers", json=EMPLOYER,
                                 headers={"Idempotency-Key": "e2e-employer"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def post(client: httpx.AsyncClient, url: str, body: dict[str, object]) -> dict[str, object]:
    if url == "/vacancies":
        body = {**body, "employer_id": await registered_employer(client)}
    response = await client.post(url, json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def unique_email() -> str:
    return f"persona-{secrets.token_hex(4)}@example.org"


def random_tax_code(gender: str = "F") -> str:
    """A valid codice fiscale for a made-up person (random names and birth date)."""
    rng = random.SystemRandom()
    letters = string.ascii_uppercase
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
    return str(
        codicefiscale.encode(
            lastname="".join(rng.choice(letters) for _ in range(7)),
            firstname="".join(rng.choice(letters) for _ in range(6)),
            gender=gender,
            birthdate=birth.strftime("%d/%m/%Y"),
            birthplace="Modena",
        )
    )
