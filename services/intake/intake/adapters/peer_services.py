"""What the other services hold about a person, read over HTTP with the service credential — only
for the GDPR access right, where one document must gather everything."""

from __future__ import annotations

from typing import Any

import httpx


class PeerServices:
    def __init__(self, http: httpx.AsyncClient, urls: dict[str, str]) -> None:
        self._http = http
        self._urls = urls

    async def export(self, seeker_id: str) -> dict[str, Any]:
        """Each peer's export, or the reason it could not be read (the export says so)."""
        exported: dict[str, Any] = {}
        for service, url in self._urls.items():
            try:
                response = await self._http.get(f"{url}/exports/seekers/{seeker_id}")
                response.raise_for_status()
                exported[service] = response.json()
            except httpx.HTTPError as error:
                exported[service] = {"unavailable": f"{type(error).__name__}: {error}"}
        return exported
