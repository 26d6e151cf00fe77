"""Economic sectors as ATECO codes (ISTAT's classification of economic activities), checked
against the classification itself (package `ateco`): the 2025 edition in force, or the 2022
edition that chamber-of-commerce records and CVs written before 2025 still carry."""

from __future__ import annotations

import ateco

EDITIONS = ("2025", "2022")


def ateco_activity(code: str) -> str | None:
    """The code in its dotted form ("5210" → "52.10") if it names an activity of a division or
    finer in an edition in use; None otherwise (a section letter is too broad to match on)."""
    try:
        dotted = ateco.canonicalize(code)
    except ValueError:
        return None
    for edition in EDITIONS:
        node = ateco.lookup(dotted, edition=edition)
        if node is not None and node.level != "section":
            return dotted
    return None


def not_an_activity(code: str) -> str:
    return (f"'{code}' is not an ATECO 2025 (or 2022) activity code of a division or finer, "
            "such as 52.10 or 10.71.1")
