"""Settings every service shares: where Kafka and MongoDB are, and how the backbone behaves."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class BackboneSettings(BaseSettings):
    """Read from REIMPIEGO_* environment variables; services extend it with their own prefix-free
    fields."""

    model_config = SettingsConfigDict(env_prefix="REIMPIEGO_", extra="ignore")

    environment: str = Field(default="development", description="development | test | production")
    kafka_bootstrap: str = "127.0.0.1:9092"
    mongo_uri: str = "mongodb://127.0.0.1:27017/"
    topic_prefix: str = Field(
        default="", description="Prepended to every topic name (isolates test runs)."
    )
    relay_enabled: bool = True
    relay_poll_seconds: float = 0.5
    relay_sweep_seconds: float = Field(
        default=300.0, gt=0, description="How often the relay scans every outbox for events "
        "that other processes wrote or a crash left behind (and once at start); the process's "
        "own writes go out at once.")
    consumer_max_attempts: int = Field(default=5, ge=1)
    consumer_retry_base_seconds: float = Field(default=0.1, ge=0)
    log_level: str = "INFO"

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"
