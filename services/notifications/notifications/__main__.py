"""`python -m notifications [--host H] [--port P]`: the notifications API with its consumers."""

import argparse

import uvicorn
from api_edge import GRACEFUL_SHUTDOWN_SECONDS

from notifications.api.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m notifications")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    args = parser.parse_args()
    uvicorn.run(create_app(), host=args.host, port=args.port, log_config=None,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS)


if __name__ == "__main__":
    main()
