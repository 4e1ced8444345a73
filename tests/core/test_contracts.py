import random
import re
from datetime import UTC, datetime

import pytest

from core.contracts import (
    ContractError,
    DeadLetter,
    Engagement,
    Grade,
    RawItem,
    ScoredItem,
    Source,
    check_text,
    decode,
    encode,
    item_id_for,
)


def _item(**overrides: object) -> RawItem:
    fields: dict = dict(
        id=item_id_for("http://news.example.cn/a.html"),
        source=Source(id="s1", name="示例新闻网", kind="rss", tier="prefecture", region="450700"),
        url="http://news.example.cn/a.html",
        title="示例市某楼盘延期交房",
        text="业主维权无门",
        fetched_at=datetime(2026, 11, 25, 1, 0, tzinfo=UTC),
        engagement=Engagement(views=1200, replies=35),
    )
    fields.update(overrides)
    return RawItem(**fields)


def test_raw_item_round_trip_keeps_chinese_readable() -> None:
    item = _item()
    data = encode(item)
    assert "示例市某楼盘延期交房".encode() in data
    assert b"\\u" not in data
    assert decode(data, RawItem) == item


def test_scored_item_round_trip() -> None:
    scored = ScoredItem(item=_item(), negativity=0.93, relevance=0.8, topic="住房",
                        grade=Grade(level="重大", rank=1, reasons=("地方新闻网站报道", "负面 0.93")),
                        model_version="m1", profile="city-gov", scored_at=datetime.now(UTC))
    assert decode(encode(scored), ScoredItem) == scored


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"not json", "malformed"),
        (b'{"id": "x"}', "missing required field"),
        (encode(_item()).replace(b'"schema_version":2', b'"schema_version":9'), "schema_version 9"),
        (encode(_item()).replace(b'"title"', b'"titel"'), "unknown field"),
    ],
)
def test_bad_messages_are_contract_errors(payload: bytes, message: str) -> None:
    with pytest.raises(ContractError, match=message):
        decode(payload, RawItem)


def test_scores_outside_unit_interval_are_refused() -> None:
    scored = ScoredItem(item=_item(), negativity=0.5, relevance=0.5, topic="住房", grade=Grade("一般", 2),
                        model_version="m", profile="city-gov", scored_at=datetime.now(UTC))
    data = encode(scored).replace(b'"negativity":0.5', b'"negativity":1.5')
    with pytest.raises(ContractError, match="negativity"):
        decode(data, ScoredItem)


def test_item_needs_title_or_text_and_engagement_is_non_negative() -> None:
    with pytest.raises(ValueError, match="title or a text"):
        _item(title=" ", text="")
    with pytest.raises(ValueError, match="views"):
        Engagement(views=-1)


def test_dead_letter_keeps_original_bytes() -> None:
    letter = DeadLetter(stage="classifier", topic="items.raw", partition=2, offset=7, key=b"k",
                        value=b"\xff\xfe garbage", error="bad", failed_at=datetime.now(UTC))
    assert decode(encode(letter), DeadLetter).value == b"\xff\xfe garbage"


def test_item_id_is_stable() -> None:
    assert item_id_for("http://a/b") == item_id_for("http://a/b") != item_id_for("http://a/c")


def _scored(**overrides: object) -> ScoredItem:
    fields: dict = dict(item=_item(), negativity=0.9, relevance=0.8, topic="住房", grade=Grade("一般", 2),
                        model_version="m", profile="city-gov", scored_at=datetime(2026, 12, 1, tzinfo=UTC))
    fields.update(overrides)
    return ScoredItem(**fields)


def test_scored_item_version_2_carries_emotion_apart_from_negativity() -> None:
    scored = _scored(negativity=0.92, emotion=0.05)  # a flat exposé: adverse, calm
    data = encode(scored)
    assert b'"schema_version":2' in data and b'"emotion":0.05' in data
    assert decode(data, ScoredItem) == scored
    assert decode(encode(_scored()), ScoredItem).emotion is None  # a model without an emotion head


def test_scored_item_version_1_is_still_accepted() -> None:
    v1 = encode(_scored()).replace(b'"schema_version":2', b'"schema_version":1').replace(b',"emotion":null', b"")
    assert b"emotion" not in v1
    old = decode(v1, ScoredItem)
    assert old.schema_version == 1 and old.emotion is None and old.negativity == 0.9


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ((b'"emotion":0.5', b'"emotion":1.5'), "emotion must be within"),
        ((b'"schema_version":2', b'"schema_version":1'), "emotion is a field of items.scored schema_version 2"),
        ((b'"schema_version":2', b'"schema_version":3'), "schema_version 3 is not supported"),
    ],
)
def test_scored_item_bad_versions_and_emotion_are_refused(replace: tuple[bytes, bytes], message: str) -> None:
    data = encode(_scored(emotion=0.5)).replace(*replace)
    with pytest.raises(ContractError, match=message):
        decode(data, ScoredItem)


def test_raw_item_version_2_carries_the_queries_that_found_it_and_version_1_is_still_read() -> None:
    found = _item(queries=("灵山县 拆迁", "县长 拆迁"))
    data = encode(found)
    assert b'"schema_version":2' in data and "灵山县 拆迁".encode() in data
    assert decode(data, RawItem) == found
    v1 = encode(_item()).replace(b'"schema_version":2', b'"schema_version":1').replace(b',"queries":[]', b"")
    old = decode(v1, RawItem)
    assert old.schema_version == 1 and old.queries == ()
    with pytest.raises(ContractError, match=r"queries is a field of items\.raw schema_version 2"):
        decode(data.replace(b'"schema_version":2', b'"schema_version":1'), RawItem)
    with pytest.raises(ContractError, match="queries has 33 entries"):
        decode(encode(_item()).replace(b'"queries":[]', b'"queries":[' + b",".join([b'"a"'] * 33) + b"]"), RawItem)


def _pattern_says(name: str, value: str, limit: int) -> str | None:
    """What check_text says when every text is read by the pattern alone (its message, or None)."""
    if len(value) > limit:
        return f"{name} is {len(value)} characters long, more than the limit of {limit}"
    bad = re.search("[\x00\ud800-\udfff]", value)
    if bad is None:
        return None
    return (f"{name} holds the character U+{ord(bad.group()):04X} at position {bad.start()}, "
            "which cannot be stored")


def test_check_text_says_what_the_pattern_says() -> None:
    """Its fast path (a NUL search, then UTF-8 encoding) refuses exactly the texts the pattern refuses,
    with the same message: the first bad character and where, NUL or surrogate, ASCII or CJK."""
    rng = random.Random(3)
    pieces = ["a", "Z", "1", " ", "\x00", "\ud800", "\udbff", "\udc00", "\udfff", "\ud7ff", "\ue000", "题", "😀",
              "\x7f", "\x80", "é", "，"]
    values = ["", "s", "http://a.cn/x", "论坛", "正文" * 150, "\ud83d\ude00"]  # the last: a pair, still refused
    values += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    refused = 0
    for value in values:
        for limit in (5, 100_000):
            expected = _pattern_says("text", value, limit)
            if expected is None:
                check_text("text", value, limit)
            else:
                refused += 1
                with pytest.raises(ValueError) as caught:
                    check_text("text", value, limit)
                assert str(caught.value) == expected
    assert 1000 < refused < 2 * len(values) - 1000
