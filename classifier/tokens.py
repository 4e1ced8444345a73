"""Word tokens with jieba's behaviour at rjieba's speed (a Rust port of jieba, same dictionary).

jieba ``lcut(HMM=False)`` manages ~500-760 docs/s on 300-character posts; rjieba gives the same
tokens (tests/classifier/test_classifier_tokens.py checks it on public posts, user words included)
at 15-20x the speed. HMM stays off: it is slower and no more accurate here. The user dictionary
(the office's places, bodies, people, plus a jieba-format file) is loaded once per process.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import rjieba

log = logging.getLogger(__name__)
# NUL never occurs in prepared text, so a word feature can never equal a char n-gram.
WORD_PREFIX = "\x00"
# jieba gives user words without a frequency a frequency high enough to be cut as one word.
USER_FREQ = 100_000
_lock = threading.Lock()
_added: set[str] = set()


def add_words(words: Iterable[str], freq: int = USER_FREQ) -> int:
    """Add user words (idempotent, process-wide); returns how many were new."""
    new = 0
    with _lock:
        for word in words:
            word = word.strip()
            if word and word not in _added:
                rjieba.add_word(word, freq, None)
                _added.add(word)
                new += 1
    return new


# jieba.Tokenizer.load_userdict's own line format: word, optional frequency, optional tag.
_USER_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")


def load_user_dict(path: Path) -> int:
    """A jieba user dictionary, read as jieba reads it; returns how many words were new."""
    new = 0
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line:
            continue
        match = _USER_LINE.match(line)
        if match is None:  # cannot happen for a non-empty line; kept for the type checker
            continue
        word, freq = match.group(1).strip(), match.group(2)
        new += add_words([word], int(freq) if freq else USER_FREQ)
    return new


def cut(text: str) -> list[str]:
    """jieba.lcut(text, HMM=False)."""
    return rjieba.cut(text, False)


def word_features(doc: str) -> list[str]:
    """Word unigrams and bigrams (spaces dropped), prefixed so they never collide with char n-grams."""
    words = [w for w in cut(doc) if not w.isspace()]
    feats = [WORD_PREFIX + w for w in words]
    feats.extend([f"{WORD_PREFIX}{a} {b}" for a, b in itertools.pairwise(words)])
    return feats
