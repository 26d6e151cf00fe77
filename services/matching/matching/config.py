"""Matching's settings: the backbone's and the HTTP edge's, plus its database and threshold."""

from api_edge.auth import AuthSettings
from event_backbone import BackboneSettings
from pydantic import Field


class Settings(BackboneSettings, AuthSettings):
    matching_database: str = "matching"
    proposal_threshold: float = Field(default=0.5, ge=0, le=1)
