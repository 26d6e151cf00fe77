"""`python -m intake api|relay`: the intake API (relaying its own outbox unless
REIMPIEGO_RELAY_ENABLED=false), or the outbox relay alone as a separate worker."""

import argparse
import asyncio

import uvicorn
from api_edge import GRACEFUL_SHUTDOWN_SECONDS

from intake.api.app import create_app
from intake.relay import run_relay


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m intake")
    parser.add_argument("command", nargs="?", choices=["api", "relay"], default="api")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    if args.command == "relay":
        asyncio.run(run_relay())
    else:
        uvicorn.run(create_app(), host=args.host, port=args.port, log_config=None,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS)


if __name__ == "__main__":
    main()
