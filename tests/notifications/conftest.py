"""One notifications + intake stack per test module (processes are reused within a module)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import Tokens
from tests.harness import SmtpSink
from tests.notifications.stack import Stack


@pytest.fixture(scope="module")
async def stack(base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens) -> AsyncIterator[Stack]:
    stack = Stack.create(base_env, smtp, tokens)
    try:
        await stack.start()
        yield stack
    finally:
        await stack.stop()
