"""Schemathesis against the OpenAPI of every service, as a supervisor: no server errors and no
response that breaks its own schema, whatever the generated input."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import Tokens
from tests.e2e.platform import Platform
from tests.harness import SmtpSink

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


@pytest.fixture(scope="module")
async def platform(base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens
                   ) -> AsyncIterator[Platform]:
    platform = Platform.create({**base_env, "REIMPIEGO_RATE_LIMIT_PER_MINUTE": "1000000"},
                               smtp, tokens)
    try:
        await platform.start()
        yield platform
    finally:
        platform.stop()


@pytest.mark.parametrize("service", ["intake", "matching", "notifications"])
async def test_generated_requests_never_cause_a_server_error_or_a_response_off_schema(
    platform: Platform, service: str, tmp_path: Path
) -> None:
    url = getattr(platform, service).url
    process = await asyncio.create_subprocess_exec(
        SCHEMATHESIS, "run", f"{url}/openapi.json",
        "--checks", "not_a_server_error,response_schema_conformance",
        "--header", f"Authorization:{platform.headers['Authorization']}",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", "10", "--max-time", "30", "--seed", "20261124",
        "--request-timeout", "15", "--workers", "1", "--no-color",
        "--generation-database", "none", "--exclude-path", "/metrics",
        "--report-dir", str(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    text = output.decode(errors="replace")
    assert process.returncode == 0, text[-6000:]
