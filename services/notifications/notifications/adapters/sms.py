"""SMS through an HTTP gateway (httpx): JSON {from, to, text, reference}, bearer credential. The
reference is the delivery id, so a gateway that deduplicates on it never sends twice; the id the
gateway answers with is the one its delivery receipts name."""

from __future__ import annotations

import httpx

from notifications.config import Settings

MAX_ID = 128  # as long as a receipt may name


class SmsGatewayError(Exception):
    pass


class HttpSmsSender:
    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self._http = http
        self._settings = settings

    async def send(self, delivery_id: str, to: str, text: str) -> str:
        """The gateway's id for the message (our reference when it gives none)."""
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
            answer = response.json()
        except ValueError:
            return delivery_id
        gateway_id = answer.get("id") if isinstance(answer, dict) else None
        return str(gateway_id)[:MAX_ID] if gateway_id else delivery_id
