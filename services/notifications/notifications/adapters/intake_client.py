"""Contact details come from intake at send time, never from events or a local copy."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Contact:
    given_name: str
    email: str
    phone: str | None


class IntakeClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def contact(self, seeker_id: str) -> Contact | None:
        """None when intake no longer knows the person (erased): nothing may be sent."""
        response = await self._http.get(f"/seekers/{seeker_id}/contact")
        if response.status_code == 404:
            return None
        response.raise_for_status()
        body = response.json()
        return Contact(body["given_name"], body["email"], body.get("phone"))
