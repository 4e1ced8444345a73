"""Which texts of a batch may hold a word of a list: the trie scans skipped where they cannot find anything.

The scorer reads each item with several trie patterns (classifier.facts' triggers and events, the
profile's signals). ``re`` walks every character of every text for each of them (7-12 µs a
300-character post), yet most texts hold none of their words. A word can only be where its start is:
its first three characters (two, or one, for a shorter word). :class:`WordStarts` looks up every
character, pair and triple of the whole batch among the lists' word starts, in a few array operations
(about 2 µs a text), and tells for each text which lists it may hold a word of. A text in which no word
of a list starts holds no word of it, and its scan for them is skipped: the same result, cheaper.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import numpy as np

from classifier.model import KeyTable

MAX_LISTS = 30
# A start is the integer of its code points (21 bits each, as classifier.model's n-grams); a
# three-character one is flagged, so that it never equals a two-character one.
_TRIPLE = 1 << 63
# First a table of 2**16 flags (it stays in the CPU cache) says where a start may be, by a hash;
# the few candidates are then looked up exactly.
_BITS = 16
_MULT32 = np.uint32(0x9E3779B1)
_MIX32 = np.uint32(0x85EBCA6B)


def _start(word: str) -> int:
    key = 0
    for ch in word[:3]:
        key = key << 21 | ord(ch)
    return key | _TRIPLE if len(word) >= 3 else key


def _slots(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The hash slot of each pair of code points (uint32 arrays), in 32-bit arithmetic: cheaper than
    building every 64-bit pair of a batch, which only the few candidates need."""
    mixed = (first * _MULT32) ^ second
    return ((mixed * _MIX32) >> np.uint32(32 - _BITS)).astype(np.intp)


class WordStarts:
    """Per text of a batch, a bit mask of the word lists one of whose words starts in it (bit i:
    ``lists[i]``). A clear bit is certain: no word of that list is in the text. A set bit is a may:
    the word's first characters are there, the word itself perhaps not."""

    def __init__(self, *lists: Iterable[str]) -> None:
        if len(lists) > MAX_LISTS:
            raise ValueError(f"at most {MAX_LISTS} word lists")
        bits: dict[int, int] = {}  # start -> the lists whose words begin with it
        self._chars: dict[int, int] = {}  # one-character words (facts' 死, 伤): code point -> lists
        for i, words in enumerate(lists):
            for word in words:
                if len(word) == 1:
                    self._chars[ord(word)] = self._chars.get(ord(word), 0) | 1 << i
                elif word:
                    bits[_start(word)] = bits.get(_start(word), 0) | 1 << i
        self._starts = KeyTable(np.array(list(bits), dtype=np.uint64), np.array(list(bits.values()), dtype=np.int64))
        # Where a word of two or more characters may start: its first two, hashed.
        self._maybe = np.zeros(1 << _BITS, dtype=bool)
        pairs = [(k & ~_TRIPLE) >> 21 if k & _TRIPLE else k for k in bits]
        self._maybe[_slots(np.array([p >> 21 for p in pairs], dtype=np.uint32),
                           np.array([p & 0x1FFFFF for p in pairs], dtype=np.uint32))] = True

    def flags(self, texts: Sequence[str]) -> list[int]:
        return self.scan(texts)[0]

    def scan(self, texts: Sequence[str], where: Sequence[int] = ()) -> tuple[list[int], dict[int, Sequence[list[int]]]]:
        """:meth:`flags` of each text, and for each list index in ``where``, each text's positions (ascending)
        where a word of that list may start: a match of the list's trie can begin nowhere else
        (:func:`matches_at`)."""
        if not texts:
            return [], {i: _Runs([], [0]) for i in where}
        # A lone surrogate (which no word holds) is passed as its code point rather than refused.
        codes = np.frombuffer(("\x00".join(texts) + "\x00").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        hits = np.zeros(len(codes), dtype=np.int64)
        # The few positions where a word's first two characters may be (a hash of every pair), then
        # the two-character words and the triples of longer ones there, exactly.
        at = np.flatnonzero(self._maybe[_slots(codes[:-1], codes[1:])])
        if len(at):
            pairs = (codes[at].astype(np.uint64) << np.uint64(21)) | codes[at + 1]
            hits[at] = np.maximum(self._starts.lookup(pairs), 0)
            inner = at < len(codes) - 2
            at = at[inner]
            triples = np.uint64(_TRIPLE) | (pairs[inner] << np.uint64(21)) | codes[at + 2]
            hits[at] |= np.maximum(self._starts.lookup(triples), 0)
        for char, bits in self._chars.items():
            hits[codes == char] |= bits
        # No word holds a NUL (joining the texts). A pair of NUL and a text's first character has
        # the key of that character alone: nothing starts at a NUL.
        hits[codes == 0] = 0
        # Where each text begins, from the lengths (a text may hold a NUL of its own).
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
        begins = np.cumsum(lengths) - lengths
        flags = np.bitwise_or.reduceat(hits, begins).tolist()
        positions: dict[int, Sequence[list[int]]] = {}
        if where:
            found = np.flatnonzero(hits)
            bits = hits[found]
            for i in where:
                at = found[(bits >> i) & 1 == 1]
                # Each text's run of positions, made relative to its beginning.
                cuts = [*np.searchsorted(at, begins).tolist(), len(at)]
                local = (at - begins[np.searchsorted(begins, at, side="right") - 1]).tolist()
                positions[i] = _Runs(local, cuts)
        return flags, positions


class _Runs(Sequence[list[int]]):
    """Each text's positions, cut out of the batch's list when asked (most texts' are never asked)."""

    def __init__(self, values: list[int], cuts: list[int]) -> None:
        self._values, self._cuts = values, cuts

    def __len__(self) -> int:
        return len(self._cuts) - 1

    def __getitem__(self, k: int) -> list[int]:  # type: ignore[override]
        if not 0 <= k < len(self._cuts) - 1:
            raise IndexError(k)
        return self._values[self._cuts[k]:self._cuts[k + 1]]


def matches_at(pattern: re.Pattern[str], text: str, starts: Sequence[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only ``starts`` (ascending) when given: the positions where a
    match may begin (:meth:`WordStarts.scan` of the pattern's words, for a trie of them). The same
    matches, as a match is tried at each position not inside an earlier one; a trie matches no empty string."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                end = m.end()
                yield m


# -- the first character of a match ----------------------------------------------------------------
def _firsts(items: Iterable[tuple[object, object]]) -> set[str] | None:
    """The characters a match of the parsed sequence ``items`` can begin with; None when that is not
    known (a class by category or negation, a part that may be empty, flags, a reference)."""
    for op, av in items:
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # zero-width: the match begins with what follows
        if op is _C.LITERAL:
            return {chr(av)}  # type: ignore[arg-type]
        if op is _C.IN:
            chars: set[str] = set()
            for kind, value in av:  # type: ignore[attr-defined]
                if kind is _C.LITERAL:
                    chars.add(chr(value))
                elif kind is _C.RANGE and value[1] - value[0] < 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None
            return chars
        if op is _C.BRANCH:
            union: set[str] = set()
            for branch in av[1]:  # type: ignore[index]
                found = _firsts(branch)
                if found is None:
                    return None
                union |= found
            return union
        if op is _C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av  # type: ignore[misc]
            return None if add_flags or del_flags else _firsts(sub)
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            low, _high, sub = av  # type: ignore[misc]
            return _firsts(sub) if low >= 1 else None
        return None
    return None  # the pattern may match the empty string


def first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` led by a lookahead on the characters its matches begin with (when they are known):
    the same matches, groups and spans, found faster where ``re`` cannot skip ahead by itself, as in a
    pattern whose alternatives open with a lookbehind (``re`` then tries each alternative at each
    position; the lookahead turns most positions down in one test of a class)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return pattern
    chars = _firsts(_parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    if not chars:
        return pattern
    ahead = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"(?=[{ahead}])(?:{pattern.pattern})", pattern.flags)


class Needing:
    """A pattern every match of which holds one of ``words``, searched only in a text that holds one of them: a few
    substring tests cost ~1 µs, a search whose alternatives open with a lookbehind or a class ~5–25 µs of a post (``re``
    tries each alternative at every position). The words stand beside the pattern, to be kept with it."""

    __slots__ = ("pattern", "words")

    def __init__(self, pattern: re.Pattern[str], *words: str) -> None:
        self.pattern, self.words = pattern, words

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        for word in self.words:
            if word in text:
                return self.pattern.search(text, pos, endpos)
        return None
