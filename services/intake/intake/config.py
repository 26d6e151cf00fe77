"""Intake's settings: the backbone's plus its own database and the credential other services use."""

from api_edge.auth import AuthSettings
from event_backbone import BackboneSettings
from pydantic import Field, SecretStr, model_validator

PLACEHOLDER = "change-me"
# A published key, for development only: refused anywhere else.
DEVELOPMENT_SPECIAL_CATEGORY_KEY = "ZGV2ZWxvcG1lbnQtb25seS1ub3QtYS1zZWNyZXQtISE="


class Settings(BackboneSettings, AuthSettings):
    intake_database: str = "intake"
    service_token: SecretStr = Field(
        default=SecretStr(PLACEHOLDER),
        description="Bearer token other services present to read contact details.",
    )

    special_category_keys: SecretStr = Field(
        default=SecretStr(DEVELOPMENT_SPECIAL_CATEGORY_KEY),
        description="Fernet keys (comma-separated, newest first) encrypting disability data at "
        "rest; older keys still decrypt, so keys can be rotated.",
    )
    retention_days: float = Field(default=3650, ge=0, description="Closed cases are erased "
                                  "this long after their pact closed (10 years by default).")
    retention_check_seconds: float = Field(default=3600, gt=0)
    age_groups_check_seconds: float = Field(
        default=3600, gt=0, description="How often age-derived target groups are re-derived "
        "for people who had a birthday that changes them (30th, 60th).")
    matching_url: str = "http://127.0.0.1:8002"
    notifications_url: str = "http://127.0.0.1:8003"
    outgoing_timeout_seconds: float = Field(default=15.0, gt=0, le=60)
    import_batch_size: int = Field(default=500, ge=1, le=5000,
                                   description="Rows of a bulk import written per round trip.")

    @model_validator(mode="after")
    def _refuse_development_key(self) -> "Settings":
        key = self.special_category_keys.get_secret_value()
        if self.environment != "development" and DEVELOPMENT_SPECIAL_CATEGORY_KEY in key:
            raise ValueError("REIMPIEGO_SPECIAL_CATEGORY_KEYS must be set outside development")
        return self

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> "Settings":
        if (
            self.environment != "development"
            and self.service_token.get_secret_value() == PLACEHOLDER
        ):
            raise ValueError("REIMPIEGO_SERVICE_TOKEN must be set outside development")
        return self
