"""Jobs the intake process runs on a timer (retention, age-derived groups): each pass is retried
at the next tick when it fails, and new events are handed to the relay at once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def run_every(name: str, every_seconds: float, job: Callable[[], Awaitable[int]],
                    nudge: Callable[[], None]) -> None:
    """Run `job` now and then every `every_seconds`; it returns how many records it changed."""
    while True:
        try:
            changed = await job()
            if changed:
                log.info("scheduled job changed records", extra={"job": name, "count": changed})
                nudge()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("scheduled job failed; retrying next time", extra={"job": name})
        await asyncio.sleep(every_seconds)
