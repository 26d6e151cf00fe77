"""Notifications' settings: the backbone's plus channels, schedules and limits.

Every delay is a setting so that tests (and operators) can shrink days to seconds."""

from api_edge.auth import AuthSettings
from event_backbone import BackboneSettings
from pydantic import Field, SecretStr, model_validator

PLACEHOLDER = "change-me"
# The published secret scripts/platform and docker-compose give the demo: refused anywhere else.
DEVELOPMENT_SMS_RECEIPT_SECRET = "whsec_cmVpbXBpZWdvLWRldi1zbXMtcmVjZWlwdC1zZWNyZXQ="


class Settings(BackboneSettings, AuthSettings):
    notifications_database: str = "notifications"
    # email
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    mail_from: str = "reimpiego <noreply@reimpiego.example>"
    message_id_domain: str = "reimpiego.example"
    # sms gateway (HTTP, JSON {from, to, text, reference} answered with {id}, bearer credential;
    # its delivery receipts come back to POST /sms-receipts, signed)
    sms_gateway_url: str = "http://127.0.0.1:9099/messages"
    sms_gateway_token: SecretStr = Field(default=SecretStr(PLACEHOLDER))
    sms_sender: str = "CPI"
    sms_receipt_secret: SecretStr | None = Field(
        default=None, description="Standard Webhooks secret (whsec_...) shared with the SMS "
        "gateway, which signs its delivery receipts with it; receipts are refused while unset.")
    sms_receipt_tolerance_seconds: float = Field(
        default=300, gt=0, description="A receipt signed longer ago than this is refused.")
    # where people come from
    intake_url: str = "http://127.0.0.1:8001"
    service_token: SecretStr = Field(default=SecretStr(PLACEHOLDER))
    public_url: str = Field(
        default="http://127.0.0.1:8003", description="Base of links in messages (unsubscribe)."
    )
    unsubscribe_secret: SecretStr | None = Field(
        default=None, description="Signs unsubscribe links; the service token when unset."
    )
    outgoing_timeout_seconds: float = 15.0
    timezone: str = "Europe/Rome"
    # what is scheduled when
    reminder_offsets_minutes: list[int] = Field(default=[24 * 60, 120])
    wage_guarantee_alert_days: int = Field(default=30, ge=0)
    digest_hour: int = Field(default=8, ge=0, le=23, description="Local hour of operators' digest.")
    # the sender loops
    workers_per_channel: int = Field(default=4, ge=1)
    scheduler_poll_seconds: float = Field(default=0.5, gt=0)
    send_lease_seconds: float = Field(
        default=20.0, gt=0, description="A claimed message is retried if not settled by then."
    )
    retry_base_seconds: float = Field(default=30.0, ge=0)
    claim_retention_days: float = Field(
        default=7, ge=0, description="Send claims of settled messages are deleted this long "
        "after they were taken; claims of messages still being sent are always kept.")
    clean_up_every_seconds: float = Field(default=3600, gt=0)
    retry_max_attempts: int = Field(default=8, ge=1)
    rate_per_second: dict[str, float] = Field(
        default={"email": 20.0, "sms": 5.0, "webhook": 50.0}
    )
    # webhooks
    webhook_retry_base_seconds: float = Field(default=5.0, ge=0)
    webhook_retry_cap_seconds: float = Field(default=12 * 3600, ge=0)
    webhook_max_attempts: int = Field(
        default=19, ge=1, description="5 s doubling, capped at 12 h: the last try ~3 days on."
    )
    webhook_allow_private: bool = Field(
        default=False, description="Allow targets on loopback/private networks (tests only)."
    )

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> "Settings":
        if (
            self.environment != "development"
            and self.service_token.get_secret_value() == PLACEHOLDER
        ):
            raise ValueError("REIMPIEGO_SERVICE_TOKEN must be set outside development")
        return self

    @model_validator(mode="after")
    def _refuse_development_receipt_secret(self) -> "Settings":
        secret = self.sms_receipt_secret
        if (
            self.environment != "development"
            and secret is not None
            and secret.get_secret_value() == DEVELOPMENT_SMS_RECEIPT_SECRET
        ):
            raise ValueError("REIMPIEGO_SMS_RECEIPT_SECRET must be set outside development")
        return self

    def link_secret(self) -> bytes:
        return (self.unsubscribe_secret or self.service_token).get_secret_value().encode()
