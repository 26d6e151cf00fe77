"""Notifications' settings: the backbone's plus SMTP, intake's address and its own database."""

from api_edge.auth import AuthSettings
from event_backbone import BackboneSettings
from pydantic import Field, SecretStr, model_validator

PLACEHOLDER = "change-me"


class Settings(BackboneSettings, AuthSettings):
    notifications_database: str = "notifications"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    mail_from: str = "reimpiego <noreply@reimpiego.example>"
    message_id_domain: str = "reimpiego.example"
    intake_url: str = "http://127.0.0.1:8001"
    service_token: SecretStr = Field(default=SecretStr(PLACEHOLDER))
    outgoing_timeout_seconds: float = 15.0

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> "Settings":
        if (
            self.environment != "development"
            and self.service_token.get_secret_value() == PLACEHOLDER
        ):
            raise ValueError("REIMPIEGO_SERVICE_TOKEN must be set outside development")
        return self
