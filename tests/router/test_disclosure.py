"""Interviews and disclosures on a case (003 篇五 第二十五条: 统一事实、统一数据、统一口径、统一出口): only the
case's outlet may record one, it must cite a 口径 given on the case, and it may state no figure outside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_helpers import case_of, case_service, refused_at_load

from core.settings import StoreSettings
from router.cases import CaseError
from router.disclosure import figures, unmatched

ROADS = "公共基础设施建设"


def test_figures_are_read_in_digits_and_in_counted_chinese_numerals() -> None:
    text = "K12路段两人受伤，３人送医，损失1,200元，封闭2.50米，十二辆车绕行，两百万元"
    assert figures(text) == ("12", "3", "1200", "2.5", "2", "2000000")
    # Words that only look like numbers are no figures.
    assert figures("统一口径，第一次通报，四处寻找，十分重视，千家万户，一起事故") == ()
    assert unmatched("两人受伤，损失120万元", "2人受伤，损失约120万元") == ()
    assert unmatched("3人受伤", "2人受伤") == ("3",)


def test_huaning_disclosure_goes_through_the_outlet_and_cites_the_approved_caliber(
        store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "huaning-gonglu", ("h-talk", ROADS, "三级", 2))
    case = case_of(service, "h-talk")
    lead = service.get(case).department_id
    service.acknowledge(case, "养护股")
    talk = "接受媒体采访"
    # 统一口径: nothing may go out before a 口径 is given on the case.
    with pytest.raises(CaseError, match=r"统一口径：案件 \d+ 尚无经审核的口径，不能登记接受媒体采访；"
                                        r"须先登记：网上回复稿须经主办部门分管领导审核（第二十一条）"):
        service.disclose(case, talk, "reply-3", "分管领导", "路面已修复", department_id=lead)
    with pytest.raises(CaseError, match="没有“答记者问”这一对外披露方式；可选：接受媒体采访、对外披露信息"):
        service.disclose(case, "答记者问", "reply-3", "分管领导", "路面已修复", department_id=lead)
    with pytest.raises(CaseError, match="须写明对外披露的要点"):
        service.disclose(case, talk, "reply-3", "分管领导", " ", department_id=lead)
    with pytest.raises(CaseError, match="须写明由哪个部门的网络发言人对外发布"):
        service.disclose(case, talk, "reply-3", "分管领导", "路面已修复", department_id="")
    service.approve(case, "reply-3", "分管领导", "同意回复稿：K12路段塌陷2处，已封闭300米，预计3天修复",
                    department_id=lead)
    # 统一出口: only the lead department's 网络发言人 speaks for the case.
    with pytest.raises(CaseError, match=r"统一出口：案件 \d+ 的对外披露信息须由养护股的网络发言人统一进行，"
                                        r"分局舆情处置工作领导小组办公室不能对外发布；请将材料交养护股"):
        service.disclose(case, "对外披露信息", "reply-3", "办公室", "塌陷2处", department_id="group-office")
    # The cited 口径 must be one given on this case, at its grade.
    with pytest.raises(CaseError, match="须引用本案已登记的口径：reply-3（网上回复稿审核）；“release-2”不在其中"):
        service.disclose(case, talk, "release-2", "分管领导", "塌陷2处", department_id=lead)
    # 统一数据: a figure the 口径 does not state is refused, naming it and the 口径.
    with pytest.raises(CaseError, match=r"统一数据：披露要点中的数字 500、5 不见于所引口径（网上回复稿审核，"
                                        r"\d{4}-\d\d-\d\d \d\d:\d\d 分管领导；口径以登记时写明的内容为准）"):
        service.disclose(case, talk, "reply-3", "分管领导", "封闭500米，5天修复", department_id=lead)
    view = service.disclose(case, talk, "reply-3", "分管领导", "两处塌陷，已封闭300米，三天内修复",
                            department_id=lead, media="玉溪日报记者")
    assert view.status == "已签收"
    events = service.show(case).events
    sign_off = next(e for e in events if e.action == "approved")
    record = next(e for e in events if e.action == "disclosed")
    assert record.detail == {"disclosure_kind": talk, "department": lead, "caliber": "reply-3",
                             "caliber_label": "网上回复稿审核", "caliber_event": sign_off.id,
                             "content": "两处塌陷，已封闭300米，三天内修复", "media": "玉溪日报记者",
                             "figures": ["300", "3"]}
    # Flagged for 网上引导, the 引导口径 counts as a 口径 too, once it is recorded.
    service.flag(case, "online-guidance", "养护股", "网上质疑修复进度", department_id=lead)
    with pytest.raises(CaseError, match="不在其中"):
        service.disclose(case, talk, "guidance-caliber", "分管领导", "三天内修复", department_id=lead)
    service.approve(case, "guidance-caliber", "养护股", "引导口径：12月5日前恢复通行", department_id=lead)
    service.disclose(case, "对外披露信息", "guidance-caliber", "分管领导", "12月5日前恢复通行", department_id=lead)
    assert [e.detail["caliber"] for e in service.show(case).events if e.action == "disclosed"] == \
        ["reply-3", "guidance-caliber"]


def test_a_profile_without_a_disclosure_rule_says_so(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "school", ("s-talk", "教育", "一般", 3))
    case = case_of(service, "s-talk")
    with pytest.raises(CaseError, match="本预案未规定对外披露的登记"):
        service.disclose(case, "接受媒体采访", "reply-review", "校长", "x", department_id="principal")


RULE = "disclosure:\n  kinds: [接受媒体采访]\n  outlet: [lead]\n  calibers: [a]\n  basis: x\n"
STEP = "approvals:\n  - {id: a, what: 口径, verb: 审定, by: [desk]}\n"


@pytest.mark.parametrize(("text", "problem"), [
    (STEP + RULE.replace("calibers: [a]", "calibers: [b]"), "approval 'b' is not defined"),
    (STEP + RULE.replace("outlet: [lead]", "outlet: [pres]"), "department 'pres' is not defined"),
    (STEP + RULE + "  speaker: 发言人\n", "unknown key 'speaker' in disclosure"),
    (STEP + RULE.replace("  basis: x\n", ""), "disclosure lacks the key 'basis'"),
    (STEP + RULE + "  figures: 是\n", "figures must be true or false"),
])
def test_a_wrong_disclosure_rule_is_refused_at_load_with_its_line(tmp_path: Path, text: str, problem: str) -> None:
    refused_at_load(tmp_path, text, problem)
