"""The incidents commands, the rules file checks, spread floors and suggested downgrades."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

import incidents
from core.errors import ConfigError
from core.settings import StoreSettings
from incidents import cli
from incidents.config import RULES_FILE, parse
from store.db import make_engine, migrate, sessions
from tests.incidents.story import POST, T0, scored, source, story


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yuqing")
    parser.add_argument("--config")
    cli.register(parser.add_subparsers(dest="command", required=True))
    return parser


def test_cli_list_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'y.db'}")
    migrate(store)
    engine = make_engine(store)
    with sessions(engine)() as session, session.begin():
        for _, item in story():
            a = incidents.assign(session, item, item.item.fetched_at)
    engine.dispose()
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store.url}"\n', encoding="utf-8")
    parser = _parser()
    args = parser.parse_args(["--config", str(config), "incidents", "list"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert a.incident_id in out and "一级" in out and "济宁吧" in out
    args = parser.parse_args(["--config", str(config), "incidents", "show", a.incident_id])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    for expected in ("时间线", "首发 济宁吧", "转载", "后续报道", "官方回应", "传播路径", "省内主流媒体", "已回应",
                     "upgraded"):
        assert expected in out, expected
    args = parser.parse_args(["--config", str(config), "incidents", "show", a.incident_id, "--json"])
    assert args.func(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["id"] == a.incident_id and doc["metrics"]["items"] == 8
    assert sum(h["items"] for h in doc["hourly"]) == 8 and doc["timeline"][0]["how"] == "first"
    args = parser.parse_args(["--config", str(config), "incidents", "show", "INC-NOPE"])
    assert args.func(args) == 1
    assert "没有编号为 INC-NOPE 的事件" in capsys.readouterr().out


def test_rules_file_is_checked() -> None:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    assert parse(data, RULES_FILE).spread_rules
    with pytest.raises(ConfigError, match=r"near_duplicate\.jacard_min: unknown key"):
        parse({**data, "near_duplicate": {"jacard_min": 0.5}}, RULES_FILE)
    with pytest.raises(ConfigError, match=r"spread_rules\[0\]\.when"):
        parse({**data, "spread_rules": [{"meaning": "x", "when": {"fast": 1}, "grades": {}}]}, RULES_FILE)
    # Steps above the mildest grade meant different things in each seed: a floor names its meaning.
    with pytest.raises(ConfigError, match="meaning, when and grades"):
        parse({**data, "spread_rules": [{"steps_above_mildest": 1, "reason": "x", "when": {"sources_min": 5}}]},
              RULES_FILE)
    with pytest.raises(ConfigError, match=r"grades\.school: write \{grade"):
        parse({**data, "spread_rules": [{"meaning": "x", "when": {"sources_min": 5},
                                         "grades": {"school": {"grade": "较大"}}}]}, RULES_FILE)
    with pytest.raises(ConfigError, match="jaccard_min: must be within"):
        parse({**data, "near_duplicate": {"jaccard_min": 3}}, RULES_FILE)
    with pytest.raises(ConfigError, match="boilerplate"):
        parse({**data, "boilerplate": ["(unclosed"]}, RULES_FILE)


def test_spread_floor_upgrades_then_a_downgrade_is_only_suggested(sqlite_settings: StoreSettings) -> None:
    base = incidents.default_rules()
    rules = replace(base, spread_rules=tuple(
        replace(r, when={"growth_per_hour_min": 3, "negative_share_min": 0.5}) for r in base.spread_rules[1:2]))
    engine = make_engine(sqlite_settings)
    factory = sessions(engine)
    forum = [source(f"f{i}", f"论坛{i}", "forum", "self_media") for i in range(4)]
    items = [scored(f"g{i}", forum[i], "实名举报任城区学校食堂采购围标串标", "转发：" + POST,
                    T0 + timedelta(minutes=10 * i), profile="yichun-scjg", topic="其他") for i in range(3)]
    late = scored("g-late", forum[3], "实名举报任城区学校食堂采购围标串标", POST + "顶一下", T0 + timedelta(hours=6),
                  profile="yichun-scjg", topic="其他")
    with factory() as session, session.begin():
        results = [incidents.assign(session, i, i.item.fetched_at, rules) for i in items]
        last = incidents.assign(session, late, late.item.fetched_at, rules)
    engine.dispose()
    assert results[0].grade == "一般" and results[1].upgrade is None
    up = results[2].upgrade
    # 002 第十七条: spreading fast is 敏感 in yichun (the seed's meaning, not "one step up").
    assert up is not None and (up.from_grade, up.to_grade) == ("一般", "敏感") and up.applied and not up.to_top
    assert any("传播较快" in r and "002 第十七条" in r for r in up.reasons)
    assert any("近一小时新增 3 条" in r for r in up.reasons)
    # Growth fell: the estimate is 一般 again, but only people lower a grade.
    down = last.downgrade
    assert down is not None and not down.applied and (down.from_grade, down.to_grade) == ("敏感", "一般")
    assert last.grade == "敏感" and last.upgrade is None and "建议降级" in down.reason_text


def test_own_source_ids_mark_responses(sqlite_settings: StoreSettings) -> None:
    rules = replace(incidents.default_rules(), own_source_ids=frozenset({"office-weibo"}))
    engine = make_engine(sqlite_settings)
    factory = sessions(engine)
    first = scored("r1", source("f", "济宁吧", "forum", "self_media"), "实名举报任城区学校食堂采购围标串标", POST, T0)
    answer = scored("r2", source("office-weibo", "中心官方微博", "microblog", "self_media"),
                    "关于任城区第一实验学校食堂设备采购围标串标举报的回应",
                    "针对网友反映任城区第一实验学校食堂设备采购项目围标串标问题，我中心已成立调查组核查，结果将及时公布。",
                    T0 + timedelta(hours=3), negativity=0.2)
    with factory() as session, session.begin():
        a = incidents.assign(session, first, T0, rules)
        b = incidents.assign(session, answer, answer.item.fetched_at, rules)
    engine.dispose()
    assert b.incident_id == a.incident_id and b.how == "response" and b.responded_now and b.status == "responded"
