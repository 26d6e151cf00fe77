"""Intake's settings: the backbone's plus its own database and the credential other services use."""

from api_edge.auth import AuthSettings
from event_backbone import BackboneSettings
from pydantic import Field, SecretStr, model_validator

PLACEHOLDER = "change-me"


class Settings(BackboneSettings, AuthSettings):
    intake_database: str = "intake"
    service_token: SecretStr = Field(
        default=SecretStr(PLACEHOLDER),
        description="Bearer token other services present to read contact details.",
    )

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> "Settings":
        if (
            self.environment != "development"
            and self.service_token.get_secret_value() == PLACEHOLDER
        ):
            raise ValueError("REIMPIEGO_SERVICE_TOKEN must be set outside development")
        return self
