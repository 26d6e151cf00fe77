"""Contact details come from intake at send time, never from events or a local copy."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Contact:
    given_name: str
    email: str | None
    phone: str | None
    locale: str = "it"
    consent: bool = True


class IntakeClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def contact(self, seeker_id: str) -> Contact | None:
        """None when intake no longer knows the person (erased): nothing may be sent.
        A `contact_consent: false` in the answer (consent withdrawn) is honoured the same way."""
        response = await self._http.get(f"/seekers/{seeker_id}/contact")
        if response.status_code in (404, 410):
            return None
        response.raise_for_status()
        body = response.json()
        return Contact(
            given_name=body["given_name"], email=body.get("email"), phone=body.get("phone"),
            locale=body.get("locale") or "it", consent=body.get("contact_consent", True),
        )
