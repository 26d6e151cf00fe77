"""`python -m matching [--host H] [--port P]`: the matching API with its consumers and relay."""

import argparse

import uvicorn

from matching.api.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m matching")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    args = parser.parse_args()
    uvicorn.run(create_app(), host=args.host, port=args.port, log_config=None)


if __name__ == "__main__":
    main()
