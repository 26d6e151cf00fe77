"""ATECO codes are checked against ISTAT's classification, not only their shape."""

from __future__ import annotations

import pytest
from intake.domain.sectors import ateco_activity, not_an_activity


@pytest.mark.parametrize(("given", "stored"), [
    ("52.10", "52.10"),        # 2025 class
    ("10.71.1", "10.71.1"),    # 2025 category
    ("5210", "52.10"),         # compact, as on some chamber-of-commerce extracts
    (" 23.31 ", "23.31"),
    ("62.01.00", "62.01.00"),  # a 2022 subcategory that 2025 split up: older records keep it
])
def test_a_code_of_an_edition_in_use_is_kept_in_its_dotted_form(given: str, stored: str) -> None:
    assert ateco_activity(given) == stored


@pytest.mark.parametrize("given", [
    "99.99",     # shaped like a code, but no such class
    "C",         # a whole section: too broad to say what someone did
    "ceramics",
    "",
])
def test_anything_else_is_refused_with_an_example_of_a_good_code(given: str) -> None:
    assert ateco_activity(given) is None
    assert "52.10" in not_an_activity(given)
