"""Bulk import of people: create a job, stream the file into it, watch its progress and read its
per-row report. The upload is read chunk by chunk and written batch by batch."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from api_edge import Problem
from api_edge.auth import Principal, Role, require_roles
from api_edge.idempotency import new_resource_id
from fastapi import APIRouter, Query, Request, Response, status

from intake.adapters.mongo_imports import MongoImports
from intake.api.deps import Audit, Events, MunicipalityIndex, Seekers
from intake.api.schemas.imports import ImportCreate, ImportPublic, ImportsPublic, RowReports
from intake.domain.imports import BrokenFile, ImportFormat, ImportJob, Outcome
from intake.importing import SeekerImport

router = APIRouter(prefix="/seeker-imports", tags=["seeker imports"])
Staff = Annotated[Principal, require_roles(Role.OPERATOR, Role.SUPERVISOR)]
MEDIA_TYPES = {ImportFormat.CSV: ("text/csv",),
               ImportFormat.JSON_LINES: ("application/x-ndjson", "application/jsonl",
                                         "application/json-lines")}


def _imports(request: Request) -> MongoImports:
    return request.app.state.imports  # type: ignore[no-any-return]


def _office(principal: Principal) -> str | None:
    return None if principal.has(Role.SUPERVISOR) else principal.office_id


async def _visible(request: Request, job_id: str, principal: Principal) -> ImportJob:
    job = await _imports(request).get(job_id)
    if job is None or (_office(principal) is not None and job.office_id != principal.office_id):
        raise Problem(404, "Not found", f"No import with id {job_id}.", kind="not-found")
    return job


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ImportPublic,
             summary="Crea un'importazione / Create a bulk import of people")
async def create_import(body: ImportCreate, request: Request, response: Response,
                        principal: Staff) -> ImportPublic:
    job = ImportJob(id=new_resource_id(request), format=body.format, filename=body.filename,
                    office_id=_office(principal), created_by=principal.subject,
                    created_at=datetime.now(UTC))
    await _imports(request).add(job)
    response.headers["Location"] = f"/seeker-imports/{job.id}"
    return ImportPublic.model_validate((await _visible(request, job.id, principal)).model_dump())


@router.put("/{job_id}/rows", response_model=ImportPublic,
            summary="Carica il file (CSV o JSON Lines) / Stream the file into the import",
            openapi_extra={"requestBody": {"required": True, "content": {
                "text/csv": {"schema": {"type": "string"}, "example":
                             "tax_code,given_name,family_name,email,municipality\n"
                             "RSSMRA80A41F257K,Maria,Rossi,maria@example.org,036023\n"},
                "application/x-ndjson": {"schema": {"type": "string"}}}}})
async def upload_rows(job_id: str, request: Request, principal: Staff, seekers: Seekers,
                      municipalities: MunicipalityIndex, events: Events,
                      audit: Audit) -> ImportPublic:
    job = await _visible(request, job_id, principal)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES[job.format]:
        raise Problem(415, "Unsupported media type", f"This import expects {job.format.value}.",
                      kind="unsupported-media-type", errors=[{
                          "pointer": "/header/Content-Type", "field": "Content-Type",
                          "reason": f"must be {' or '.join(MEDIA_TYPES[job.format])}"}])
    if not await _imports(request).start(job_id):
        raise Problem(409, "Already uploaded", "This import already received its file; create "
                      "a new import (rows are matched by tax code, so re-importing is safe).",
                      kind="import-already-started")
    runner = SeekerImport(job, seekers, _imports(request), municipalities,
                          request.app.state.settings.import_batch_size, _office(principal),
                          events.nudge)
    await audit.record(principal, "import", "seeker_import", job_id)
    try:
        await runner.run(request.stream())
    except BrokenFile as error:
        raise Problem(422, "Unreadable file", f"The import stopped: {error}. Rows before it "
                      "were imported; see the job's report.", kind="unreadable-import",
                      job=f"/seeker-imports/{job_id}",
                      errors=[{"pointer": "/body", "field": "body",
                               "reason": str(error)}]) from None
    return ImportPublic.model_validate((await _visible(request, job_id, principal)).model_dump())


@router.get("", response_model=ImportsPublic,
            summary="Elenca le importazioni / List bulk imports")
async def list_imports(request: Request, principal: Staff,
                       page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                       per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> ImportsPublic:
    office = _office(principal)
    filters = {} if office is None and principal.has(Role.SUPERVISOR) else {"office_id": office}
    jobs, total = await _imports(request).list_jobs(filters, (page - 1) * per_page, per_page)
    return ImportsPublic(data=[ImportPublic.model_validate(j.model_dump()) for j in jobs],
                         count=total, page=page, per_page=per_page)


@router.get("/{job_id}", response_model=ImportPublic,
            summary="Avanzamento dell'importazione / Import progress and counts so far")
async def read_import(job_id: str, request: Request, principal: Staff) -> ImportPublic:
    return ImportPublic.model_validate((await _visible(request, job_id, principal)).model_dump())


@router.get("/{job_id}/rows", response_model=RowReports,
            summary="Esito riga per riga / Per-row report (created, updated, unchanged, rejected)")
async def read_row_reports(
    job_id: str, request: Request, principal: Staff,
    outcome: Annotated[Outcome | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> RowReports:
    await _visible(request, job_id, principal)
    reports, total = await _imports(request).row_reports(
        job_id, outcome.value if outcome else None, (page - 1) * per_page, per_page)
    return RowReports(data=reports, count=total, page=page, per_page=per_page)
