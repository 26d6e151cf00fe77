"""Bearer tokens (JWT) verified against a configured issuer and signing keys, and the roles they
carry.

Keys come from a JWKS file (REIMPIEGO_JWKS_PATH) or URL (REIMPIEGO_JWKS_URL); an identity provider
issues tokens in production, `python -m api_edge.dev_tokens` in development and tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import jwt
from fastapi import Depends, FastAPI, Request
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from api_edge.problems import Problem

ALGORITHMS = ["RS256", "ES256"]


class Role(StrEnum):
    OPERATOR = "operator"  # job-centre operator, scoped to an office
    SUPERVISOR = "supervisor"
    PARTNER = "partner"  # partner organisation, scoped to it
    EMPLOYER = "employer"  # a company, scoped to it
    AUDITOR = "auditor"
    SYSTEM = "system"  # service-to-service
    DOWNSTREAM = "downstream"  # webhook subscription management


class EdgeSettings(BaseSettings):
    """Settings of the HTTP edge: token verification and abuse limits."""

    model_config = SettingsConfigDict(env_prefix="REIMPIEGO_", extra="ignore")

    jwt_issuer: str = "reimpiego-dev"
    jwt_audience: str = "reimpiego"
    jwks_path: str | None = Field(default=None, description="JWKS file with the signing keys.")
    jwks_url: str | None = Field(default=None,
                                 description="JWKS endpoint of the identity provider.")
    rate_limit_per_minute: int = Field(default=1200, ge=1, description="Requests per client.")
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)


    @model_validator(mode="after")
    def _require_keys_outside_development(self) -> EdgeSettings:
        environment = getattr(self, "environment", "development")
        if environment != "development" and not (self.jwks_path or self.jwks_url):
            raise ValueError("REIMPIEGO_JWKS_PATH or REIMPIEGO_JWKS_URL must be set outside "
                             "development")
        return self


AuthSettings = EdgeSettings  # the name services' settings inherit from


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[Role]
    office_id: str | None = None
    organisation_id: str | None = None
    purposes: frozenset[str] = frozenset()

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Principal:
        known = {r.value for r in Role}
        return cls(
            subject=str(claims["sub"]),
            roles=frozenset(Role(r) for r in claims.get("roles", []) if r in known),
            office_id=claims.get("office_id"),
            organisation_id=claims.get("org_id"),
            purposes=frozenset(claims.get("purposes", [])),
        )


class Authenticator:
    """Verifies signature, issuer, audience and expiry; keys are loaded once, on first use."""

    def __init__(self, settings: EdgeSettings) -> None:
        self._settings = settings
        self._keys: jwt.PyJWKSet | None = None
        self._client = jwt.PyJWKClient(settings.jwks_url) if settings.jwks_url else None

    def _signing_key(self, token: str) -> Any:
        if self._client is not None:
            return self._client.get_signing_key_from_jwt(token).key
        if self._settings.jwks_path is None:
            raise jwt.InvalidTokenError("no signing keys are configured")
        if self._keys is None:
            self._keys = jwt.PyJWKSet.from_dict(
                json.loads(Path(self._settings.jwks_path).read_text()))
        kid = jwt.get_unverified_header(token).get("kid")
        for key in self._keys.keys:
            if kid is None or key.key_id == kid:
                return key.key
        raise jwt.InvalidTokenError("unknown signing key")

    def verify(self, token: str) -> Principal:
        claims = jwt.decode(
            token,
            self._signing_key(token),
            algorithms=ALGORITHMS,
            audience=self._settings.jwt_audience,
            issuer=self._settings.jwt_issuer,
            options={"require": ["exp", "sub", "iss", "aud"]},
        )
        return Principal.from_claims(claims)


def install_auth(app: FastAPI, settings: EdgeSettings) -> None:
    app.state.authenticator = Authenticator(settings)


def _unauthorised(detail: str) -> Problem:
    return Problem(401, "Unauthorised", detail, kind="unauthorised",
                   headers={"WWW-Authenticate": 'Bearer realm="reimpiego"'})


async def authenticate(request: Request) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _unauthorised("A bearer token is required.")
    try:
        principal = request.app.state.authenticator.verify(token.strip())
    except (jwt.PyJWTError, KeyError, ValueError) as error:
        raise _unauthorised(f"The bearer token is not valid: {error}.") from None
    request.state.principal = principal
    return principal  # type: ignore[no-any-return]


CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


def require_roles(*roles: Role) -> Any:
    """A dependency admitting only principals with one of `roles` (403 otherwise)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has(*roles):
            allowed = ", ".join(r.value for r in roles)
            raise Problem(403, "Forbidden", f"This operation needs one of the roles: {allowed}.",
                          kind="forbidden")
        return principal

    return Depends(check)
