"""Contacts of staff and organisations (operators, offices, employers, partners): work
addresses messages go to. People in care are never here: their contact stays in intake."""

from __future__ import annotations

from typing import Literal

from api_edge import Problem
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from notifications.api.deps import Directory, Supervisor

router = APIRouter(prefix="/contacts", tags=["contacts"])
RecipientType = Literal["operator", "office", "employer", "partner"]


class ContactBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, examples=["CPI Modena — accoglienza"])
    email: EmailStr
    phone: str | None = Field(default=None, max_length=20)
    locale: str = Field(default="it", pattern=r"^[a-z]{2}$")


@router.put(
    "/{recipient_type}/{recipient_id}",
    response_model=ContactBody,
    summary="Registra un recapito / Set the contact of an operator or organisation",
)
async def update_contact(
    recipient_type: RecipientType,
    recipient_id: str,
    body: ContactBody,
    directory: Directory,
    _: Supervisor,
) -> ContactBody:
    await directory.put(recipient_type, recipient_id, body.model_dump())
    return body


@router.get(
    "/{recipient_type}/{recipient_id}",
    response_model=ContactBody,
    summary="Legge un recapito / Read the contact of an operator or organisation",
)
async def read_contact(
    recipient_type: RecipientType, recipient_id: str, directory: Directory, _: Supervisor
) -> ContactBody:
    found = await directory.get(recipient_type, recipient_id)
    if found is None:
        raise Problem(
            404, "Not found", f"No contact for {recipient_type} {recipient_id}.", kind="not-found"
        )
    return ContactBody.model_validate(
        {k: v for k, v in found.items() if k in ContactBody.model_fields}
    )
