# ruff: noqa: E501  (the corpus is a table of cases: one case per line reads best)
"""Bad settings, profiles, sources and labels files, and bad `yuqing score` lines, through the CLI.

Each bad file ends with a non-zero exit and a message naming the file (and, where it can, the
place), never a traceback; each bad score line gets an answer line with its reason, and the good
lines around it are scored.
"""

from __future__ import annotations

import codecs
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from yuqing.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "router"))
from router_helpers import TEST_PROFILE

pytestmark = pytest.mark.timeout(60)


def _encodings(text: str) -> Iterator[tuple[str, bytes]]:
    """The same text as the bytes a careless editor or a wrong upload produces."""
    yield "utf16-le-bom", codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    yield "utf16-be-bom", codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    yield "utf16-no-bom", text.encode("utf-16-le")
    yield "utf32", text.encode("utf-32")
    yield "gbk", text.encode("gbk", "replace") + "中文注释".encode("gbk")
    yield "binary", bytes(range(256)) * 4
    yield "nul-inside", text.encode() + b"\x00" + text.encode()
    yield "png", b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    yield "truncated-utf8", text.encode() + "中".encode()[:2]


# -- settings (TOML) -------------------------------------------------------------------------------
GOOD_SETTINGS = '[kafka]\nbootstrap_servers = "127.0.0.1:9092"\n\n[router]\nprofile = "city-gov"\n'


def _settings_cases() -> Iterator[tuple[str, bytes, bool]]:
    """(name, bytes, should pass)."""
    for name, data in _encodings(GOOD_SETTINGS + "# 注释\n"):
        yield name, data, False
    bad = {
        "deep-array": "a = " + "[" * 5000 + "]" * 5000, "deep-inline-table": "a = " + "{b = " * 3000 + "1" + "}" * 3000,
        "syntax": "[router\nprofile = ", "unknown-table": "[nowhere]\nx = 1\n", "unknown-key": "[router]\nno_such_key = 1\n",
        "wrong-type": '[router]\ndelivery_workers = "four"\n', "zero-workers": "[router]\ndelivery_workers = 0\n",
        "negative-timeout": "[router]\ndelivery_timeout_s = -1\n", "lease-below-deadline": "[router]\ndelivery_lease_s = 1\n",
        "duplicate-key": "[router]\nprofile = \"a\"\nprofile = \"b\"\n", "array-of-tables": "[[router]]\nprofile = \"city-gov\"\n",
        "table-is-string": 'router = "city-gov"\n', "surrogate-escape": '[router]\nprofile = "\\ud800"\n',
        "control-char": '[router]\nprofile = "a\x01b"\n', "unknown-profile-router": '[router]\nprofile = "nowhere"\n',
        "unknown-profile-classifier": '[classifier]\nprofile = "no-such-office"\n', "profile-path-missing": '[router]\nprofile = "/no/such/folder"\n',
        "sources-missing": '[collectors]\nsources = "/no/such/sources.yaml"\n', "kafka-servers-number": "[kafka]\nbootstrap_servers = 5\n",
        "store-url-number": "[store]\nurl = 5\n", "shared-key-in-service": '[router]\nkafka = "x"\n', "date-for-string": "[router]\nprofile = 2020-01-01\n",
        "huge-value-200kb": '[router]\nprofile = "' + "p" * 200_000 + '"\n', "long-line": "# " + "x" * 1_000_000 + "\n[nowhere]\n",
        "rate-not-table": "[router]\nrate_per_minute = 5\n", "nested-unknown": "[kafka.extra]\nx = 1\n",
    }
    for name, text in bad.items():
        yield name, text.encode("utf-8", "surrogatepass"), False
    yield "good", GOOD_SETTINGS.encode(), True
    yield "good-utf8-bom", codecs.BOM_UTF8 + GOOD_SETTINGS.encode(), True
    yield "good-crlf", GOOD_SETTINGS.replace("\n", "\r\n").encode(), True
    yield "good-empty", b"", True


SETTINGS_CASES = list(_settings_cases())


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    rc = main(argv)
    captured = capsys.readouterr()
    return rc, captured.out + captured.err


@pytest.mark.parametrize(("name", "data", "ok"), SETTINGS_CASES, ids=[c[0] for c in SETTINGS_CASES])
def test_bad_settings_file(name: str, data: bytes, ok: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_bytes(data)
    rc, out = _run(capsys, ["check", str(path)])
    assert "Traceback" not in out
    if ok:
        assert rc == 0, out
    else:
        assert rc != 0 and str(path) in out, out


# -- profiles (YAML) -------------------------------------------------------------------------------
GOOD_PROFILE = TEST_PROFILE.format(url="http://127.0.0.1:9")
SHIPPED_GRADING = Path(__file__).resolve().parents[2] / "policies" / "city-gov" / "grading.yaml"


def _profile_cases() -> Iterator[tuple[str, bytes, bool | None]]:
    for name, data in _encodings(GOOD_PROFILE):
        yield name, data, False
    replace = {
        "top-level-list": "- a\n- b\n", "top-level-scalar": "just words\n", "empty": "", "only-comment": "# nothing\n",
        "deep-nesting": "a: " + "[" * 5000 + "]" * 5000 + "\n", "python-tag": "!!python/object/apply:os.system ['true']\n",
        "syntax": "profile: [unclosed\n", "tabs": "profile:\n\tgrades: [a]\n",
        "billion-laughs": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8)),
    }
    for name, text in replace.items():
        yield name, text.encode(), False
    edits = {
        "unknown-top-key": ("profile: test-city", "profile: test-city\nno_such_key: 1"),
        "duplicate-key": ("profile: test-city", "profile: test-city\nprofile: other"),
        "grades-empty": ("grades: [特别重大, 重大, 一般]", "grades: []"),
        "route-unknown-department": ("receiver: housing}", "receiver: nobody}"),
        "clock-bad-duration": ("due: 48h", "due: 48x"),
        "clock-negative": ("due: 48h", "due: -5h"),
        "channel-unknown-kind": ("kind: webhook, url: \"http://127.0.0.1:9/leader\"", "kind: pigeon"),
        "department-not-mapping": ("  - id: silent\n    name: 无渠道单位", "  - silent"),
        "department-duplicate": ("  - id: silent", "  - id: desk"),
        "escalation-unknown": ("desk: desk\n  leader: leader", "desk: nobody\n  leader: leader"),
        "surrogate-escape": ("title: 测试市", 'title: "\\ud800"'),
        "grades-not-list": ("grades: [特别重大, 重大, 一般]", "grades: 5"),
        "topics-not-mapping": ("topics:\n  住房: [住房]\n  其他: [其他]", "topics: [住房]"),
        "inhibit-unknown-grade": ("when_open: [特别重大]", "when_open: [不存在]"),
        "null-departments": ("departments:\n", "departments: null\nx:\n"),
    }
    for name, (old, new) in edits.items():
        assert old in GOOD_PROFILE, name
        yield name, GOOD_PROFILE.replace(old, new, 1).encode("utf-8", "surrogatepass"), False
    # Odd but readable: either accepted or refused with the file named, never a traceback.
    yield "name-200kb", GOOD_PROFILE.replace("name: 值班台", "name: " + "值" * 200_000, 1).encode(), None
    yield "region-number-huge", GOOD_PROFILE.replace('region: "4507"', "region: 99999999999999999999999999", 1).encode(), None
    yield "good", GOOD_PROFILE.encode(), True


PROFILE_CASES = list(_profile_cases())


@pytest.mark.parametrize(("name", "data", "ok"), PROFILE_CASES, ids=[c[0] for c in PROFILE_CASES])
def test_bad_profile_file(name: str, data: bytes, ok: bool | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "profile.yaml"
    path.write_bytes(data)
    shutil.copy(SHIPPED_GRADING, tmp_path / "grading.yaml")
    rc, out = _run(capsys, ["policy", "check", str(path)])
    assert "Traceback" not in out
    if ok:
        assert rc == 0, out
    elif ok is None:
        assert rc == 0 or str(path) in out, out
    else:
        assert rc != 0 and str(path) in out, out


# -- sources (YAML) --------------------------------------------------------------------------------
GOOD_SOURCES = """\
sources:
  - id: city-news
    name: 本市新闻
    kind: rss
    url: https://news.example.org/rss.xml
    interval_s: 300
  - id: forum
    name: 本地论坛
    kind: rss
    url: https://bbs.example.org/rss.xml
"""


def _sources_cases() -> Iterator[tuple[str, bytes, bool]]:
    for name, data in _encodings(GOOD_SOURCES):
        yield name, data, False
    replace = {
        "top-level-list": "- id: a\n", "top-level-scalar": "words\n", "empty": "", "no-sources-key": "other: []\n",
        "sources-not-list": "sources: 5\n", "deep-nesting": "sources: " + "[" * 5000 + "]" * 5000 + "\n",
        "python-tag": "sources: !!python/object/apply:os.system ['true']\n", "syntax": "sources: [unclosed\n",
        "billion-laughs": "x: &a [q,q,q,q,q,q,q,q,q]\n" + "".join(f"y{i}: &a{i} [*a,*a,*a,*a,*a,*a,*a,*a]\n" for i in range(3)) + "sources: []\n",
    }
    for name, text in replace.items():
        yield name, text.encode(), False
    edits = {
        "unknown-kind": ("kind: rss\n    url: https://news", "kind: telepathy\n    url: https://news"),
        "bad-url": ("https://news.example.org/rss.xml", "http://[::1"),
        "url-not-http": ("https://news.example.org/rss.xml", "ftp://news.example.org/rss.xml"),
        "missing-id": ("  - id: city-news\n", "  - "),
        "duplicate-id": ("id: forum", "id: city-news"),
        "interval-negative": ("interval_s: 300", "interval_s: -5"),
        "interval-text": ("interval_s: 300", "interval_s: often"),
        "interval-huge": ("interval_s: 300", "interval_s: 99999999999999999999999"),
        "unknown-key": ("interval_s: 300", "interval_s: 300\n    colour: red"),
        "id-with-space": ("id: forum", "id: my forum"),
        "id-200kb": ("id: forum", "id: " + "f" * 200_000),
        "name-empty": ("name: 本地论坛", "name: ''"),
        "surrogate-escape": ("name: 本地论坛", 'name: "\\udc80"'),
        "entry-not-mapping": ("  - id: forum\n    name: 本地论坛\n    kind: rss\n    url: https://bbs.example.org/rss.xml\n", "  - forum\n"),
        "options-unknown": ("interval_s: 300", "interval_s: 300\n    options: {nope: 1}"),
        "tier-unknown": ("interval_s: 300", "interval_s: 300\n    tier: galactic"),
        "null-entry": ("  - id: forum\n    name: 本地论坛\n    kind: rss\n    url: https://bbs.example.org/rss.xml\n", "  - null\n"),
    }
    for name, (old, new) in edits.items():
        assert old in GOOD_SOURCES, name
        yield name, GOOD_SOURCES.replace(old, new, 1).encode("utf-8", "surrogatepass"), False
    yield "good", GOOD_SOURCES.encode(), True


SOURCES_CASES = list(_sources_cases())


@pytest.mark.parametrize(("name", "data", "ok"), SOURCES_CASES, ids=[c[0] for c in SOURCES_CASES])
def test_bad_sources_file(name: str, data: bytes, ok: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(data)
    rc, out = _run(capsys, ["sources", "check", str(path)])
    assert "Traceback" not in out
    if ok:
        assert rc == 0, out
    else:
        assert rc != 0 and str(path) in out, out


# -- labels (JSON Lines and CSV) -------------------------------------------------------------------
def _jsonl(*rows: object) -> bytes:
    return b"\n".join(json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass") for r in rows) + b"\n"


ROW = {"title": "某小区停水三天", "text": "居民多次投诉无果。", "label": "1"}
GOOD_CSV = "title,text,label\n某小区停水三天,居民多次投诉无果。,1\n新公园开放,市民前往游玩。,0\n"


def _labels_cases() -> Iterator[tuple[str, str, bytes, bool]]:
    """(name, suffix, bytes, should pass)."""
    for name, data in _encodings(GOOD_CSV):
        yield f"csv-{name}", ".csv", data, False
    for name, data in _encodings(_jsonl(ROW).decode()):
        yield f"jsonl-{name}", ".jsonl", data, False
    yield "jsonl-array-file", ".json", json.dumps([ROW, ROW], ensure_ascii=False, indent=1).encode(), False
    yield "jsonl-array-line", ".jsonl", _jsonl([ROW]), False
    yield "jsonl-number-line", ".jsonl", b"5\n", False
    yield "jsonl-null-line", ".jsonl", b"null\n", False
    yield "jsonl-not-json", ".jsonl", b"{title: x}\n", False
    yield "jsonl-deep", ".jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n", False
    yield "jsonl-field-200kb", ".jsonl", _jsonl({**ROW, "text": "长" * 200_000}), False
    yield "jsonl-title-2000", ".jsonl", _jsonl({**ROW, "title": "题" * 2000}), False
    yield "jsonl-lone-surrogate", ".jsonl", b'{"title": "\\ud800", "text": "x", "label": "1"}\n', False
    yield "jsonl-label-missing", ".jsonl", _jsonl({"title": "a", "text": "b"}), False
    yield "jsonl-label-bad", ".jsonl", _jsonl({**ROW, "label": "maybe"}), False
    yield "jsonl-label-null", ".jsonl", _jsonl({**ROW, "label": None}), False
    yield "jsonl-head-unknown", ".jsonl", _jsonl({**ROW, "head": "mood"}), False
    yield "jsonl-empty-texts", ".jsonl", _jsonl({"title": "", "text": "  ", "label": "1"}), False
    yield "jsonl-text-number", ".jsonl", _jsonl({**ROW, "text": 5, "title": ""}), True
    yield "csv-field-200kb", ".csv", ("title,text,label\n标题," + "长" * 200_000 + ",1\n").encode(), False
    yield "csv-nul", ".csv", GOOD_CSV.encode().replace(b"1\n", b"1\x00\n", 1), False
    yield "csv-no-header", ".csv", "某小区停水三天,居民多次投诉无果。,1\n".encode(), False
    yield "csv-unclosed-quote", ".csv", ('title,text,label\n"标题,' + "正文" * 10 + ",1\n").encode(), False
    yield "csv-label-bad", ".csv", GOOD_CSV.replace(",1\n", ",也许\n", 1).encode(), False
    yield "good-csv", ".csv", GOOD_CSV.encode(), True
    yield "good-csv-bom-crlf", ".csv", codecs.BOM_UTF8 + GOOD_CSV.replace("\n", "\r\n").encode(), True
    yield "good-jsonl", ".jsonl", _jsonl(ROW, {**ROW, "title": "新公园开放", "label": "0"}), True
    yield "good-empty", ".jsonl", b"", True


LABELS_CASES = list(_labels_cases())


@pytest.fixture(scope="module")
def labels_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated store for the labels cases (imports are idempotent)."""
    from core.settings import StoreSettings
    from store.db import migrate

    folder = tmp_path_factory.mktemp("labels")
    migrate(StoreSettings(url=f"sqlite:///{folder / 'l.db'}"))
    config = folder / "yuqing.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{folder / "l.db"}"\n', encoding="utf-8")
    return config


@pytest.mark.parametrize(("name", "suffix", "data", "ok"), LABELS_CASES, ids=[c[0] for c in LABELS_CASES])
def test_bad_labels_file(name: str, suffix: str, data: bytes, ok: bool, tmp_path: Path, labels_config: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"labels{suffix}"
    path.write_bytes(data)
    rc, out = _run(capsys, ["--config", str(labels_config), "labels", "import", str(path), "--head", "negativity"])
    assert "Traceback" not in out
    if ok:
        assert rc == 0, out
    else:
        assert rc != 0 and str(path) in out, out


# -- yuqing score lines ----------------------------------------------------------------------------
def _score_lines() -> list[tuple[str, bytes]]:
    good = {"title": "某小区停水三天", "text": "居民多次投诉无果。"}
    return [
        ("not-json", b"not json"), ("truncated", b'{"title": "x"'), ("array", b"[1, 2]"), ("number", b"42"),
        ("null", b"null"), ("string", b'"text"'), ("empty-object", b"{}"), ("empty-texts", b'{"title": "", "text": ""}'),
        ("title-number", b'{"title": 5, "text": 6}'), ("text-object", b'{"text": {"a": 1}}'),
        ("nul-escape", b'{"title": "a\\u0000b", "text": "x"}'), ("lone-surrogate", b'{"title": "\\ud800", "text": "x"}'),
        ("invalid-utf8", b'{"title": "\xe4\xb8", "text": "x"}'), ("binary", bytes(b for b in range(1, 256) if b not in (10, 13))),
        ("deep", b"[" * 100_000 + b"]" * 100_000), ("huge-text", orjson.dumps({"title": "t", "text": "长" * 300_000})),
        ("views-huge", b'{"title": "a", "text": "b", "views": 99999999999999999999999}'),
        ("views-negative", b'{"title": "a", "text": "b", "views": -5}'), ("views-text", b'{"title": "a", "text": "b", "views": "many"}'),
        ("published-garbage", b'{"title": "a", "text": "b", "published_at": "yesterday"}'),
        ("published-number", b'{"title": "a", "text": "b", "published_at": 1e300}'),
        ("id-long", orjson.dumps({**good, "id": "i" * 500})), ("id-space", orjson.dumps({**good, "id": "a b"})),
        ("id-number", orjson.dumps({**good, "id": 5})), ("url-garbage", orjson.dumps({**good, "url": "http://[::1"})),
        ("source-kind-bad", orjson.dumps({**good, "source_kind": "tv"})), ("tier-bad", orjson.dumps({**good, "tier": "galactic"})),
        ("region-long", orjson.dumps({**good, "region": "区" * 100})), ("title-2000", orjson.dumps({**good, "title": "题" * 2000})),
        ("utf16-line", '{"title": "a", "text": "b"}'.encode("utf-16")), ("nan", b'{"title": "a", "text": "b", "views": NaN}'),
        ("duplicate-keys", b'{"title": "a", "title": "b", "text": "c"}'), ("bom-line", codecs.BOM_UTF8 + orjson.dumps(good)),
        ("crlf", orjson.dumps(good) + b"\r"),
    ]


SCORE_CASES = _score_lines()


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = tmp_path_factory.mktemp("score")
    good = orjson.dumps({"title": "某小区停水三天居民投诉", "text": "东城区某小区停水三天，居民多次投诉无果。"})
    lines = []
    for n, (_, line) in enumerate(SCORE_CASES):
        lines.append(line)
        lines.append(good.replace(b"}", f', "id": "good-{n}"}}'.encode()))
    (folder / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    config = folder / "yuqing.toml"
    config.write_text(f'[classifier]\nmodels_dir = "{folder / "models"}"\n', encoding="utf-8")
    rc = main(["--config", str(config), "score", "--in", str(folder / "in.jsonl"), "--out", str(folder / "out.jsonl")])
    assert rc == 0
    return [orjson.loads(line) for line in (folder / "out.jsonl").read_bytes().splitlines()]


def test_every_score_line_is_answered_and_every_good_line_scored(scored: list[dict]) -> None:
    assert len(scored) == 2 * len(SCORE_CASES)
    good = [row for row in scored if str(row.get("id", "")).startswith("good-")]
    assert len(good) == len(SCORE_CASES) and all("error" not in row and 0 <= row["negativity"] <= 1 for row in good)


@pytest.mark.parametrize("index", range(len(SCORE_CASES)), ids=[c[0] for c in SCORE_CASES])
def test_bad_score_line_gets_a_reason_or_a_score(index: int, scored: list[dict]) -> None:
    answer = scored[2 * index]
    assert ("error" in answer and answer["error"].strip()) or 0 <= answer.get("negativity", -1) <= 1, answer


@pytest.mark.parametrize("service", ["classifier", "router"])
def test_a_service_refuses_an_unknown_profile_with_a_message(service: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """What `yuqing check` refuses, the service refuses too, with the message and no crash loop of tracebacks."""
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "s.db"}"\n\n[{service}]\nprofile = "no-such-office"\n',
                      encoding="utf-8")
    rc, out = _run(capsys, ["--config", str(config), service])
    assert rc == 2 and "no-such-office" in out and "Traceback" not in out
    rc, out = _run(capsys, ["check", str(config)])
    assert rc == 1 and "no-such-office" in out
