"""Unsubscribe tokens: made by us or refused, whatever the input."""

from notifications.domain.unsubscribe import make_token, read_token

SECRET = b"s" * 32


def test_a_token_we_made_names_the_person_and_the_kind() -> None:
    token = make_token(SECRET, "p1", "match_proposed")
    assert read_token(SECRET, token) == ("p1", "match_proposed")


def test_garbage_with_non_ascii_characters_is_refused_not_an_error() -> None:
    assert read_token(SECRET, ">.÷X²j\x87") is None
