"""The linear model: one character n-gram TF-IDF space, several heads merged into one matrix.

A model is three plain files: ``vocab.json`` (the n-grams, in column order), ``model.json``
(heads, classes, calibration) and ``model.npz`` (idf, weights, biases; loaded with
``allow_pickle=False``). Loading never executes code from the files, so a model made by an
office's analysts is data, not a program; the registry still refuses files whose sha256 differs
from the model card.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from pathlib import Path

import numpy as np
from scipy import sparse

from classifier.text import HEADLINE_MARK, MAX_CHARS, char_and_headline_ngrams, char_ngrams, headline
from classifier.tokens import WORD_PREFIX, add_words, cut, word_features

FORMAT = "yuqing-linear/1"
MODEL_FILE = "model.npz"
META_FILE = "model.json"
VOCAB_FILE = "vocab.json"
FILES = (MODEL_FILE, META_FILE, VOCAB_FILE)


class KeyTable:
    """A read-only hash table from uint64 keys (any but 2**64 - 1) to ids, built and probed with numpy.

    Linear probing at a load factor of at most 1/4, so most lookups end at the first slot; about
    4x faster than a binary search of 200k sorted keys (dependent cache misses).
    """

    _MULT = np.uint64(0x9E3779B97F4A7C15)
    # An empty slot: no key of code points is all ones (they fit in 21 bits, below 0x1FFFFF), so a key
    # asked for, 0 included (two NULs: an empty document), never finds an empty slot as its own.
    EMPTY = np.uint64(2**64 - 1)

    def __init__(self, keys: np.ndarray, ids: np.ndarray) -> None:
        bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) * 4))))
        self._shift = np.uint64(64 - bits)
        self._mask = np.int64((1 << bits) - 1)
        self.keys = np.full(1 << bits, self.EMPTY, dtype=np.uint64)
        # int32 ids: half the table's bytes for the cache (a vocabulary has far fewer than 2**31 terms).
        self.ids = np.full(1 << bits, -1, dtype=np.int32)
        home = self._home(keys)
        pending = np.arange(len(keys))
        self.probes = 0
        while len(pending):
            slots = (home[pending] + self.probes) & self._mask
            free = self.keys[slots] == self.EMPTY
            slots, who = slots[free], pending[free]
            # Several keys may want one free slot: the first takes it, the rest probe on.
            slots, first = np.unique(slots, return_index=True)
            who = who[first]
            self.keys[slots] = keys[who]
            self.ids[slots] = ids[who]
            placed = np.zeros(len(keys), dtype=bool)
            placed[who] = True
            pending = pending[~placed[pending]]
            self.probes += 1

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * self._MULT) >> self._shift).astype(np.int64)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The id of each key, -1 when absent."""
        slots = self._home(keys)
        stored = self.keys[slots]
        found = stored == keys
        # Most keys end at their first slot (a hit or an empty slot): settle them with whole-array
        # operations (np.where, no boolean-mask scatter, which cost as much as the probing itself).
        out = np.where(found, self.ids[slots], -1)
        # Continue only where the slot held another key; an empty slot means absent.
        going = np.flatnonzero(~found & (stored != self.EMPTY))
        slots = slots[going]
        for _ in range(self.probes - 1):
            if not len(going):
                break
            slots = (slots + 1) & self._mask
            stored = self.keys[slots]
            found = stored == keys[going]
            out[going[found]] = self.ids[slots[found]]
            more = ~found & (stored != self.EMPTY)
            going, slots = going[more], slots[more]
        return out

    def hits(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the keys that are present and their ids, in no particular order: what
        :meth:`lookup` finds, without an id written (nor -1) for every absent key."""
        slots = self._home(keys)
        stored = self.keys[slots]
        found = stored == keys
        at = np.flatnonzero(found)
        positions, ids = [at], [self.ids[slots[at]]]
        going = np.flatnonzero(~found & (stored != self.EMPTY))
        slots = slots[going]
        for _ in range(self.probes - 1):
            if not len(going):
                break
            slots = (slots + 1) & self._mask
            stored = self.keys[slots]
            found = stored == keys[going]
            positions.append(going[found])
            ids.append(self.ids[slots[found]])
            more = ~found & (stored != self.EMPTY)
            going, slots = going[more], slots[more]
        return np.concatenate(positions), np.concatenate(ids)


def _count_pairs(rows: np.ndarray, feats: np.ndarray, n_docs: int,
                 n_features: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR (indices, counts, indptr) of the (document, feature) pairs, features ascending in each row.

    One sort of ``row << bits | feature`` keys, then run lengths. scipy's COO → CSR with
    ``sum_duplicates`` gives the same arrays, but sorts each row's pairs in a scalar loop: about 8x
    slower than numpy's vectorised sort of 64-bit keys, and it was a quarter of the model's time.
    """
    bits = max(int(n_features - 1).bit_length(), 1)
    # 32-bit keys where they fit (a batch of the service: 500 documents, 2**18 features) sort twice as fast.
    kind = np.int32 if n_docs << bits <= np.iinfo(np.int32).max else np.int64
    keys = (rows.astype(kind, copy=False) << bits) | feats.astype(kind, copy=False)
    keys.sort()
    if not len(keys):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32), np.zeros(n_docs + 1, dtype=np.int64)
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    unique = keys[starts]
    counts = np.diff(starts, append=len(keys)).astype(np.float32)
    # Where each row's keys begin: a binary search per row, not a count over every key.
    indptr = np.searchsorted(unique, np.arange(n_docs + 1, dtype=kind) << bits).astype(np.int64, copy=False)
    return unique & ((1 << bits) - 1), counts, indptr


# Set in the key of every 3-gram: a 3-gram key never equals a 2-gram key, even one whose first code
# point is 0 (the NUL between two documents).
_TRIGRAM = 1 << 63


def _char_key(term: str) -> int:
    key = 0
    for ch in term:
        key = (key << 21) | ord(ch)
    return key | _TRIGRAM if len(term) == 3 else key


def _code_points(docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The code points of ``docs`` joined by NUL (one after the last too), and the document of each, from the
    lengths in one pass."""
    codes = np.frombuffer(("\x00".join(docs) + "\x00").encode("utf-32-le"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(docs), dtype=np.int32),
                      np.fromiter(map(len, docs), dtype=np.int64, count=len(docs)) + 1)
    return codes, owner


def _pair_and_triple_keys(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys (:func:`_char_key`) of every 2-gram and every 3-gram of ``codes``. Those that span a NUL are
    computed too, rather than masked out: each has a zero code point, so it equals no key of a table (a 2-gram
    (0, c) is below 2**21, under every 2-gram key; the 3-gram flag keeps it apart from 3-grams), nor does key 0 (an
    empty document)."""
    wide = codes.astype(np.uint64)
    pairs = (wide[:-1] << np.uint64(21)) | wide[1:]
    return pairs, np.uint64(_TRIGRAM) | (wide[:-2] << np.uint64(42)) | pairs[1:]


def _char_and_words(doc: str) -> list[str]:
    return char_ngrams(doc) + word_features(doc)


# The analysers a model may name; training and scoring share them. The default measured best:
# char 1-3-grams alone trail char + word uni/bigrams by about a point on SMP2020 and THUCNews.
ANALYZERS: dict[str, Callable[[str], list[str]]] = {
    "char13": char_ngrams,
    "char13+word12": _char_and_words,
    # char 1-3-grams and the headline's 2- and 3-grams on their own (classifier.text.headline)
    "char13+head23": char_and_headline_ngrams,
}
DEFAULT_ANALYZER = "char13+word12"


class ModelError(Exception):
    """A model folder is missing, incomplete, tampered with or of an unknown format."""


@dataclass(frozen=True, slots=True)
class Head:
    """One prediction head: its columns in the merged weight matrix and its calibration.

    A binary head has one column (the logit of ``classes[1]``) calibrated by Platt scaling
    ``sigmoid(a * s + b)``; a multi-class head has one column per class, calibrated by a
    softmax temperature.
    """

    name: str
    classes: tuple[str, ...]
    start: int
    stop: int
    platt_a: float = 1.0
    platt_b: float = 0.0
    temperature: float = 1.0

    @property
    def binary(self) -> bool:
        return len(self.classes) == 2

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "classes": list(self.classes), "start": self.start, "stop": self.stop,
                "platt_a": self.platt_a, "platt_b": self.platt_b, "temperature": self.temperature}

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        """Calibrated class probabilities (n × k) from the raw scores of this head's columns."""
        cols = scores[:, self.start : self.stop]
        if self.binary:
            z = np.clip(self.platt_a * cols[:, 0] + self.platt_b, -40.0, 40.0)
            p1 = 1.0 / (1.0 + np.exp(-z))
            return np.column_stack([1.0 - p1, p1])
        z = cols / self.temperature
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@dataclass
class LinearModel:
    vocabulary: list[str]
    idf: np.ndarray  # (F,) float32
    weights: np.ndarray  # (F, C) float32, every head's columns side by side
    bias: np.ndarray  # (C,) float32
    heads: dict[str, Head]
    max_chars: int = MAX_CHARS
    meta: dict[str, object] = field(default_factory=dict)
    analyzer: str = DEFAULT_ANALYZER
    user_words: tuple[str, ...] = ()
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.analyzer not in ANALYZERS:
            raise ModelError(f"unknown analyzer {self.analyzer!r}; known: {', '.join(ANALYZERS)}")
        if not self._index:
            self._index = {term: i for i, term in enumerate(self.vocabulary)}
        # Words the trainer's tokenizer knew must be known when scoring, or tokens differ.
        add_words(self.user_words)
        self._analyze = ANALYZERS[self.analyzer]
        self._words = self.analyzer == "char13+word12"
        self._headlines = self.analyzer == "char13+head23"
        char_terms = [(j, t) for j, t in enumerate(self.vocabulary)
                      if not t.startswith((WORD_PREFIX, HEADLINE_MARK)) and 2 <= len(t) <= 3 and "\x00" not in t]
        head_terms = [(j, t[1:]) for j, t in enumerate(self.vocabulary)
                      if t.startswith(HEADLINE_MARK) and 3 <= len(t) <= 4 and "\x00" not in t]
        self._head_table = KeyTable(np.array([_char_key(t) for _, t in head_terms], dtype=np.uint64),
                                    np.array([j for j, _ in head_terms], dtype=np.int64))
        self._unigram_ids = np.full(0x110000, -1, dtype=np.int32)
        for j, t in enumerate(self.vocabulary):
            if len(t) == 1 and t != "\x00":
                self._unigram_ids[ord(t)] = j
        self._table = KeyTable(np.array([_char_key(t) for _, t in char_terms], dtype=np.uint64),
                               np.array([j for j, _ in char_terms], dtype=np.int64))
        self._word_unigrams: dict[str, int] = {}
        self._word_bigrams: dict[tuple[str, str], int] = {}
        for j, t in enumerate(self.vocabulary):
            if t.startswith(WORD_PREFIX):
                a, space, b = t[len(WORD_PREFIX):].partition(" ")
                if space:
                    self._word_bigrams[(a, b)] = j
                else:
                    self._word_unigrams[a] = j
        if self._words and not (self._word_unigrams or self._word_bigrams) and any(
                t.startswith("w:") for t in self.vocabulary):
            # Development models marked words "w:"; they would silently lose every word feature.
            raise ModelError("the model's word features use an older marking; retrain it")
        self._is_word = np.fromiter((t.startswith(WORD_PREFIX) for t in self.vocabulary), dtype=np.int64,
                                    count=len(self.vocabulary))

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    # -- features -----------------------------------------------------------------------------
    def _char_features(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row, feature) of every known char 1-3-gram of the batch, computed on code points.

        An n-gram is the integer ``c0 << 42 | c1 << 21 | c2`` (code points fit in 21 bits), looked up
        in an open-addressing hash table of the vocabulary's keys: the whole batch at numpy speed, no
        Python string per n-gram. Documents (which hold no NUL: :meth:`_tfidf` removes it) are joined
        by NUL, which no n-gram may contain.
        """
        codes, doc_of = _code_points(docs)
        # Unigrams: a direct table over all code points.
        uni = self._unigram_ids[codes]
        hit = np.flatnonzero(uni >= 0)
        rows, feats = [doc_of[hit]], [uni[hit]]
        # Only the known n-grams' positions and ids: the order of the (row, feature) pairs does not
        # matter, they are counted by a sort.
        for keys in _pair_and_triple_keys(codes):
            at, ids = self._table.hits(keys)
            rows.append(doc_of[at])
            feats.append(ids)
        if self._headlines:
            # The headlines' 2- and 3-grams, the same way, in their own table (their terms are marked).
            codes, head_of = _code_points([headline(d) for d in docs])
            for keys in _pair_and_triple_keys(codes):
                at, ids = self._head_table.hits(keys)
                rows.append(head_of[at])
                feats.append(ids)
        return np.concatenate(rows), np.concatenate(feats)

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` makes them, with the char
        block and the word block each normalised to unit length."""
        data, idx, ptr = self._tfidf(docs)
        return sparse.csr_matrix((data, idx, ptr), shape=(len(docs), self.n_features))

    def _tfidf(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`transform`'s CSR arrays (data as float32, indices, indptr)."""
        docs = [d.replace("\x00", "").replace(HEADLINE_MARK, "") for d in docs]
        n_features = self.n_features
        rows, feats = self._char_features(docs)
        if self._words:
            # Same features as tokens.word_features, looked up without building prefixed strings,
            # for the whole batch in two C-level passes. Prepared text has no whitespace but single
            # spaces (clean() collapses the rest).
            words: list[str] = []
            pairs: list[tuple[str, str]] = []
            n_words, n_pairs = [], []
            for doc in docs:
                ws = [w for w in cut(doc) if w != " "]
                words.extend(ws)
                pairs.extend(pairwise(ws))
                n_words.append(len(ws))
                n_pairs.append(max(len(ws) - 1, 0))
            doc_ids = np.arange(len(docs))
            ids = np.concatenate([
                np.fromiter(map(self._word_unigrams.get, words, repeat(-1)), dtype=np.int64, count=len(words)),
                np.fromiter(map(self._word_bigrams.get, pairs, repeat(-1)), dtype=np.int64, count=len(pairs))])
            owners = np.concatenate([np.repeat(doc_ids, n_words), np.repeat(doc_ids, n_pairs)])
            known = ids >= 0
            rows = np.concatenate([rows, owners[known]])
            feats = np.concatenate([feats, ids[known]])
        if len(docs) == 1:
            # One item (the service's latency path): count with np.unique, no COO → CSR round trip.
            indices, ones = np.unique(feats, return_counts=True)
            counts = ones.astype(np.float32)
            indptr = np.array([0, len(indices)])
        else:
            indices, counts, indptr = _count_pairs(rows, feats, len(docs), n_features)
        idx = indices.astype(np.int32, copy=False)
        data = (1.0 + np.log(counts)) * self.idf[idx]
        ptr = indptr.astype(np.int64, copy=False)
        lengths = np.diff(ptr)
        # Each block (char n-grams, words) is scaled to unit length on its own, so the few word
        # features are not drowned by the many char n-grams (worth ~1 point on THUCNews).
        groups = np.repeat(np.arange(len(docs)) * 2, lengths)
        if self._words:  # a char-only model has one block: no look-up of which feature is a word
            groups += self._is_word[idx]
        norms = np.sqrt(np.bincount(groups, weights=data * data, minlength=2 * len(docs)))
        # An empty block (nothing known in the text) stays all zeros.
        norms[norms == 0] = 1.0
        data = data / norms[groups]
        return data.astype(np.float32), idx, ptr

    def scores(self, x: sparse.csr_matrix) -> np.ndarray:
        """Raw scores of every head's columns in one product (n × C)."""
        if x.shape[0] == 1:
            # One item: gather the few weight rows it touches; cheaper than a sparse product.
            # np.take, not fancy indexing: the same rows, copied at half the cost (~30 µs of an item's ~600).
            return (x.data @ np.take(self.weights, x.indices, axis=0) + self.bias)[None, :]
        return np.asarray(x @ self.weights) + self.bias

    def predict(self, docs: Sequence[str]) -> dict[str, np.ndarray]:
        """Calibrated probabilities per head for already prepared documents."""
        if len(docs) == 1:
            # One item (the service's latency path): :meth:`scores`' gather of the weight rows it touches,
            # from the arrays themselves; a CSR matrix around them cost scipy ~10 % of an item's time.
            data, idx, _ = self._tfidf(docs)
            s = (data @ np.take(self.weights, idx, axis=0) + self.bias)[None, :]
        else:
            s = self.scores(self.transform(docs))
        return {name: head.probabilities(s) for name, head in self.heads.items()}

    # -- files --------------------------------------------------------------------------------
    def save(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        # float16 weights halve the file; their ~1e-3 relative error moves probabilities by < 1e-3.
        np.savez_compressed(folder / MODEL_FILE, idf=self.idf.astype(np.float32),
                            weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32))
        meta = {**self.meta, "format": FORMAT, "max_chars": self.max_chars, "analyzer": self.analyzer,
                "user_words": list(self.user_words),
                "heads": [h.to_json() for h in self.heads.values()]}
        (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        (folder / VOCAB_FILE).write_text(json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8")
        return [folder / name for name in FILES]

    @classmethod
    def load(cls, folder: Path) -> LinearModel:
        """Read a model folder; files are data only (no pickle). Hash checks are the registry's job."""
        for name in FILES:
            if not (folder / name).is_file():
                raise ModelError(f"模型文件缺失: {folder / name} (model file missing; retrain or restore it)")
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            vocabulary = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
            with np.load(folder / MODEL_FILE, allow_pickle=False) as arrays:
                idf, weights, bias = arrays["idf"], arrays["weights"], arrays["bias"]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"模型文件无法读取: {folder}: {exc}") from exc
        if meta.get("format") != FORMAT:
            raise ModelError(f"{folder}: model format {meta.get('format')!r} is not {FORMAT!r}; "
                             "retrain it with this version of yuqing")
        heads = {h["name"]: Head(h["name"], tuple(h["classes"]), int(h["start"]), int(h["stop"]),
                                 float(h["platt_a"]), float(h["platt_b"]), float(h["temperature"]))
                 for h in meta["heads"]}
        if not (len(vocabulary) == idf.shape[0] == weights.shape[0]) or weights.shape[1] != bias.shape[0]:
            raise ModelError(f"{folder}: vocabulary, idf and weights disagree in shape")
        for head in heads.values():
            if head.stop > weights.shape[1] or head.start < 0:
                raise ModelError(f"{folder}: head {head.name} points outside the weight matrix")
            if not (math.isfinite(head.platt_a) and math.isfinite(head.temperature) and head.temperature > 0):
                raise ModelError(f"{folder}: head {head.name} has an invalid calibration")
        extra = {k: v for k, v in meta.items() if k not in {"format", "max_chars", "heads", "analyzer", "user_words"}}
        analyzer = str(meta.get("analyzer", "char13"))
        if analyzer not in ANALYZERS:
            raise ModelError(f"{folder}: unknown analyzer {analyzer!r}; retrain with this version of yuqing")
        return cls(vocabulary, idf.astype(np.float32), np.ascontiguousarray(weights, dtype=np.float32),
                   bias.astype(np.float32), heads, int(meta.get("max_chars", MAX_CHARS)), extra, analyzer,
                   tuple(str(w) for w in meta.get("user_words", [])))
