"""Matching's settings: the backbone's plus its own database and proposal threshold."""

from api_edge.auth import AuthSettings
from event_backbone import BackboneSettings
from pydantic import Field


class Settings(BackboneSettings, AuthSettings):
    matching_database: str = "matching"
    proposal_threshold: float = Field(default=0.5, ge=0, le=1)
