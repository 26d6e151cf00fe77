"""`python -m matching [serve] [--host H] [--port P]`: the API with its consumers and relay;
`python -m matching rebuild`: rebuild the read model by replaying intake's topics."""

import argparse
import asyncio

import uvicorn
from api_edge import GRACEFUL_SHUTDOWN_SECONDS

from matching.api.app import create_app
from matching.config import Settings
from matching.rebuild import rebuild


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m matching")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "rebuild"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    args = parser.parse_args()
    if args.command == "rebuild":
        applied = asyncio.run(rebuild(Settings()))
        print(f"read model rebuilt from {applied} events")
        return
    uvicorn.run(create_app(), host=args.host, port=args.port, log_config=None,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS)


if __name__ == "__main__":
    main()
