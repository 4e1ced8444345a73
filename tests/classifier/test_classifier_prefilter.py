"""The scans the scorer skips (classifier.prefilter): a text is let past a scan only when it holds none of
its words, so skipping changes nothing."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from classifier import facts, grading, lexicon, media, relevance, scoring
from classifier.devset import load_devset, raw_item
from classifier.facts import (
    _DENIAL,
    _EVAC_ANY,
    _EVENT,
    _HAZARD_ANY,
    _TRIGGER,
    EVENT_SCAN_WORDS,
    FACT_SCAN_WORDS,
    TRIGGER_WORDS,
    find_facts,
)
from classifier.grading import load_rules
from classifier.jurisdiction import Jurisdiction
from classifier.lexicon import SCORING_COMPLAINT_CUES, TrieSearch, trie_pattern
from classifier.prefilter import Needing, WordStarts, first_chars, matches_at
from classifier.regions import regions
from classifier.registry import DEFAULT_MODEL_DIR, load_verified
from classifier.relevance import Office, RelevanceScorer
from classifier.scoring import Scorer
from classifier.text import clean
from policies import HERE

REPO = Path(__file__).resolve().parents[2]
DEVSETS = sorted((REPO / "devsets").glob("*_items.jsonl"))


def _texts() -> list[str]:
    texts = [f"{clean(i.title)}。{clean(i.text)}" for path in DEVSETS for i in load_devset(path)]
    for line in (Path(__file__).parent / "data" / "city_items.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append(f"{row.get('title', '')}。{row['text']}")
    # Words at the very start and end of a text, one-character words, texts of one or two characters,
    # empty texts and texts holding a NUL of their own, next to each other in one batch.
    rng = random.Random(5)
    pieces = ["死", "伤", "亡", "人", "的", "消防", "通道", "火灾", "起火", "有人死", "听说", "\x00", "。", "a", "",
              "谣言", "水库", "溃坝", "转移"]
    texts += ["死", "伤人", "", "\x00死亡", "死\x00", "消防通道", "起", "火灾", "", "人死了", "\ud800火灾"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(3000)]
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_a_text_holding_a_word_is_never_let_past_its_scan(texts: list[str]) -> None:
    signals = load_rules(HERE / "city-gov")
    starts = WordStarts(FACT_SCAN_WORDS, EVENT_SCAN_WORDS, signals.signal_terms)
    # find_facts' four scans share the first list
    patterns = ((_TRIGGER, _DENIAL, _HAZARD_ANY, _EVAC_ANY), (_EVENT,), (signals._signal_re,))
    skipped = [0, 0, 0]
    for size in (1, 7, 500):
        for at in range(0, len(texts), size):
            batch = texts[at:at + size]
            for text, flags in zip(batch, starts.flags(batch), strict=True):
                for bit, scans in enumerate(patterns):
                    if any(pattern is not None and pattern.search(text) for pattern in scans):
                        assert flags >> bit & 1, (bit, text)
                    elif not flags >> bit & 1:
                        skipped[bit] += 1
    # and it is worth having: most texts are let past most scans
    assert min(skipped) > len(texts)
    assert starts.flags([]) == []
    assert starts.flags(["今天天气很好，市民在公园散步。"]) == [0]


def test_a_trie_tried_where_its_words_may_start_finds_what_its_scan_finds(texts: list[str]) -> None:
    signals = load_rules(HERE / "city-gov")
    lists = (EVENT_SCAN_WORDS, signals.signal_terms, TRIGGER_WORDS, SCORING_COMPLAINT_CUES)
    patterns = (_EVENT, signals._signal_re, _TRIGGER, scoring._COMPLAINT)
    starts = WordStarts(*lists)
    found = [0] * len(lists)
    for size in (1, 7, 500):
        for at in range(0, len(texts), size):
            batch = texts[at:at + size]
            flags, where = starts.scan(batch, range(len(lists)))
            assert flags == starts.flags(batch)
            for k, text in enumerate(batch):
                for i, pattern in enumerate(patterns):
                    spans = [m.span() for m in pattern.finditer(text)]
                    assert [m.span() for m in matches_at(pattern, text, where[i][k])] == spans, (i, text)
                    assert all(0 <= p < len(text) for p in where[i][k]) and where[i][k] == sorted(where[i][k])
                    found[i] += bool(spans)
    assert min(found) > 100
    flags, where = starts.scan([], (0, 1))
    assert flags == [] and len(where[0]) == len(where[1]) == 0
    with pytest.raises(IndexError):
        starts.scan(["起火"], (1,))[1][1][1]
    # Without positions, every position is tried.
    assert [m.span() for m in matches_at(_EVENT, "楼下起火了，有人受伤", None)] == [
        m.span() for m in _EVENT.finditer("楼下起火了，有人受伤")]


def test_the_scorer_gives_the_same_scores_with_and_without_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [raw_item(i) for path in DEVSETS for i in load_devset(path)]
    assert len(items) >= scoring.PREFILTER_MIN
    scorer = Scorer(load_verified(DEFAULT_MODEL_DIR), RelevanceScorer(Office(places=("临沣市", "枫岭市"))),
                    load_rules(HERE / "city-gov"), "city-gov")
    skipping = scorer.score(items)
    monkeypatch.setattr(scoring, "PREFILTER_MIN", len(items) + 1)
    assert scorer.score(items) == skipping


@pytest.mark.parametrize("government", [False, True])
def test_facts_read_without_their_scans_are_the_same_where_none_of_their_words_is(texts: list[str],
                                                                                   government: bool) -> None:
    starts = WordStarts(FACT_SCAN_WORDS)
    notices = ["市公安局关于某事的情况通报", "警情通报：今天天气很好", "某局回复：已转交"]
    pairs = [(t.partition("。")[0], t.partition("。")[2]) for t in [*texts, *notices]]
    flags = starts.flags([f"{title}。{text}" for title, text in pairs])
    clear = [pair for pair, flag in zip(pairs, flags, strict=True) if not flag]
    assert len(clear) > 1000
    assert sum(1 for title, text in clear if find_facts(title, text, government).official) >= 3
    for title, text in clear:
        assert find_facts(title, text, government, scan=False) == find_facts(title, text, government), (title, text)


# -- patterns led by their first characters (classifier.prefilter.first_chars) ------------------------
def _patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern of the modules that read an item's words."""
    found = []
    for module in (facts, grading, lexicon, media):
        found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    return found


def test_a_pattern_led_by_its_first_characters_finds_the_same(texts: list[str]) -> None:
    rng = random.Random(5)
    led = 0
    for pattern in _patterns():
        fast = first_chars(pattern)
        led += fast is not pattern
        # Its own characters (so that it matches), punctuation that ends a clause, other words.
        pool = [c for c in pattern.pattern if not c.isascii() or c.isalnum()] + list("，。！？\n 的了人") or ["x"]
        samples = texts[:300] + ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(300)]
        for text in samples:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)], (
                pattern.pattern[:60], text)
            lo, hi = sorted(rng.randint(0, len(text)) for _ in range(2))
            a, b = fast.search(text, lo, hi), pattern.search(text, lo, hi)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (pattern.pattern[:60], text)
    assert led >= 10  # most are led (facts' fiction and modal words among them)
    # classifier.facts searches with the led patterns.
    assert all(p.pattern.startswith("(?=[") for p in (facts._IN_FICTION, facts._MODAL, facts.OFFICIAL))


@pytest.mark.parametrize("source", [r"a?b", r"(?:ab|)c", r"\wb", r"[^a]b", r"(?i)ab", r"(?:a|\d)b", r".a", r"x*y", r"",
                                    r"$"])
def test_a_pattern_whose_first_character_is_not_known_is_left_as_it_is(source: str) -> None:
    pattern = re.compile(source)
    assert first_chars(pattern) is pattern


@pytest.mark.parametrize("source", [r"(?<!是)不是|无", r"(?:男主|女主)(?!角)|反派", r"[a-c]x|d+", r"(?=q)qa|\bzz",
                                    r"(a)\1"])
def test_the_lookahead_holds_every_first_character(source: str) -> None:
    pattern = re.compile(source)
    fast = first_chars(pattern)
    assert fast is not pattern and fast.pattern.startswith("(?=[")
    for text in ("不是", "是不是无", "男主角 女主 反派", "bx cx ddd", "qa zz", "aa a", ""):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_the_start_of_a_sentence_or_clause_is_the_last_stop_before() -> None:
    rng = random.Random(9)
    alphabet = "。！？!?\n，,；;文字 a"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        for ends in (facts._SENTENCE_END, facts._CLAUSE_END):
            for pos in range(len(text) + 1):
                for back, default in ((0, None), (5, None), (30, 0), (80, 7)):
                    lo = max(0, pos - back)
                    every = [m.end() for m in ends.finditer(text, lo, pos)]
                    expected = max(every) if every else lo if default is None else default
                    assert facts._begins(ends, text, pos, back, default) == expected


# -- a long list of names searched branch by branch (classifier.lexicon.TrieSearch) ------------------
def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None


def test_a_long_list_is_searched_to_the_same_first_name(texts: list[str]) -> None:
    # The places elsewhere in the country, as relevance looks for them (about 3,300 names).
    names = regions().foreign_names("3708", set())
    assert len(names) >= relevance.LONG_LIST
    search, pattern = TrieSearch(names), trie_pattern(names)
    rng = random.Random(11)
    some = sorted(names)
    # Names at the very start and end, names cut short, names inside longer ones, next to each other.
    made = ["".join(rng.choice([rng.choice(some), rng.choice(some)[:-1], "的", "。", "市", "县", "区", ""])
                    for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    found = 0
    for text in [*texts, *made]:
        expected = _first(pattern, text)
        assert search.search(text) == expected, text
        found += expected is not None
    assert found > 1000


@pytest.mark.parametrize("terms", [("a", "ab", "abc", "b"), ("ab", "abd", "ac"), ("a",), ("甲乙", "乙丙", "乙"),
                                   ("", "x"), ("x.", "x*", "[")])
def test_any_list_is_searched_to_the_same_first_term(terms: tuple[str, ...]) -> None:
    search, pattern = TrieSearch(terms), trie_pattern(terms)
    rng = random.Random(13)
    pool = [*sorted({c for t in terms for c in t}), "-", "乙"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert search.search(text) == _first(pattern, text), (terms, text)
        assert search.findall(text) == pattern.findall(text), (terms, text)


def test_relevance_searches_its_long_lists_branch_by_branch() -> None:
    scorer = RelevanceScorer(Jurisdiction(region="3708", name="济宁市"))
    assert scorer._elsewhere._long is not None and scorer._places._long is None
    assert scorer._elsewhere.find("据鞍山日报报道") == _first(scorer._elsewhere._re, "据鞍山日报报道") is not None


def test_the_topic_seeds_are_found_as_their_trie_finds_them(texts: list[str]) -> None:
    pattern = trie_pattern(lexicon._TOPICS_OF)
    assert sum(bool(lexicon._SEEDS.findall(text)) for text in texts) > 300
    for text in texts:
        assert lexicon._SEEDS.findall(text) == pattern.findall(text)


def test_the_weak_topic_read_at_the_seeds_starts_is_the_same(texts: list[str]) -> None:
    starts = WordStarts(lexicon.SEED_TERMS)
    rng = random.Random(17)
    pairs = [(t[:rng.randint(0, 20)], t[rng.randint(0, 20):]) for t in texts[:1500]]
    pairs += [("", t) for t in texts[:500]] + [("市民投诉小区物业", "")]
    named = 0
    for at in range(0, len(pairs), 250):
        batch = pairs[at:at + 250]
        where = starts.scan([f"{title}。{text}" for title, text in batch], (0,))[1][0]
        for k, (title, text) in enumerate(batch):
            for min_score in (1.0, 2.0):
                expected = lexicon.weak_topic(title, text, min_score)
                assert lexicon.weak_topic(title, text, min_score, where[k]) == expected, (title, text)
                named += expected is not None
    assert named > 300


def test_a_needing_pattern_is_searched_only_where_one_of_its_words_is() -> None:
    fight = Needing(re.compile(r"两伙[^，。]{0,6}?打架"), "两")
    assert fight.search("两伙人在门口打架").group(0) == "两伙人在门口打架"
    assert fight.search("昨晚两伙人在门口打架", 2).start() == 2
    assert fight.search("两伙人在门口打架", 0, 4) is None  # the window, as re's own search
    assert Needing(re.compile(r"打架"), "两").search("门口有人打架") is None  # no word: not searched
