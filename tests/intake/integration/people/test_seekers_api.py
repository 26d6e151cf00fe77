"""People in care over real HTTP against a real intake process, FerretDB and Kafka."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest
from api_edge.auth import Role

from tests.intake.integration.people.conftest import Intake
from tests.intake.people_data import person


async def _create(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/seekers", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _failing(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {e["field"]: e["reason"] for e in response.json()["errors"]}


async def test_a_person_is_registered_with_derived_facts_and_an_etag(
    operator: httpx.AsyncClient,
) -> None:
    body = person(labour_status={"kind": "unemployed", "since": "2026-01-10"},
                  education={"isced_level": 7}, consents={"data_processing": True})
    created = await _create(operator, body)
    assert created["office_id"] == "cpi-modena"
    assert created["province"] == "MO"
    assert {"adult_out_of_work", "graduate"} <= set(created["target_groups"])
    assert created["phone"] == "+390591234567"
    assert created["consents"]["data_processing"]["changed_at"] is not None
    read = await operator.get(f"/seekers/{created['id']}")
    assert read.status_code == 200
    assert read.headers["etag"] == '"1"'


@pytest.mark.parametrize("override,field", [
    ({"tax_code": "RSSMRA80A41F257X"}, "tax_code"),
    ({"tax_code": "RSSMRA80A41F25"}, "tax_code"),
    ({"birth_date": "1990-02-03"}, "birth_date"),
    ({"sex": "M"}, "sex"),
    ({"birthplace": "A944"}, "birthplace"),
    ({"municipality": "999999"}, "municipality"),
    ({"email": "not-an-email"}, "email"),
    ({"phone": "12345"}, "phone"),
    ({"citizenship": "XX"}, "citizenship"),
    ({"languages": [{"code": "en", "level": "B3"}]}, "languages.0.level"),
    ({"languages": [{"code": "eng", "level": "B2"}]}, "languages.0.code"),
    ({"education": {"isced_level": 9}}, "education.isced_level"),
    ({"driving_licences": ["Z"]}, "driving_licences.0"),
    ({"declared_target_groups": ["neet"]}, "declared_target_groups"),
    ({"work_history": [{"occupation": "x", "sector_ateco": "ABC", "years": 3}]},
     "work_history.0.sector_ateco"),
    ({"labour_status": {"kind": "wage_guarantee", "since": "2026-01-01"}},
     "labour_status.wage_guarantee"),
])
async def test_each_rule_rejects_with_the_field_named(
    operator: httpx.AsyncClient, override: dict[str, Any], field: str
) -> None:
    body = person(**override)
    response = await operator.post("/seekers", json=body)
    assert field in _failing(response)
    listed = await operator.get("/seekers", params={"fields": "id,tax_code"})
    assert body["tax_code"] not in {p["tax_code"] for p in listed.json()["data"]}


async def test_every_failing_field_is_named_in_one_answer(operator: httpx.AsyncClient) -> None:
    response = await operator.post("/seekers", json=person(
        sex="M", municipality="999999", phone="1", birth_date="1999-09-09"))
    assert {"sex", "municipality", "phone", "birth_date"} <= set(_failing(response))


async def test_a_second_registration_of_a_tax_code_is_a_409_pointing_at_the_first(
    operator: httpx.AsyncClient,
) -> None:
    body = person()
    first = await _create(operator, body)
    again = await operator.post("/seekers", json={**body, "email": "other@example.org"})
    assert again.status_code == 409
    assert again.json()["existing"] == f"/seekers/{first['id']}"


async def test_updates_need_if_match_and_a_stale_one_is_a_412(
    operator: httpx.AsyncClient,
) -> None:
    created = await _create(operator, person())
    url = f"/seekers/{created['id']}"
    missing = await operator.patch(url, json={"skills": ["SAP"]})
    assert missing.status_code == 428
    updated = await operator.patch(url, json={"skills": ["SAP"]}, headers={"If-Match": '"1"'})
    assert updated.status_code == 200, updated.text
    assert updated.headers["etag"] == '"2"'
    stale = await operator.patch(url, json={"skills": ["Excel"]}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert (await operator.get(url)).json()["skills"] == ["SAP"]


async def test_a_bad_update_names_the_field_and_changes_nothing(
    operator: httpx.AsyncClient,
) -> None:
    created = await _create(operator, person())
    url = f"/seekers/{created['id']}"
    response = await operator.patch(url, json={"municipality": "000000"},
                                     headers={"If-Match": '"1"'})
    assert "municipality" in _failing(response)
    after = await operator.get(url)
    assert after.headers["etag"] == '"1"'
    assert after.json()["municipality"] == created["municipality"]


async def test_a_labour_status_change_keeps_the_previous_status_in_history(
    operator: httpx.AsyncClient,
) -> None:
    created = await _create(operator, person(labour_status={
        "kind": "wage_guarantee", "since": "2026-02-01",
        "wage_guarantee": {"kind": "business_closure", "hours_reduction_pct": 100,
                           "expected_end": "2027-01-31"}}))
    response = await operator.put(f"/seekers/{created['id']}/labour-status",
                                  json={"kind": "unemployed", "since": "2026-10-01"},
                                  headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["labour_status"]["kind"] == "unemployed"
    assert [s["kind"] for s in record["status_history"]] == ["wage_guarantee"]


async def test_a_post_replayed_with_its_idempotency_key_returns_the_first_result(
    operator: httpx.AsyncClient,
) -> None:
    key = secrets.token_hex(8)
    body = person()
    first = await operator.post("/seekers", json=body, headers={"Idempotency-Key": key})
    again = await operator.post("/seekers", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    other = await operator.post("/seekers", json=person(), headers={"Idempotency-Key": key})
    assert other.status_code == 422


async def test_lists_filter_sort_page_and_select_fields(operator: httpx.AsyncClient) -> None:
    occupation = f"saldatore-{secrets.token_hex(3)}"
    for born in ("1960-05-01", "1962-05-01", "1990-05-01"):
        await _create(operator, person(born=__import__("datetime").date.fromisoformat(born),
                                       occupation=occupation))
    response = await operator.get("/seekers", params={
        "occupation": occupation, "target_group": "over_60", "sort": "birth_date",
        "per_page": 1, "fields": "id,birth_date,target_groups"})
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["count"] == 2
    assert [set(p) for p in page["data"]] == [{"id", "birth_date", "target_groups"}]
    assert page["data"][0]["birth_date"] == "1960-05-01"
    bad = await operator.get("/seekers", params={"fields": "id,tax_cod"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "fields"


async def test_a_person_of_another_office_is_not_found(intake: Intake,
                                                       operator: httpx.AsyncClient) -> None:
    created = await _create(operator, person())
    async with intake.client(Role.OPERATOR, office_id="cpi-carpi") as elsewhere:
        assert (await elsewhere.get(f"/seekers/{created['id']}")).status_code == 404
        listed = await elsewhere.get("/seekers", params={"fields": "id"})
    assert created["id"] not in {p["id"] for p in listed.json()["data"]}


async def test_contact_details_are_for_the_system_role_only(intake: Intake,
                                                            operator: httpx.AsyncClient) -> None:
    created = await _create(operator, person())
    assert (await operator.get(f"/seekers/{created['id']}/contact")).status_code == 403
    async with intake.client(Role.SYSTEM, office_id=None) as system:
        contact = (await system.get(f"/seekers/{created['id']}/contact")).json()
    assert contact == {"id": created["id"], "given_name": "Maria", "family_name": "Rossi",
                       "email": created["email"], "phone": created["phone"], "locale": "it"}
