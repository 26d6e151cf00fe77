"""Scoring a person against a vacancy: occupation and skills, with reasons in Italian."""

from matching.domain.scoring import Candidate, Opening, normalise, normalise_all, score


def _opening(essential: list[str], optional: list[str] = [], occupation: str | None = "cuoco"):  # noqa: B006
    return Opening("v1", occupation, normalise_all(essential), normalise_all(optional))


def test_free_text_skills_compare_without_case_accents_or_extra_spaces() -> None:
    assert normalise("  Contabilità   Generale ") == normalise("contabilita generale")


def test_esco_uris_compare_exactly() -> None:
    uri = "http://data.europa.eu/esco/skill/ABC"
    assert normalise(uri) == uri


def test_a_person_with_every_essential_skill_and_the_occupation_scores_one() -> None:
    result = score(Candidate("s1", "Cuoco", normalise_all(["HACCP", "pasticceria"])),
                   _opening(["haccp", "Pasticceria"]))
    assert result.value == 1.0
    assert result.missing_essential == []
    assert "possiede 2 su 2 competenze essenziali" in result.reasons


def test_a_missing_essential_skill_lowers_the_score_and_is_named_as_a_gap() -> None:
    result = score(Candidate("s1", "cuoco", normalise_all(["haccp"])),
                   _opening(["haccp", "pasticceria"]))
    assert result.value == 0.7
    assert result.missing_essential == ["pasticceria"]
    assert "manca: pasticceria" in result.reasons


def test_a_different_occupation_earns_nothing_for_occupation() -> None:
    result = score(Candidate("s1", "muratore", normalise_all(["haccp"])), _opening(["haccp"]))
    assert result.breakdown == {"occupation": 0.0, "skills": 0.6}
