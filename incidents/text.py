"""Text features for grouping: normalised text, MinHash signatures and LSH band keys, titles, key terms.

Everything here is deterministic across processes (no ``hash()``): band keys and signatures are
stored and compared by several workers. Long texts are cut before the work starts, so one huge
page costs no more than a long article.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import numpy as np
import rjieba

from incidents.config import IncidentRules

# Only this much of a text is compared: reposts agree at the start; a 1 MB page must not stall a worker.
MAX_CHARS = 4000
# The opening a story key reads (story_key): enough for a story's first sentences.
STORY_CHARS = 160
TERM_CHARS = 1500
SHINGLE = 3
NUM_PERM = 60
BANDS = 20
ROWS = NUM_PERM // BANDS
BANDS_KEYS = tuple(range(BANDS))
MAX_PLACES = 6
MAX_QUOTES = 3
_QUOTE = re.compile(r"[“\"「『《]([^”\"」』》\n]{6,80})[”\"」』》]")
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20240611)
# Multiply-shift hashing: odd 64-bit multipliers; fixed seed so every worker computes the same signature.
_A = (_rng.integers(1, 2**63 - 1, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_B = _rng.integers(0, 2**63 - 1, size=NUM_PERM, dtype=np.uint64).reshape(-1, 1)
_P1 = np.uint64(1_000_003)
_P2 = np.uint64(998_244_353)

# What normalised text keeps. Joining its runs is faster than deleting the rest with sub (1.8 µs
# against 2.8 µs an opening of 160 characters).
_KEPT = re.compile(r"[0-9a-z\u3400-\u9fff]+")
# A place: 2-5 CJK characters (no function words) before an administrative or landmark suffix.
_PCHAR = r"(?:(?![的在于和与某了是该个这那从到向对将把被及或我你他她它们其位称有])[\u4e00-\u9fff])"
_PLACE = re.compile(
    r"(?:[A-Z]\d{0,2}(?:省|市|区|县))|(?:" + _PCHAR + r"{2,5}(?:自治区|自治州|特别行政区|省|市|县|区|旗|镇|乡|村|"
    r"街道|社区|小区|大道|路|街|公园|广场|水库|医院|学校|中学|小学|大学|学院|幼儿园|车站|机场|高速))")
# Administrative areas hold many stories at once: a 区 or 市 alone does not tie two items together.
_COARSE = re.compile(r"(?:自治区|自治州|特别行政区|省|市|县|(?<![小社校园景片])区|旗)$")
# Split 济宁市任城区 into 济宁市 and 任城区 so that either one matches on its own.
_ADMIN_PART = re.compile(r".+?(?:自治区|自治州|省|市|县|区|旗|镇|乡|村|街道)")
_GENERIC_PLACES = frozenset({
    "小区", "社区", "城市", "城区", "本市", "该市", "我市", "全市", "全区", "全县", "市区", "地区", "街道",
    "农村", "山区", "景区", "园区", "校区", "辖区", "片区", "道路", "马路", "公路", "学校"})


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """What grouping compares for one item."""

    norm: str  # normalised text (title + body), cut to MAX_CHARS
    title: str  # normalised title
    shingles: int  # distinct shingles behind the signature
    signature: bytes  # NUM_PERM uint32 minima, b"" when the text is too short
    bands: tuple[str, ...]  # LSH band keys
    terms: dict[str, float]  # key term -> weight (IDF-like; places boosted)
    places: tuple[str, ...]  # every place named (lower case)
    fine_places: frozenset[str] = frozenset()  # below the district: 镇, 村, 街道, 小区, roads, landmarks
    quotes: tuple[str, ...] = ()  # normalised quoted phrases (反映“……”的问题): maybe a story's headline


def strip_boilerplate(text: str, rules: IncidentRules) -> str:
    guard = _guard(rules.boilerplate)
    if guard is not None and guard.search(text) is None:
        return text  # no pattern can match (most texts): one search instead of a substitution each
    for pattern in rules.boilerplate:
        text = pattern.sub(lambda m: m.group(1) if m.groups() and m.group(1) else " ", text)
    return text


# How many characters of a match's opening the guard reads: two tell 来源 from 来了.
_GUARD_CHARS = 2
_guards: dict[int, tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]] = {}


def _guard(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern of the strings a match of any of ``patterns`` begins with (来源, 责任, //, @, ht):
    where it finds nothing, none of them matches, so no substitution changes the text. None when a
    pattern's opening is not known (it then runs on every text). Kept per tuple of patterns (hashing
    eight compiled patterns would cost more than the search)."""
    cached = _guards.get(id(patterns))
    if cached is None or cached[0] is not patterns:
        cached = _guards[id(patterns)] = (patterns, _guard_of(patterns))
    return cached[1]


def _guard_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    openings: set[str] = set()
    for pattern in patterns:
        if pattern.flags & re.IGNORECASE:
            return None
        found, _ = _openings(_parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
        cut = {o[:_GUARD_CHARS] for o in found}
        if "" in cut:
            return None  # a match may begin anywhere (a class, a repeat, an assertion first)
        openings |= cut
    if not openings:
        return None
    # A trie of the openings by first character: re skips to the positions of those characters.
    firsts: dict[str, set[str]] = {}
    for o in openings:
        firsts.setdefault(o[0], set()).add(o[1:])
    branches = []
    for first, rests in sorted(firsts.items()):
        if "" in rests:
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + "(?:" + "|".join(re.escape(r) for r in sorted(rests)) + ")")
    return re.compile("|".join(branches))


def _openings(items: Any) -> tuple[set[str], bool]:
    """The literal strings one of which every match of the parsed sequence ``items`` begins with, and
    whether they are the whole match (the sequence is all literal). {""} when nothing is known."""
    prefixes = {""}
    for op, av in items:
        if op is _C.LITERAL:
            parts, whole = {chr(av)}, True
        elif op is _C.BRANCH:
            parts, whole = set(), True
            for branch in av[1]:
                found, complete = _openings(branch)
                parts |= found
                whole = whole and complete
        elif op is _C.SUBPATTERN and not av[1] and not av[2]:
            parts, whole = _openings(av[3])
        else:
            return prefixes, False  # a class, a repeat, an assertion...: the opening ends here
        prefixes = {p + q for p in prefixes for q in parts}
        if not whole or min(map(len, prefixes)) >= _GUARD_CHARS or len(prefixes) > 256:
            return prefixes, False
    return prefixes, True


def _kept(text: str) -> str:
    return "".join(_KEPT.findall(text))


def normalise(text: str, rules: IncidentRules) -> str:
    """NFKC, lower case, repost headers and editor lines removed, only letters, digits and CJK kept."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])
    text = strip_boilerplate(text, rules).lower()
    return _kept(text)[:MAX_CHARS]


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def shingle_hashes(norm: str) -> np.ndarray:
    if len(norm) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    cp = _codepoints(norm)
    with np.errstate(over="ignore"):
        grams = cp[:-2] * _P1 * _P2 + cp[1:-1] * _P2 + cp[2:]
        # Mix so that neighbouring code points do not give neighbouring hashes.
        grams ^= grams >> np.uint64(29)
        grams *= np.uint64(0xBF58476D1CE4E5B9)
        grams ^= grams >> np.uint64(32)
    return np.unique(grams)


def minhash(hashes: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        values = (_A * hashes.reshape(1, -1) + _B) >> np.uint64(32)
    return (values.min(axis=1) & _MASK32).astype(np.uint32)


def band_keys(signature: np.ndarray) -> tuple[str, ...]:
    rows = signature.reshape(BANDS, ROWS)
    return tuple(f"b{i:02d}:{hashlib.blake2b(rows[i].tobytes(), digest_size=8).hexdigest()}" for i in range(BANDS))


def jaccard(sig_a: bytes, sig_b: bytes) -> float:
    if not sig_a or not sig_b:
        return 0.0
    a = np.frombuffer(sig_a, dtype=np.uint32)
    b = np.frombuffer(sig_b, dtype=np.uint32)
    return float(np.count_nonzero(a == b)) / len(a)


def containment(j: float, size_a: int, size_b: int) -> float:
    """The share of the smaller shingle set inside the larger, from the Jaccard estimate and both sizes."""
    if j <= 0 or not size_a or not size_b:
        return 0.0
    inter = j / (1.0 + j) * (size_a + size_b)
    return min(1.0, inter / min(size_a, size_b))


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else ({text} if text else set())


def title_similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams; 1.0 when one title contains the other (8+ chars)."""
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 8 and short in long_:
        return 1.0
    x, y = bigrams(a), bigrams(b)
    return 2.0 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def is_coarse(place: str) -> bool:
    return bool(_COARSE.search(place))


def quoted(title: str, text_bigrams: set[str]) -> float:
    """The share of a title's character bigrams found in a text: 1.0 when the text quotes it."""
    grams = bigrams(title)
    return len(grams & text_bigrams) / len(grams) if grams else 0.0


@lru_cache(maxsize=1)
def _jieba() -> tuple:
    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    tfidf = jieba.analyse.TFIDF()
    return jieba, tfidf


def warm_up() -> None:
    """Load the dictionaries now: a stage calls it at start, so its first item does not wait
    a second or two for them."""
    _jieba()
    rjieba.cut("预热", True)


def idf(term: str) -> float:
    _, tfidf = _jieba()
    return float(tfidf.idf_freq.get(term, tfidf.median_idf))


def _trim_place(place: str) -> str:
    """The shortest known word the match ends with (实名举报济宁市 → 济宁市); else the match itself."""
    jieba, _ = _jieba()
    freq = jieba.dt.FREQ
    for start in range(len(place) - 3, 0, -1):
        tail = place[start:]
        if freq.get(tail):
            return tail
    return place


def _extract_tags(tfidf: Any, text: str, top: int) -> list[str]:
    """``jieba.analyse.TFIDF.extract_tags`` with rjieba's tokens (same dictionary, ~90x faster):
    the same stop words, IDF table and ranking, so the same terms on all but rare ties."""
    freq: dict[str, float] = {}
    for word in rjieba.cut(text, True):
        if len(word.strip()) < 2 or word.lower() in tfidf.stop_words:
            continue
        freq[word] = freq.get(word, 0.0) + 1.0
    total = sum(freq.values())
    ranked = {w: n * tfidf.idf_freq.get(w, tfidf.median_idf) / total for w, n in freq.items()}
    return sorted(ranked, key=ranked.__getitem__, reverse=True)[:top]


def key_terms(title: str, text: str, rules: IncidentRules) -> tuple[dict[str, float], tuple[str, ...]]:
    """The item's key terms with IDF weights (title words count twice) and the place names in it."""
    _, tfidf = _jieba()
    raw = unicodedata.normalize("NFKC", f"{title}。{title}。{text[:TERM_CHARS]}")
    raw = strip_boilerplate(raw, rules)
    found: list[str] = []
    for match in _PLACE.findall(raw):
        parts = _ADMIN_PART.findall(match)
        rest = match[sum(len(p) for p in parts):]
        found.extend(_trim_place(p) for p in (*parts, rest) if len(p) >= 2)
    places = tuple(dict.fromkeys(p for p in found if p not in _GENERIC_PLACES and len(p) <= 8))
    terms: dict[str, float] = {}
    # A few extra candidates make up for the stop terms dropped below.
    for word in _extract_tags(tfidf, raw, rules.top_terms + 4):
        word = word.strip().lower()
        # Short codes (a2, 3号) are numbering, not names.
        if len(word) < 2 or (word.isascii() and len(word) <= 3) or word.isdigit() or word in rules.stop_terms:
            continue
        terms[word] = round(max(idf(word), 1.0), 3)
    if len(terms) > rules.top_terms:
        terms = dict(list(terms.items())[: rules.top_terms])
    for place in places[:MAX_PLACES]:
        terms[place.lower()] = round(max(idf(place), 6.0) * rules.place_weight, 3)
    return terms, places


def _compared(norm_title: str, body: str, rules: IncidentRules) -> str:
    # The body carries the story; the title only when there is (almost) no body.
    return body if len(body) >= 2 * rules.min_shingles else f"{norm_title}{body}"


def story_key(title: str, text: str, rules: IncidentRules) -> str | None:
    """A key the items of one story likely share, from the item alone (no store): the first MinHash
    value of its opening, which two texts share with a probability equal to their openings'
    similarity (reposts, which the grouping looks for first, nearly always), else the key of a long
    title, else None.

    The classifier keys ``items.scored`` by it, so that the items of a story go to one partition and
    one router replica instead of every replica locking the same incident rows. Only locality: the
    grouping itself never relies on it.
    """
    return story_keys([(title, text)], rules)[0]


def story_keys(items: Sequence[tuple[str, str]], rules: IncidentRules) -> list[str | None]:
    """:func:`story_key` of each (title, text), the hashing done for the whole batch at once."""
    # It runs for every item in the classifier, so it is kept cheap: the opening STORY_CHARS only
    # (reposts agree at the start, once the 转发/原标题 lines are stripped), no NFKC (full-width
    # punctuation goes with the other symbols), one permutation of the exact 3-grams (code points
    # fit in 21 bits) and no de-duplication (a minimum over repeated shingles is the same minimum).
    # The 3-grams of all the batch's openings are hashed in a few array operations, not a few per
    # item (those cost half of the ~14 µs an item took). Only locality depends on it.
    keys: list[str | None] = [None] * len(items)
    norms: list[str] = []
    owners: list[int] = []
    for i, (title, text) in enumerate(items):
        norm_title = normalise(title, rules) if title else ""
        body = _kept(strip_boilerplate(text[:STORY_CHARS], rules).lower())
        norm = _compared(norm_title, body, rules)
        if len(norm) - SHINGLE + 1 >= rules.min_shingles:
            norms.append(norm)
            owners.append(i)
        else:
            keys[i] = title_key(norm_title, rules)
    if norms:
        cp = _codepoints("".join(norms))
        grams = (cp[:-2] << np.uint64(42)) | (cp[1:-1] << np.uint64(21)) | cp[2:]
        # Array arithmetic wraps modulo 2**64 without a warning (as the multiply-shift hash wants).
        hashed = _A[0, 0] * grams + _B[0, 0]
        # Each opening's own 3-grams, [start, start + length - 2), none across two openings; the
        # last one runs to the end of the array. The top 32 bits of the minimum are the minimum of
        # the top 32 bits (shifting keeps order).
        lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
        starts = np.cumsum(lengths) - lengths
        bounds = np.column_stack([starts, starts + lengths - (SHINGLE - 1)]).ravel()[:-1]
        firsts = (np.minimum.reduceat(hashed, bounds)[::2] >> np.uint64(32)).tolist()
        for i, first in zip(owners, firsts, strict=True):
            keys[i] = f"m:{first:08x}"
    return keys


def features(title: str, text: str, rules: IncidentRules) -> TextFeatures:
    norm_title = normalise(title, rules)
    body = normalise(text, rules)
    norm = _compared(norm_title, body, rules)
    hashes = shingle_hashes(norm)
    if len(hashes) >= rules.min_shingles:
        sig = minhash(hashes)
        signature, bands = sig.tobytes(), band_keys(sig)
    else:
        signature, bands = b"", ()
    terms, places = key_terms(title, text, rules)
    lowered = tuple(p.lower() for p in places)
    quotes: list[str] = []
    for phrase in _QUOTE.findall(text[: rules.quote_chars * 2]):
        q = normalise(phrase, rules)
        if len(q) >= rules.title_min_chars and q != norm_title and q not in quotes:
            quotes.append(q)
    return TextFeatures(norm=norm, title=norm_title, shingles=len(hashes), signature=signature, bands=bands,
                        terms=terms, places=lowered, fine_places=frozenset(p for p in lowered if not _COARSE.search(p)),
                        quotes=tuple(quotes[:MAX_QUOTES]))


def title_key(norm_title: str, rules: IncidentRules) -> str | None:
    if len(norm_title) < rules.title_min_chars:
        return None
    return "t:" + hashlib.blake2b(norm_title.encode(), digest_size=10).hexdigest()


@lru_cache(maxsize=65536)
def term_key(term: str) -> str:
    # Hashed so that any term fits the key column; the term itself is kept on the incident.
    return "e:" + hashlib.blake2b(term.encode(), digest_size=10).hexdigest()


def lock_id(key: str) -> int:
    """A signed 64-bit id for PostgreSQL advisory locks."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def weighted_share(item_terms: dict[str, float], incident_terms: dict[str, float]) -> tuple[float, list[str]]:
    """The IDF-weighted share of the item's terms the incident also has, and the shared terms."""
    total = sum(item_terms.values())
    if total <= 0:
        return 0.0, []
    shared = [t for t in item_terms if t in incident_terms]
    return sum(item_terms[t] for t in shared) / total, shared


def log1p10(value: float) -> float:
    return math.log10(1.0 + max(0.0, value))
