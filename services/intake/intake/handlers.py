"""What intake does with other services' events: track their erasure confirmations."""

from __future__ import annotations

from event_backbone import Envelope
from event_backbone.erasure import ERASURE_CONFIRMED, ErasureConfirmed

from intake.adapters.mongo_erasures import MongoErasures


class IntakeHandlers:
    def __init__(self, erasures: MongoErasures) -> None:
        self.erasures = erasures

    async def on_erasure_confirmed(self, envelope: Envelope) -> None:
        confirmation = ErasureConfirmed.model_validate(envelope.data)
        await self.erasures.confirmed(confirmation.erasure_id, confirmation.service,
                                      confirmation.removed, confirmation.confirmed_at)

    def by_type(self) -> dict[str, object]:
        return {ERASURE_CONFIRMED.type: self.on_erasure_confirmed}
