"""One sender loop per channel, a few workers each: they claim due messages from Mongo (so
reminders, deferrals and retries survive restarts), respect the channel's rate limit, and pause
the channel alone when it fails, leaving the other channels running."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.send_claims import MongoSendClaims

log = logging.getLogger(__name__)
PAUSE_CAP_SECONDS = 30.0


class ChannelFailure(Exception):
    """The channel itself failed (server down, gateway error): pause it before the next one."""


class RateLimiter:
    """Spaces sends of one channel at least 1/rate seconds apart (in this process)."""

    def __init__(self, per_second: float) -> None:
        self._interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            moment = time.monotonic()
            delay = self._next - moment
            self._next = max(moment, self._next) + self._interval
        if delay > 0:
            await asyncio.sleep(delay)


class ChannelLoop:
    def __init__(self, channel: str, deliveries: MongoDeliveryLog,
                 process: Callable[[dict[str, Any]], Awaitable[None]], *, rate: float,
                 lease_seconds: float, poll_seconds: float) -> None:
        self.channel = channel
        self._deliveries = deliveries
        self._process = process
        self._limiter = RateLimiter(rate)
        self._lease = lease_seconds
        self._poll = poll_seconds
        self._wakeup = asyncio.Event()
        self._failures = 0

    def wake(self) -> None:
        self._wakeup.set()

    async def run(self) -> None:
        while True:
            held = await self._claim()
            if held is None:
                self._wakeup.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), timeout=self._poll)
                continue
            await self._limiter.wait()
            await self._handle(held)

    async def _claim(self) -> dict[str, Any] | None:
        try:
            return await self._deliveries.claim(self.channel, self._lease)
        except Exception:
            log.exception("claim failed", extra={"channel": self.channel})
            await asyncio.sleep(self._poll)
            return None

    async def _handle(self, held: dict[str, Any]) -> None:
        try:
            await self._process(held)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self._failures += 1
            pause = min(self._poll * 2 ** self._failures, PAUSE_CAP_SECONDS)
            log.warning("channel paused", extra={"channel": self.channel, "delivery_id":
                        held["_id"], "pause_seconds": pause, "error": repr(error)})
            await asyncio.sleep(pause)
        else:
            self._failures = 0


async def run_clean_up(claims: MongoSendClaims, retention: timedelta, every_seconds: float) -> None:
    """Every so often, forget the claims and queue entries that protect no send any more."""
    while True:
        try:
            moment = datetime.now(UTC)
            released = await claims.prune_claims(moment - retention)
            leftovers = await claims.prune_queue(moment)
            if released or leftovers:
                log.info("send queue cleaned up", extra={"claims": released,
                                                         "queue_entries": leftovers})
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("send queue clean-up failed; trying again next time")
        await asyncio.sleep(every_seconds)
