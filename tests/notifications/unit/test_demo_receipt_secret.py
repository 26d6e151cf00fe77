"""The local demo (scripts/platform) and docker-compose give notifications a development secret
for SMS delivery receipts: while it is unset every receipt is refused with a 401. Being
published, that secret is refused outside development, like the other placeholders."""

from __future__ import annotations

import re
import time

import pytest
from notifications.config import DEVELOPMENT_SMS_RECEIPT_SECRET, Settings
from notifications.domain.webhooks import verify
from pydantic import SecretStr, ValidationError

from tests.harness import ROOT
from tests.notifications.receivers import signed_receipt

DEFAULT = re.compile(r"REIMPIEGO_SMS_RECEIPT_SECRET:-(whsec_[A-Za-z0-9+/=]+)\}")


def _set_for_notifications(path: str) -> str:
    """The development value, where the notifications process gets it from."""
    text = (ROOT / path).read_text()
    if path == "docker-compose.yml":
        text = text[text.index("\n  notifications:\n"):]
    else:
        text = text[text.index("\n  up)\n"):text.index("start_process mail-sink")]
    found = DEFAULT.search(text)
    assert found, f"{path} gives notifications no REIMPIEGO_SMS_RECEIPT_SECRET"
    return found.group(1)


@pytest.mark.parametrize("path", ["scripts/platform", "docker-compose.yml"])
def test_the_demo_accepts_receipts_signed_with_its_secret(path: str) -> None:
    secret = _set_for_notifications(path)
    body, headers = signed_receipt(secret, {"message_id": "gw-1", "status": "delivered"})
    assert verify(secret, headers["webhook-id"], headers["webhook-timestamp"], body,
                  headers["webhook-signature"], time.time(), tolerance_seconds=300)
    assert secret == DEVELOPMENT_SMS_RECEIPT_SECRET  # the value production settings refuse


def _settings(environment: str, receipt_secret: str) -> Settings:
    return Settings(environment=environment, sms_receipt_secret=SecretStr(receipt_secret),
                    service_token=SecretStr("a-real-token"), jwks_url="https://idp.example/jwks")


def test_production_settings_refuse_the_development_receipt_secret() -> None:
    with pytest.raises(ValidationError, match="REIMPIEGO_SMS_RECEIPT_SECRET must be set"):
        _settings("production", DEVELOPMENT_SMS_RECEIPT_SECRET)


def test_production_settings_accept_a_receipt_secret_of_their_own() -> None:
    own = "whsec_" + "A" * 43 + "="
    assert _settings("production", own).sms_receipt_secret == SecretStr(own)
    assert _settings("development", DEVELOPMENT_SMS_RECEIPT_SECRET).sms_receipt_secret
