"""Masking of citizens' personal numbers in what leaves the console (个人信息保护).

A post often carries the poster's mobile number, an ID card number or a bank card number. The
store keeps the text whole (the desk may need it), but every message sent outside — robots,
webhooks, e-mail, SMS — goes out masked. Only numbers that are what they look like are masked:
an ID card number must carry a valid check digit (GB 11643), a bank card number must pass Luhn,
so order numbers and timestamps stay readable. Links are left alone, or they would stop working.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

MASKS = ("phone", "id_card", "bank_card")

_URL = re.compile(r"https?://[^\s<>\"'）)】]+", re.IGNORECASE)
# 18-digit resident ID: 6 region digits, birth date, 3 sequence digits, check digit.
_ID_CARD = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                      r"\d{3}[\dXx])(?![0-9A-Za-z])")
# Bank cards: 16 to 19 digits, written whole or in groups of four.
_BANK_CARD = re.compile(r"(?<![\d-])(\d{4}(?:[ -]?\d{4}){2}(?:[ -]?\d{4}[ -]?\d{1,3}|[ -]?\d{4,7}))(?![\d-])")
# Mobile numbers (optionally +86 / 86) and landlines with an area code (010-12345678, (0755)1234567).
_MOBILE = re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])((?:\(0\d{2,3}\)|0\d{2,3}-)\d{7,8})(?![\d-])")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_card_valid(number: str) -> bool:
    """GB 11643-1999 check digit (ISO 7064 MOD 11-2)."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _keep(text: str, head: int, tail: int) -> str:
    """Keep ``head`` and ``tail`` digits, star the digits between; separators stay where they were."""
    positions = [i for i, c in enumerate(text) if c.isdigit() or c in "Xx"]
    hidden = set(positions[head:len(positions) - tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


def _mask_id(match: re.Match[str]) -> str:
    number = match.group(1)
    return _keep(number, 3, 4) if id_card_valid(number) else number


def _mask_bank(match: re.Match[str]) -> str:
    number = match.group(1)
    # "4111 1111 1111 1111 123元": the card may be followed by another short number.
    head, sep, tail = number.rpartition(" ")
    for card, rest in ((number, ""), (head, sep + tail) if sep and len(tail) < 4 else (None, "")):
        if card is None:
            continue
        digits = re.sub(r"\D", "", card)
        if 16 <= len(digits) <= 19 and luhn_valid(digits):
            return _keep(card, 4, 4) + rest
    return number


def _mask_mobile(match: re.Match[str]) -> str:
    number = match.group(1)
    national = _keep_tail(number, 11)
    return number[: len(number) - len(national)] + _keep(national, 3, 4)


def _keep_tail(text: str, digits: int) -> str:
    """The shortest suffix of ``text`` holding its last ``digits`` digits."""
    seen = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index].isdigit():
            seen += 1
            if seen == digits:
                return text[index:]
    return text


def _mask_landline(match: re.Match[str]) -> str:
    """The area code stays (it names a city, not a person), the local number keeps its last four."""
    number = match.group(1)
    cut = max(number.find("-"), number.find(")")) + 1
    return number[:cut] + _keep(number[cut:], 0, 4)


_RULES: dict[str, list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]] = {
    # ID cards before bank cards and phones: their digits would match those patterns too.
    "id_card": [(_ID_CARD, _mask_id)],
    "bank_card": [(_BANK_CARD, _mask_bank)],
    "phone": [(_MOBILE, _mask_mobile), (_LANDLINE, _mask_landline)],
}


class Masker:
    """Masks the kinds named (a subset of :data:`MASKS`); an empty set masks nothing."""

    def __init__(self, kinds: Iterable[str] = MASKS) -> None:
        chosen = set(kinds)
        unknown = chosen - set(MASKS)
        if unknown:
            raise ValueError(f"unknown PII kinds {sorted(unknown)}; known: {', '.join(MASKS)}")
        self.rules = [rule for kind in MASKS if kind in chosen for rule in _RULES[kind]]

    def text(self, value: str) -> str:
        if not self.rules or not value:
            return value
        out: list[str] = []
        last = 0
        for url in _URL.finditer(value):
            out.append(self._plain(value[last:url.start()]))
            out.append(url.group(0))
            last = url.end()
        out.append(self._plain(value[last:]))
        return "".join(out)

    def _plain(self, value: str) -> str:
        for pattern, replace in self.rules:
            value = pattern.sub(replace, value)
        return value

    def value(self, value: Any) -> Any:
        """Strings anywhere in a JSON-like value (a webhook's payload)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value
