"""Development signing keys and tokens, so the README's curl lines and the tests can authenticate.

`python -m api_edge.dev_tokens issue --role operator --office-id modena` prints a token signed with
the key in .local/auth (created on first use; its JWKS is what the services verify against).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

DEFAULT_DIR = Path(
    os.environ.get("REIMPIEGO_LOCAL_DIR", Path(__file__).resolve().parents[2] / ".local")
) / "auth"


class DevIssuer:
    """An RSA key pair kept in `folder` (private.pem, jwks.json) and tokens signed with it."""

    def __init__(self, folder: Path = DEFAULT_DIR, issuer: str = "reimpiego-dev",
                 audience: str = "reimpiego") -> None:
        self.folder = folder
        self.issuer = issuer
        self.audience = audience
        self.jwks_path = folder / "jwks.json"
        self._private = self._load_or_create()

    def _load_or_create(self) -> rsa.RSAPrivateKey:
        pem = self.folder / "private.pem"
        if pem.exists():
            key = serialization.load_pem_private_key(pem.read_bytes(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            return key
        self.folder.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
        pem.chmod(0o600)
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        self.jwks_path.write_text(json.dumps(
            {"keys": [{**public, "kid": "dev-1", "use": "sig", "alg": "RS256"}]}))
        return key

    def issue(self, roles: Iterable[str], *, subject: str | None = None,
              office_id: str | None = None, organisation_id: str | None = None,
              purposes: Iterable[str] = (), ttl_seconds: int = 8 * 3600) -> str:
        now = int(time.time())
        claims: dict[str, object] = {
            "iss": self.issuer, "aud": self.audience, "iat": now, "exp": now + ttl_seconds,
            "sub": subject or f"dev-{uuid.uuid4().hex[:8]}", "roles": sorted(set(roles)),
            "purposes": sorted(set(purposes)),
        }
        if office_id:
            claims["office_id"] = office_id
        if organisation_id:
            claims["org_id"] = organisation_id
        return jwt.encode(claims, self._private, algorithm="RS256", headers={"kid": "dev-1"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api_edge.dev_tokens")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("jwks", help="print the path of the development JWKS file")
    issue = sub.add_parser("issue", help="print a development token")
    issue.add_argument("--role", action="append", required=True)
    issue.add_argument("--subject")
    issue.add_argument("--office-id")
    issue.add_argument("--organisation-id")
    issue.add_argument("--purpose", action="append", default=[])
    issue.add_argument("--ttl-seconds", type=int, default=8 * 3600)
    args = parser.parse_args(argv)
    issuer = DevIssuer()
    if args.command == "jwks":
        sys.stdout.write(f"{issuer.jwks_path}\n")
        return 0
    sys.stdout.write(issuer.issue(args.role, subject=args.subject, office_id=args.office_id,
                                  organisation_id=args.organisation_id, purposes=args.purpose,
                                  ttl_seconds=args.ttl_seconds) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
