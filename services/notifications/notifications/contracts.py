"""The events notifications reads: trimmed copies of the producers' contracts."""

from pydantic import BaseModel

MATCHES_TOPIC = "reimpiego.matching.matches"
CONSUMED_TOPICS = [MATCHES_TOPIC]


class MatchProposedView(BaseModel):
    match_id: str
    seeker_id: str
    vacancy_title: str
    municipality_name: str
    reasons: list[str] = []
