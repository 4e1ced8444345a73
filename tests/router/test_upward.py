"""Upward reports the seeds require (快报, 《网上舆情》, 专报, 书面报告), written from the case (issue 11)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from router_helpers import router_settings, scored

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.cases import CaseService
from router.service import RouterProcessor
from router.timeutil import utc
from yuqing.cli import main

CST = ZoneInfo("Asia/Shanghai")
FOUND = datetime(2026, 11, 25, 10, 0, tzinfo=CST)


def _service(store: StoreSettings, name: str, **item: object) -> tuple[CaseService, int]:
    profile = policy.load(profile_dir(name))
    settings = router_settings(store)
    one = scored("up-1", fetched_at=FOUND, profile=name, **item)  # type: ignore[arg-type]
    RouterProcessor(settings, profile).process([Record("items.scored", 0, 0, b"k", encode(one))])
    service = CaseService(store, profile, settings)
    return service, service.list()[0].id


def test_huaning_first_grade_express_reports(store_settings: StoreSettings) -> None:
    """003 篇五 第十三条: 党总支, 手机快报 within 30 min and 纸质快报 within 1 h, to the 市局主要领导."""
    service, case_id = _service(store_settings, "huaning-gonglu", topic="公共基础设施建设", grade="一级", rank=0,
                                title="某国道隧道塌方致交通中断", text="昨夜隧道塌方，多车被困，网友质疑养护不力。")
    reports = {r.clock_id: r for r in service.upward_reports(case_id)}
    phone = reports["phone-express"]
    assert (phone.form, phone.sender, phone.recipients) == ("快报", "分局党总支", ("玉溪公路局（市局主要领导）",))
    assert phone.due_at == utc(FOUND + timedelta(minutes=30))
    brief = dict((k, v) for k, _, v in phone.fields)["brief"]
    assert len(brief) <= 200 and "某国道隧道塌方致交通中断" in brief and "一级" in brief
    assert reports["paper-express"].due_at == utc(FOUND + timedelta(hours=1))


def test_huaning_second_grade_wangshang_yuqing(store_settings: StoreSettings) -> None:
    service, case_id = _service(store_settings, "huaning-gonglu", topic="公共基础设施建设", grade="二级", rank=1)
    (report,) = service.upward_reports(case_id, "wangshang-yuqing")
    assert report.form == "网上舆情" and report.sender == "分局舆情处置工作领导小组办公室"
    labels = [label for _, label, _ in report.fields]
    assert labels[-1] == "领导签批意见" and "舆情摘要" in labels
    assert "第十四条" in report.basis


def test_yichun_special_report_to_city_and_province(store_settings: StoreSettings) -> None:
    service, case_id = _service(store_settings, "yichun-scjg", topic="食品药品安全", grade="特别重大", rank=0,
                                title="某学校食堂集体食物中毒", text="多名学生食物中毒送医，1人死亡。")
    (report,) = service.upward_reports(case_id, "report-up")
    assert report.form == "专报" and set(report.recipients) == {"市委市政府（总值班室）", "江西省市场监督管理局"}
    assert report.sender == "综合应急和新闻宣传科"


def test_jining_written_report_has_the_fields_of_article_eleven(store_settings: StoreSettings,
                                                                 tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    service, case_id = _service(store_settings, "jining-ggzy", topic="公共资源交易", grade="二级", rank=1)
    (report,) = service.upward_reports(case_id, "written-report")
    assert [label for _, label, _ in report.fields] == [
        "发布媒体名称", "文章标题", "内容概要", "转载网站链接", "点击量", "回帖量", "主要评论观点", "事发原因分析",
        "分级情况", "产生的影响", "拟采取的应对措施"]
    assert report.recipients == ("市负面舆情应急处置领导小组",)
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{store_settings.url}"\n[router]\nprofile = "jining-ggzy"\n', encoding="utf-8")
    assert main(["--config", str(config), "cases", "report", str(case_id), "--clock", "written-report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("【书面报告】向市领导小组书面报告") and "报送对象：市负面舆情应急处置领导小组" in out
