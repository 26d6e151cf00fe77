"""The shape of every list answer: one page of items and the total that matched the filters."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    data: list[T]
    count: int = Field(description="How many items match the filters, over all pages.")
    page: int
    per_page: int
