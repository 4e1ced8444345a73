"""Sign-offs before a response (审定, 审批, 审核): the regulation's order, its approvers, and no response
without them (002 第十九条, 003 篇五 第二十一条, 003 篇一 二、2(2))."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_helpers import case_of, case_service, write_profile

from core.settings import StoreSettings
from router import policy
from router.cases import CaseError


def test_a_grave_case_of_yichun_responds_only_after_caliber_and_plan_are_signed(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "yichun-scjg", ("y-major", "价格", "重大", 1),
                           ("y-minor", "价格", "一般", 3))
    major = case_of(service, "y-major")
    service.acknowledge(major, "价格科")
    with pytest.raises(CaseError, match="回应口径须经分管新闻宣传局领导审定（第十九条（一））") as refused:
        service.respond(major, "价格科", "已在官网发布情况说明")
    assert "回应方案须经市局主要领导审批" in str(refused.value)
    # The plan comes after the caliber, and only the named leaders give each sign-off.
    with pytest.raises(CaseError, match="须先回应口径审定、回应口径审定，再回应方案审定"):
        service.approve(major, "plan-unit", "分管副局长", "同意方案", department_id="unit-leader")
    with pytest.raises(CaseError, match="价格监督检查和反不正当竞争科不能审定"):
        service.approve(major, "caliber-press", "价格科", "同意", department_id="price")
    service.approve(major, "caliber-press", "分管新闻宣传副局长", "同意口径", department_id="press-leader")
    service.approve(major, "caliber-unit", "分管价格副局长", "同意口径", department_id="unit-leader")
    service.approve(major, "plan-unit", "分管价格副局长", "同意发布会方案", department_id="unit-leader")
    with pytest.raises(CaseError, match="回应方案须经市局主要领导审批"):
        service.respond(major, "价格科", "已在官网发布情况说明")
    service.approve(major, "plan-director", "局长", "同意", department_id="director")
    assert service.respond(major, "价格科", "已召开新闻发布会").status == "已回应"
    signed = [(e.detail["approval"], e.actor) for e in service.show(major).events if e.action == "approved"]
    assert signed == [("caliber-press", "分管新闻宣传副局长"), ("caliber-unit", "分管价格副局长"),
                      ("plan-unit", "分管价格副局长"), ("plan-director", "局长")]
    # 第十九条 concerns 重大 and 特别重大: a 一般 case responds at once, and asking a sign-off of it is an error.
    minor = case_of(service, "y-minor")
    service.acknowledge(minor, "价格科")
    with pytest.raises(CaseError, match="本预案不要求回应口径审定"):
        service.approve(minor, "caliber-press", "分管新闻宣传副局长", "同意")
    assert service.respond(minor, "价格科", "已电话答复").status == "已回应"


def test_huaning_reply_of_grade_three_is_reviewed_by_the_lead_departments_leader(
        store_settings: StoreSettings) -> None:
    roads = "公共基础设施建设"
    service = case_service(store_settings, "huaning-gonglu", ("h-3", roads, "三级", 2), ("h-1", roads, "一级", 0))
    three, one = case_of(service, "h-3"), case_of(service, "h-1")
    lead = service.get(three).department_id
    service.acknowledge(three, "路政大队")
    with pytest.raises(CaseError, match="网上回复稿须经主办部门分管领导审核（第二十一条）"):
        service.respond(three, "路政大队", "已回复网友")
    with pytest.raises(CaseError, match="不能审核"):
        service.approve(three, "reply-3", "办公室", "同意", department_id="group-office")
    with pytest.raises(CaseError, match="须写明意见"):
        service.approve(three, "reply-3", "分管领导", "  ", department_id=lead)
    service.approve(three, "reply-3", "分管领导", "同意回复稿", department_id=lead)
    assert service.respond(three, "路政大队", "已回复网友").status == "已回应"
    service.acknowledge(one, "办公室")
    with pytest.raises(CaseError, match="新闻通稿须经舆情处置专班或局党委宣传部审核"):
        service.respond(one, "办公室", "通稿已发布")
    with pytest.raises(CaseError, match="没有“release-9”这一审定环节；可选：release-1（新闻通稿审核）"):
        service.approve(one, "release-9", "专班", "同意")


def test_a_response_already_given_needs_no_more_sign_offs(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "school", ("s-1", "教育", "一般", 3))
    case = case_of(service, "s-1")
    lead = service.get(case).department_id
    service.acknowledge(case, "年级组")
    service.approve(case, "reply-review", "抓级领导", "回复内容已审查，无错别字", department_id=lead)
    service.respond(case, "年级组", "已在论坛回帖")
    with pytest.raises(CaseError, match="回应前才需回复内容审查"):
        service.approve(case, "reply-review", "抓级领导", "再审")


@pytest.mark.parametrize(("entry", "problem"), [
    ("{id: a, what: 回应口径, verb: 审定, by: [nobody]}", "department 'nobody' is not defined"),
    ("{id: a, what: 回应口径, verb: 审定, by: [desk], grades: [严重]}", "grade '严重' is not a grade"),
    ("{id: a, what: 回应口径, verb: 审定, by: [desk], after: [b]}", "approval 'b' is not listed before 'a'"),
    ("{id: a, what: 回应口径, verb: 审定, by: [desk], who: x}", "unknown key 'who' in an approval"),
    ("{id: a, what: 回应口径, by: [desk]}", "an approval lacks the key 'verb'"),
])
def test_a_wrong_approval_is_refused_at_load_with_its_line(tmp_path: Path, entry: str, problem: str) -> None:
    folder = write_profile(tmp_path / "p", "http://127.0.0.1:9")
    profile = folder / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + f"\napprovals:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(policy.PolicyError, match=problem):
        policy.load(folder)
