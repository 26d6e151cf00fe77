"""What can go wrong in intake's domain, independent of HTTP."""


class DomainError(Exception):
    """Base for rule violations the caller can correct."""


class InvalidField(DomainError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class AlreadyRegistered(DomainError):
    """One person per tax code."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(existing_id)
        self.existing_id = existing_id


class NotFound(DomainError):
    pass
