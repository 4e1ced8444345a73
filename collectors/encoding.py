"""Bytes to text for Chinese pages whose declared encoding is wrong or missing.

Order: byte-order mark; valid UTF-8 (a meta tag claiming GB2312 on a UTF-8 page is a lie we
ignore: random GB bytes are almost never valid UTF-8); the declared charset (HTTP header, then
``<meta>``/XML declaration); and when that fails or reads as nonsense, the Chinese candidate whose
text is made of common characters. A declared Korean or Japanese encoding that decodes is believed.
Undeclared bytes are read as Chinese: a Korean, Japanese, Thai or Cyrillic page without a
declaration comes out as (wrong) hanzi. GB2312 and GBK are read as their superset GB18030, Big5 as
Big5-HKSCS.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""",
    re.IGNORECASE,
)
_HEADER = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    # Browsers read these labels as windows-1252, and so do we.
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
}
CHINESE = ("gb18030", "big5hkscs")
# Korean and Japanese multi-byte encodings: declared and valid, they are believed. (GB bytes often
# read as valid EUC-KR too, and Korean read as GB looks like common hanzi, so no score can tell.)
_OTHER_CJK = frozenset({"euc_kr", "cp949", "euc_jp", "shift_jis", "cp932", "iso2022_jp", "iso2022_kr",
                        "euc_jis_2004", "shift_jis_2004", "euc_jisx0213", "shift_jisx0213", "johab"})
_SAMPLE = 3000


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    # How the encoding was chosen: bom, utf-8, declared, detected.
    how: str


def normalise_label(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared(data: bytes, content_type: str | None = None) -> str | None:
    if content_type:
        found = _HEADER.search(content_type)
        if found:
            label = normalise_label(found.group(1))
            if label:
                return label
    match = _META.search(data[:4096])
    if match:
        return normalise_label((match.group(1) or match.group(2)).decode("ascii", "ignore"))
    return None


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The common characters of both scripts, read from the codecs themselves: GB2312 level 1
    (3,755 simplified) and Big5's frequently used block (5,401 traditional)."""
    chars = set()
    for codec, leads, trails in (("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
                                 ("big5", range(0xA4, 0xC6), (*range(0x40, 0x7F), *range(0xA1, 0xFF)))):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    return frozenset(chars)


def commonness(text: str, sample: int | None = _SAMPLE) -> float:
    """Share of CJK characters that are common ones; 0 when there are none.

    Text read with the wrong Chinese codec is made of rare characters, which is what this sees.
    """
    cjk = _CJK.findall(text[:sample] if sample else text)
    if not cjk:
        return 0.0
    if sample:
        cjk = cjk[:400]  # plenty to tell a right reading from a wrong one
    return sum(map(_common_chars().__contains__, cjk)) / len(cjk)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def utf16_variant(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` is UTF-16 text (by its BOM, or markup with every
    other byte NUL), else None."""
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    head = data[:512]
    if len(head) >= 8:
        if head[1::2].count(0) >= len(head) // 2 * 0.7 and head[0::2].count(0) == 0:
            return "utf-16-le"
        if head[0::2].count(0) >= len(head) // 2 * 0.7 and head[1::2].count(0) == 0:
            return "utf-16-be"
    return None


def as_utf8(data: bytes) -> bytes:
    """UTF-16 text re-encoded as UTF-8 (with a BOM, so the XML declaration's label is not trusted);
    any other bytes unchanged."""
    variant = utf16_variant(data)
    if variant is None:
        return data
    text = data.decode(variant, "replace").lstrip("\ufeff")
    return codecs.BOM_UTF8 + text.encode("utf-8")


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(name, "replace"), name, "bom")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    label = declared(data, content_type)
    # Judge on the non-ASCII part: a feed may open with kilobytes of ASCII markup.
    first = _HIGH_BYTE.search(data)
    start = first.start() if first else 0
    sample = data[start: start + _SAMPLE * 2]
    best: tuple[float, str] | None = None
    if label in _OTHER_CJK:
        text = _strict(data, label)
        if text is not None:
            return Decoded(text, label, "declared")
    if label and label not in ("utf-8",):
        text = _strict(sample, label) if label in CHINESE else None
        if text is not None:
            score = commonness(text)
            if score >= 0.85:
                return Decoded(data.decode(label, "replace"), label, "declared")
            best = (score, label)
    for candidate in CHINESE:
        text = _strict(sample, candidate)
        if text is None:
            # A sample cut inside a character is not a failure of the encoding.
            text = sample.decode(candidate, "replace")
            score = commonness(text) - 0.05 * text.count("\ufffd")
        else:
            score = commonness(text)
        if best is None or score > best[0] + 0.02:
            best = (score, candidate)
    if label and label not in CHINESE and label != "utf-8" and (best is None or best[0] < 0.6):
        return Decoded(data.decode(label, "replace"), label, "declared")
    assert best is not None
    return Decoded(data.decode(best[1], "replace"), best[1], "detected" if best[1] != label else "declared")
