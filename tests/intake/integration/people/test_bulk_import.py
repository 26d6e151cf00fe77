"""Bulk import over real HTTP: mixed good and bad rows, a per-row report, idempotent re-import by
tax code, progress counts, and a broken file stopping with a clear problem."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from tests.intake.people_data import person

COLUMNS = ["tax_code", "given_name", "family_name", "birth_date", "sex", "email", "phone",
           "municipality", "labour_status", "labour_status_since", "wage_guarantee_kind",
           "hours_reduction_pct", "wage_guarantee_expected_end", "skills", "languages",
           "consent_data_processing"]


def _csv_line(values: dict[str, Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([values.get(c, "") for c in COLUMNS])
    return buffer.getvalue()


def _worker(**overrides: Any) -> dict[str, Any]:
    """A cassa-integrazione worker of seed 000, as a CSV row."""
    body = person()
    return {**{k: body[k] for k in ("tax_code", "given_name", "family_name", "birth_date", "sex",
                                    "email", "phone", "municipality")},
            "labour_status": "wage_guarantee", "labour_status_since": "2026-03-01",
            "wage_guarantee_kind": "business_closure", "hours_reduction_pct": "100",
            "wage_guarantee_expected_end": "2027-02-28", "skills": "saldatura;muletto",
            "languages": "en:A2", "consent_data_processing": "sì", **overrides}


async def _chunks(text: str, size: int = 97) -> AsyncIterator[bytes]:
    data = text.encode()
    for start in range(0, len(data), size):  # small, odd chunks: rows split across chunks
        yield data[start:start + size]


async def _run(operator: httpx.AsyncClient, fmt: str, text: str,
               media: str) -> tuple[httpx.Response, str]:
    job = (await operator.post("/seeker-imports", json={"format": fmt})).json()
    response = await operator.put(f"/seeker-imports/{job['id']}/rows", content=_chunks(text),
                                  headers={"Content-Type": media})
    return response, job["id"]


async def test_mixed_rows_are_reported_one_by_one_and_a_reimport_changes_nothing(
    operator: httpx.AsyncClient,
) -> None:
    good = [_worker() for _ in range(120)]
    bad = [_worker(tax_code="RSSMRA80A41F257X"), _worker(municipality="999999"),
           _worker(languages="en:Z9")]
    rows = [*good[:60], *bad, *good[60:], good[0]]  # good[0] twice: second is unchanged
    text = ",".join(COLUMNS) + "\n" + "".join(_csv_line(r) for r in rows)
    response, job_id = await _run(operator, "csv", text, "text/csv")
    assert response.status_code == 200, response.text
    job = response.json()
    assert job["status"] == "completed"
    assert job["counts"] == {"processed": 124, "created": 120, "updated": 0, "unchanged": 1,
                             "rejected": 3}
    rejected = (await operator.get(f"/seeker-imports/{job_id}/rows",
                                   params={"outcome": "rejected"})).json()
    assert [(r["line"], r["errors"][0]["field"]) for r in rejected["data"]] == [
        (62, "tax_code"), (63, "municipality"), (64, "languages.0.level")]
    again, _ = await _run(operator, "csv", text, "text/csv")
    assert again.json()["counts"]["unchanged"] == 121
    assert again.json()["counts"]["created"] == 0


async def test_a_changed_row_updates_the_person_in_place(operator: httpx.AsyncClient) -> None:
    worker = _worker()
    header = ",".join(COLUMNS) + "\n"
    first, _ = await _run(operator, "csv", header + _csv_line(worker), "text/csv")
    assert first.json()["counts"]["created"] == 1
    moved = {**worker, "labour_status": "unemployed", "labour_status_since": "2026-10-01",
             "wage_guarantee_kind": "", "hours_reduction_pct": "",
             "wage_guarantee_expected_end": ""}
    second, job_id = await _run(operator, "csv", header + _csv_line(moved), "text/csv")
    assert second.json()["counts"]["updated"] == 1, second.text
    report = (await operator.get(f"/seeker-imports/{job_id}/rows")).json()["data"][0]
    person_now = (await operator.get(f"/seekers/{report['seeker_id']}")).json()
    assert person_now["labour_status"]["kind"] == "unemployed"
    assert person_now["status_history"][0]["kind"] == "wage_guarantee"


async def test_json_lines_import_the_same_shape_as_the_api(operator: httpx.AsyncClient) -> None:
    lines = [json.dumps(person(skills=["Excel"])) for _ in range(3)] + ["{not json", "[1]"]
    response, job_id = await _run(operator, "jsonl", "\n".join(lines) + "\n",
                                  "application/x-ndjson")
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["created"] == 3
    assert response.json()["counts"]["rejected"] == 2
    progress = (await operator.get(f"/seeker-imports/{job_id}")).json()
    assert progress["counts"]["processed"] == 5


async def test_a_broken_file_stops_with_a_problem_and_keeps_earlier_rows(
    operator: httpx.AsyncClient,
) -> None:
    unknown = "tax_code,shoe_size\nRSSMRA80A41F257K,42\n"
    response, _ = await _run(operator, "csv", unknown, "text/csv")
    assert response.status_code == 422
    assert "shoe_size" in response.json()["errors"][0]["reason"]
    wrong_type, _ = await _run(operator, "csv", unknown, "application/x-ndjson")
    assert wrong_type.status_code == 415
