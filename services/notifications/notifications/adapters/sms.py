"""SMS through an HTTP gateway (httpx): JSON {from, to, text, reference}, bearer credential. The
reference is the delivery id, so a gateway that deduplicates on it never sends twice."""

from __future__ import annotations

import httpx

from notifications.config import Settings


class SmsGatewayError(Exception):
    pass


class HttpSmsSender:
    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self._http = http
        self._settings = settings

    async def send(self, delivery_id: str, to: str, text: str) -> str:
        token = self._settings.sms_gateway_token.get_secret_value()
        response = await self._http.post(
            self._settings.sms_gateway_url,
            json={"from": self._settings.sms_sender, "to": to, "text": text,
                  "reference": delivery_id},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": delivery_id},
        )
        if response.status_code >= 300:
            raise SmsGatewayError(f"gateway answered {response.status_code}")
        try:
            return str(response.json().get("id") or delivery_id)
        except ValueError:
            return delivery_id
