"""Crash points for recovery tests: the process kills itself (SIGKILL) where the named point is
armed.

Armed only through the REIMPIEGO_CRASH_AT environment variable, so a test can stop a real process at
an exact step (e.g. between the Mongo write and the Kafka publish) and prove nothing is lost.
"""

import os
import signal

ENV_VAR = "REIMPIEGO_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(ENV_VAR) == name:
        os.kill(os.getpid(), signal.SIGKILL)
