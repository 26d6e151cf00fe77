"""Partial updates: only the fields sent change, and a field that cannot be empty refuses null."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator


class PartialUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    not_nullable: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _refuse_null(self) -> Any:
        nulls = sorted(f for f in self.model_fields_set & self.not_nullable
                       if getattr(self, f) is None)
        if nulls:
            raise ValueError(f"{', '.join(nulls)} cannot be null; leave it out to keep it")
        return self

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}
