"""Dependencies the routes declare, as Annotated aliases, and who may call what."""

from __future__ import annotations

from typing import Annotated

from api_edge.auth import Principal, Role, require_roles
from fastapi import Depends, Request

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.people import MongoDirectory, MongoPreferences
from notifications.adapters.sms_receipts import MongoSmsReceipts
from notifications.adapters.subscriptions import MongoSubscriptions
from notifications.config import Settings
from notifications.messages import Templates


def _state(name: str):  # type: ignore[no-untyped-def]
    def read(request: Request) -> object:
        return getattr(request.app.state, name)

    return Depends(read)


DeliveryLog = Annotated[MongoDeliveryLog, _state("deliveries")]
Preferences = Annotated[MongoPreferences, _state("preferences")]
Directory = Annotated[MongoDirectory, _state("directory")]
Subscriptions = Annotated[MongoSubscriptions, _state("subscriptions")]
TemplatesDep = Annotated[Templates, _state("templates")]
SettingsDep = Annotated[Settings, _state("settings")]
SmsReceipts = Annotated[MongoSmsReceipts, _state("sms_receipts")]

# Staff reading the log; downstream systems see their own webhook deliveries only.
LogReader = Annotated[Principal, require_roles(
    Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM, Role.DOWNSTREAM)]
Staff = Annotated[Principal, require_roles(Role.OPERATOR, Role.SUPERVISOR)]
Supervisor = Annotated[Principal, require_roles(Role.SUPERVISOR)]
WebhookManager = Annotated[Principal, require_roles(Role.DOWNSTREAM, Role.SUPERVISOR)]
