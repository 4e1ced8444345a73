"""The second, blind development set (devsets/fengling_items.jsonl, office 枫岭市): what is checked
alike for every blind set is in test_blind_devsets.py (with the set's BlindSet in
tests/devset_checks.py); here, what the first invented office showed about bench/eval_judgement.py."""

from __future__ import annotations

from devset_checks import DEVSETS, FENGLING, load_eval_judgement


def test_eval_judgement_scores_an_invented_office_with_its_config() -> None:
    """bench/eval_judgement.py: an office key that is no shipped profile runs with --office-config."""
    module = load_eval_judgement()
    mine = module._settings(FENGLING.name, FENGLING.office_toml)
    assert mine.region == "3613" and "枫岭" in mine.places
    assert module._settings("fictional", DEVSETS / "fictional_office.toml").region == "4599"
    shipped = module._settings("city-gov", FENGLING.office_toml)
    assert shipped.profile == "city-gov" and shipped.places != mine.places
