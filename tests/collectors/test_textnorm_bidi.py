"""Direction-control characters are removed at collection (a reversed "管理员" stays reversed text)."""

from __future__ import annotations

import pytest

from collectors.textnorm import clean, normalise

CONTROLS = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
            "\u2069"]


@pytest.mark.parametrize("control", CONTROLS)
def test_each_direction_control_is_removed(control: str) -> None:
    assert normalise(f"某小区{control}漏水") == "某小区漏水"


def test_a_right_to_left_override_title_keeps_its_letters_in_stored_order() -> None:
    title = "\u202e员理管\u202c通报"
    assert clean(title) == "员理管通报"
    assert normalise("\u2067اختبار\u2069 住房") == "اختبار 住房"
