"""``yuqing policy check``, ``yuqing route test`` and ``yuqing cases`` as an operator runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_helpers import TEST_PROFILE, router_settings, scored, write_profile

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.service import RouterProcessor
from store.db import migrate
from yuqing.cli import main


def test_policy_check_all_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "check"]) == 0
    out = capsys.readouterr().out
    assert out.count("✓") >= 6
    assert "city-gov" in out and "分级 特别重大/重大/一般" in out
    assert "回应与办结前环节 3（其中视情形标记 2 种）" in out  # city-gov: 004 二 and 四


def test_policy_check_reports_line_and_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = TEST_PROFILE.replace("receiver: housing}", "receiver: housng}")
    folder = write_profile(tmp_path / "office", "http://127.0.0.1:9", text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "housng" in row)
    assert main(["policy", "check", str(folder / "profile.yaml")]) == 1
    out = capsys.readouterr().out
    assert "✗" in out and "department 'housng' is not defined" in out and "did you mean 'housing'?" in out
    assert f"line {line}:" in out


def test_route_test_prints_path_receivers_and_clocks(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["route", "test", "--profile", "city-gov", "--at", "2026-10-01T09:00:00+08:00",
                 "topic=住房", "grade=重大", "region=450721", "text=某小区电梯坠落致3人受伤"])
    assert code == 0
    out = capsys.readouterr().out
    assert "路由路径: 市本级 → 属地-灵山县 → 民生-住房" in out
    assert "主办: 灵山县人民政府办公室 (lingshan)" in out
    assert "会办: 市住房和城乡建设局 (housing)" in out
    assert "抄送: 市人民政府办公室 (gov-office)、市政务公开工作领导小组办公室 (open-office)" in out
    assert "信号=受伤" in out
    # 重大突发 (an emergency signal): facts within 1 h, reported upward at the same time (004 三).
    assert ("facts: 发布事实类信息（重大突发事件） — 1小时，2026-10-01 10:00 前；"
            "责任单位 灵山县人民政府办公室 (lingshan)") in out
    assert "report-up: 向上级报告（重大突发事件）（本单位自定） — 1小时" in out
    assert "依据: 004 三" in out
    assert "未发送任何消息" in out


def test_route_test_unknown_topic_and_bad_grade(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "test", "--profile", "jining-ggzy", "topic=住房", "grade=三级"]) == 0
    out = capsys.readouterr().out
    assert "主办: 市中心综合科（舆情监测岗） (monitor)" in out and "默认接收单位" in out
    assert main(["route", "test", "--profile", "jining-ggzy", "grade=重大"]) == 2
    assert "not a grade of jining-ggzy" in capsys.readouterr().err


def test_cases_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'cli.db'}")
    migrate(store)
    folder = write_profile(tmp_path / "office", "http://127.0.0.1:9")
    RouterProcessor(router_settings(store), policy.load(folder)).process(
        [Record("items.scored", 0, 0, b"k", encode(scored("cli-1")))])
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store.url}"\n\n[router]\nprofile = "{folder}"\n', encoding="utf-8")
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    base = ["--config", str(config), "cases"]
    assert main([*base, "list"]) == 0
    assert "共 1 件" in capsys.readouterr().out
    assert main([*base, "close", "1", "--by", "王科长", "--note", "总结"]) == 1
    assert "不能直接变为“办结”" in capsys.readouterr().err
    assert main([*base, "ack", "1", "--by", "王科长"]) == 0
    assert "已签收" in capsys.readouterr().out
    assert main([*base, "transfer", "1", "--to", "desk", "--reason", "职责调整", "--by", "王科长"]) == 0
    assert main([*base, "show", "1"]) == 0
    out = capsys.readouterr().out
    assert '"action": "transferred"' in out and "职责调整" in out


def test_route_test_lists_the_sign_offs_and_cases_approve_records_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["route", "test", "--profile", "yichun-scjg", "topic=价格监管", "grade=重大"]) == 0
    out = capsys.readouterr().out
    assert "回应前须经:\n  caliber-press: 回应口径须经分管新闻宣传局领导审定（第十九条（一））" in out
    assert "plan-director: 回应方案须经市局主要领导审批（第十九条（二））" in out
    assert main(["route", "test", "--profile", "yichun-scjg", "topic=价格监管", "grade=一般"]) == 0
    assert "回应前须经" not in capsys.readouterr().out
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'cli.db'}")
    migrate(store)
    RouterProcessor(router_settings(store), policy.load(profile_dir("huaning-gonglu"))).process(
        [Record("items.scored", 0, 0, b"k", encode(scored("cli-h", topic="公共基础设施建设", grade="二级", rank=1,
                                                             profile="huaning-gonglu")))])
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store.url}"\n\n[router]\nprofile = "huaning-gonglu"\n', encoding="utf-8")
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    base = ["--config", str(config), "cases"]
    assert main([*base, "ack", "1", "--by", "办公室"]) == 0
    assert main([*base, "respond", "1", "--by", "办公室", "--note", "通稿已发布"]) == 1
    assert "新闻通稿须经分局舆情处置工作领导小组办公室审核（第二十一条），尚未审核" in capsys.readouterr().err
    assert main([*base, "approve", "1", "release-2", "--by", "办公室主任", "--note", "同意",
                 "--department", "party-branch"]) == 1
    assert "分局党总支不能审核" in capsys.readouterr().err
    assert main([*base, "approve", "1", "release-2", "--by", "办公室主任", "--note", "同意",
                 "--department", "group-office"]) == 0
    assert main([*base, "respond", "1", "--by", "办公室", "--note", "通稿已发布"]) == 0


def test_route_test_lists_the_flagged_steps_and_cases_flag_records_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["route", "test", "--profile", "city-gov", "topic=住房", "grade=重大"]) == 0
    out = capsys.readouterr().out
    assert "视情形（yuqing cases flag 标记后）须经:\n  标记 consultation「需会商研判」（004 二、分析研判（必要时））" \
        in out
    assert ("consultation-approval: 回应前，预控处置意见须经市人民政府分管副秘书长审定"
            "（004 二（按程序报审）；本单位自定）") in out
    assert "investigation-report: 主办部门须形成调查报告和处置意见，方可办结（004 四）" in out
    # 上级要求调查 concerns 重大政务舆情 only.
    assert main(["route", "test", "--profile", "city-gov", "topic=住房", "grade=一般"]) == 0
    out = capsys.readouterr().out
    assert "标记 consultation" in out and "upper-investigation" not in out
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'cli.db'}")
    migrate(store)
    RouterProcessor(router_settings(store), policy.load(profile_dir("city-gov"))).process(
        [Record("items.scored", 0, 0, b"k", encode(scored("cli-c", topic="住房", grade="重大", rank=1)))])
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store.url}"\n\n[router]\nprofile = "city-gov"\n', encoding="utf-8")
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    base = ["--config", str(config), "cases"]
    assert main([*base, "ack", "1", "--by", "住建局"]) == 0
    assert main([*base, "flag", "1", "consultation", "--by", "住建局", "--note", "涉及多部门职责"]) == 0
    assert main([*base, "respond", "1", "--by", "住建局", "--note", "已发布通报"]) == 1
    assert "市人民政府办公室须提出会商研判及预控处置意见（004 二），尚未提出" in capsys.readouterr().err
    assert main([*base, "approve", "1", "consultation-opinion", "--by", "市政府办", "--note", "先行约谈物业"]) == 1
    assert "须写明参加的部门" in capsys.readouterr().err
    assert main([*base, "approve", "1", "consultation-opinion", "--by", "市政府办", "--note", "先行约谈物业",
                 "--department", "gov-office", "--with", "housing", "petition"]) == 0
    assert main([*base, "approve", "1", "consultation-approval", "--by", "王副秘书长", "--note", "同意",
                 "--department", "leader"]) == 0
    assert main([*base, "respond", "1", "--by", "住建局", "--note", "已发布通报"]) == 0
    assert main([*base, "flag", "1", "nope", "--by", "x", "--note", "y"]) == 1
    assert "可选：consultation（需会商研判）、upper-investigation（上级要求开展全面调查）" in capsys.readouterr().err
    assert main([*base, "flag", "1", "upper-investigation", "--by", "市政府办", "--note", "省政府要求调查"]) == 0
    assert main([*base, "close", "1", "--by", "住建局", "--note", "处置完毕"]) == 1
    assert "尚未形成" in capsys.readouterr().err
    assert main([*base, "unflag", "1", "upper-investigation", "--by", "市政府办", "--reason", "上级撤回要求"]) == 0
    assert main([*base, "close", "1", "--by", "住建局", "--note", "处置完毕"]) == 0
    capsys.readouterr()
    assert main([*base, "show", "1"]) == 0
    out = capsys.readouterr().out
    assert '"participants": [\n' in out and '"action": "unflagged"' in out


def test_cases_disclose_records_an_interview_through_the_outlet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["route", "test", "--profile", "huaning-gonglu", "topic=公共基础设施建设", "grade=二级"]) == 0
    out = capsys.readouterr().out
    assert ("对外披露（yuqing cases disclose 登记）:\n"
            "  接受媒体采访、对外披露信息须由主办部门网络发言人统一进行（统一出口），"
            "并引用本案已登记的新闻通稿审核或提出网上舆论引导口径（统一口径），所述数据须与口径一致（统一数据）") in out
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'cli.db'}")
    migrate(store)
    RouterProcessor(router_settings(store), policy.load(profile_dir("huaning-gonglu"))).process(
        [Record("items.scored", 0, 0, b"k",
                encode(scored("cli-h", topic="公共基础设施建设", grade="二级", rank=1, profile="huaning-gonglu")))])
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store.url}"\n\n[router]\nprofile = "huaning-gonglu"\n', encoding="utf-8")
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    base = ["--config", str(config), "cases"]
    talk = ["disclose", "1", "--kind", "接受媒体采访", "--caliber", "release-2", "--department", "maintenance",
            "--media", "云南日报记者", "--by", "分管领导"]
    assert main([*base, *talk, "--content", "塌方1处，无人员伤亡"]) == 1
    assert "统一口径：案件 1 尚无经审核的口径" in capsys.readouterr().err
    assert main([*base, "approve", "1", "release-2", "--by", "办公室主任", "--department", "group-office",
                 "--note", "同意通稿：国道213线K85处塌方1处，无人员伤亡，今日18时前抢通"]) == 0
    assert main([*base, *talk, "--content", "塌方2处"]) == 1
    assert "统一数据：披露要点中的数字 2 不见于所引口径" in capsys.readouterr().err
    outlet = [a if a != "maintenance" else "road-admin" for a in talk]
    assert main([*base, *outlet, "--content", "塌方1处"]) == 1
    refused = capsys.readouterr().err
    assert "统一出口：案件 1 的接受媒体采访须由养护股的网络发言人统一进行，路政大队不能对外发布" in refused
    assert main([*base, *talk, "--content", "K85处塌方1处，今日18时前抢通"]) == 0
    capsys.readouterr()
    assert main([*base, "show", "1"]) == 0
    assert '"action": "disclosed"' in capsys.readouterr().out
