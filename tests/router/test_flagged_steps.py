"""Steps a person starts "when needed" (视情形): a flag on a case makes the regulation's steps required
before the response or the close — 003 篇一 二、2(1) (把握不准的问题 须报主要领导审定), 003 篇五 第十八条、
第十九条、第二十二条至第二十四条 (书面报告 to 市局, its consent, its guidance), 004 二 (会商研判, 报审) and
004 四 (调查报告和处置意见 when the superiors ask)."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_helpers import case_of, case_service, refused_at_load

from core.settings import StoreSettings
from router.cases import CaseError, CaseService


def _told(service: CaseService, case: int, purpose: str) -> list[str]:
    return [n.department_id for n in service.show(case).notifications if n.purpose == purpose]


def test_school_unsure_question_waits_for_the_principals_decision(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "school", ("s-unsure", "教育", "一般", 3), ("s-plain", "教育", "一般", 3))
    case, plain = case_of(service, "s-unsure"), case_of(service, "s-plain")
    lead = service.get(case).department_id
    service.acknowledge(case, "年级组")
    service.approve(case, "reply-review", "抓级领导", "回复内容已审查", department_id=lead)
    # Unflagged, the principal's 审定 is not asked for, and recording one is refused.
    with pytest.raises(CaseError, match="未标记“把握不准的问题”，无需把握不准的问题审定"):
        service.approve(case, "principal-decision", "校长", "同意", department_id="principal")
    with pytest.raises(CaseError, match="须写明情况说明"):
        service.flag(case, "unsure", "抓级领导", " ")
    with pytest.raises(CaseError, match="没有“unclear”这一标记；可选：unsure（把握不准的问题）"):
        service.flag(case, "unclear", "抓级领导", "x")
    service.flag(case, "unsure", "抓级领导", "家长质疑分班规则，是否公开分班名单拿不准", department_id=lead)
    with pytest.raises(CaseError, match="已标记“把握不准的问题”"):
        service.flag(case, "unsure", "抓级领导", "再标")
    # 须报主要领导: the principal is told at once, with the note.
    assert _told(service, case, "flag") == ["principal", "principal"]
    with pytest.raises(CaseError, match="把握不准的问题须经学校主要领导审定（篇一 二、2\\(1\\)），尚未审定"):
        service.respond(case, "年级组", "已回帖说明分班规则")
    with pytest.raises(CaseError, match="不能审定"):
        service.approve(case, "principal-decision", "抓级领导", "同意", department_id=lead)
    service.approve(case, "principal-decision", "校长", "不公开名单，说明分班规则", department_id="principal")
    assert service.respond(case, "年级组", "已回帖说明分班规则").status == "已回应"
    flagged = [e for e in service.show(case).events if e.action == "flagged"]
    assert flagged[0].detail["requires"] == ["principal-decision"] and flagged[0].actor == "抓级领导"
    # The other case was never flagged: its reply needs only the 抓级领导's 审查.
    service.acknowledge(plain, "年级组")
    service.approve(plain, "reply-review", "抓级领导", "已审查", department_id=service.get(plain).department_id)
    assert service.respond(plain, "年级组", "已回帖").status == "已回应"


def test_a_flag_raised_by_mistake_is_withdrawn_with_a_reason(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "school", ("s-oops", "教育", "一般", 3))
    case = case_of(service, "s-oops")
    lead = service.get(case).department_id
    service.acknowledge(case, "年级组")
    service.flag(case, "unsure", "兼职工作人员", "误标")
    with pytest.raises(CaseError, match="须写明理由"):
        service.unflag(case, "unsure", "兼职工作人员", "")
    service.unflag(case, "unsure", "兼职工作人员", "问题清楚，标错了")
    with pytest.raises(CaseError, match="没有标记“把握不准的问题”"):
        service.unflag(case, "unsure", "兼职工作人员", "再撤")
    service.approve(case, "reply-review", "抓级领导", "已审查", department_id=lead)
    assert service.respond(case, "年级组", "已回帖").status == "已回应"
    actions = [e.action for e in service.show(case).events]
    assert actions.count("flagged") == 1 and actions.count("unflagged") == 1


def test_huaning_written_report_to_the_city_bureau_before_the_response(store_settings: StoreSettings) -> None:
    roads = "公共基础设施建设"
    service = case_service(store_settings, "huaning-gonglu", ("h-coord", roads, "三级", 2),
                           ("h-media", roads, "二级", 1))
    case = case_of(service, "h-coord")
    lead = service.get(case).department_id
    service.acknowledge(case, "养护股")
    service.approve(case, "reply-3", "分管领导", "同意回复稿", department_id=lead)
    service.flag(case, "bureau-coordination", "养护股", "路面塌陷涉及市局管养路段，需市局协调", department_id=lead)
    assert _told(service, case, "flag") == [lead]  # the lead writes the report: told in its own words
    with pytest.raises(CaseError, match="主办部门须出具书面报告（请求市局协调落实）报玉溪公路局（市局主要领导）"
                                        "（第十八条），尚未出具"):
        service.respond(case, "养护股", "已回复网友")
    with pytest.raises(CaseError, match="分局党总支不能出具"):
        service.approve(case, "coordination-request", "党总支", "请求协调", department_id="party-branch")
    with pytest.raises(CaseError, match="书面报告（请求市局协调落实）须写明其内容"):
        service.approve(case, "coordination-request", "养护股", "")
    service.approve(case, "coordination-request", "养护股股长", "关于请求协调K12路段塌陷处置的报告……",
                    department_id=lead)
    # 请求市局: the report goes to the city bureau, with its text.
    assert _told(service, case, "submit") == ["city-bureau", "city-bureau"]
    sent = next(e for e in service.show(case).events if e.action == "approved"
                and e.detail["approval"] == "coordination-request")
    assert sent.detail["sent_to"] == ["city-bureau"] and sent.detail["note"].startswith("关于请求协调")
    assert service.respond(case, "养护股", "已回复网友").status == "已回应"

    # 第二十三条: the written report first, then 市局网管办's consent; 第二十四条: the guidance.
    media = case_of(service, "h-media")
    service.acknowledge(media, "养护股")
    service.approve(media, "release-2", "办公室主任", "同意通稿", department_id="group-office")
    service.flag(media, "media-guidance", "养护股", "拟请州台、网站联动发布")
    service.flag(media, "upper-media-press", "养护股", "云南日报、新华社云南分社将参加发布会")
    assert set(_told(service, media, "flag")) == {service.get(media).department_id, "bureau-net-admin",
                                                  "bureau-party-work", "province-publicity"}
    with pytest.raises(CaseError, match="须先提交书面报告（统筹传统媒体、网络媒体进行舆论引导），再统筹媒体舆论引导"):
        service.approve(media, "media-guidance-consent", "网管办", "同意", department_id="bureau-net-admin")
    service.approve(media, "media-guidance-report", "养护股", "统筹引导方案……")
    # The consent is now the 网管办's to give: told with the report (to whom it was sent, and who consents).
    assert _told(service, media, "submit").count("bureau-net-admin") == 2
    with pytest.raises(CaseError, match="新闻发布会须经市局党工部或省局宣传处指导（第二十四条），尚未指导"):
        service.respond(media, "养护股", "发布会已召开")
    service.approve(media, "media-guidance-consent", "网管办主任", "同意", department_id="bureau-net-admin")
    service.approve(media, "press-guidance", "宣传处", "口径以通稿为准，由分局长答问",
                    department_id="province-publicity")
    assert service.respond(media, "养护股", "发布会已召开").status == "已回应"


def test_city_gov_consultation_is_approved_before_the_response(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "city-gov", ("c-meet", "住房", "重大", 1))
    case = case_of(service, "c-meet")
    service.acknowledge(case, "住建局")
    service.flag(case, "consultation", "住建局", "涉及多部门职责，需会商")
    # 市人民政府办公室召集: the office is told first; the approver's turn comes after the 会商.
    assert set(_told(service, case, "flag")) == {"gov-office", "leader"}
    with pytest.raises(CaseError, match=r"尚不能回应：.*市人民政府办公室须提出会商研判及预控处置意见"):
        service.respond(case, "住建局", "已发布情况通报")
    with pytest.raises(CaseError, match="须先提出会商研判及预控处置意见，再预控处置意见审定"):
        service.approve(case, "consultation-approval", "副秘书长", "同意", department_id="leader")
    with pytest.raises(CaseError, match="须写明参加的部门"):
        service.approve(case, "consultation-opinion", "市政府办", "先行处置", department_id="gov-office")
    with pytest.raises(CaseError, match="没有 id 为“nobody”的部门"):
        service.approve(case, "consultation-opinion", "市政府办", "先行处置", participants=["nobody"])
    with pytest.raises(CaseError, match="市住房和城乡建设局不能提出"):
        service.approve(case, "consultation-opinion", "住建局", "先行处置", department_id="housing",
                        participants=["housing"])
    before = len(_told(service, case, "submit"))
    service.approve(case, "consultation-opinion", "市政府办", "事件性质为物业纠纷，先由住建局约谈物业……",
                    department_id="gov-office", participants=["housing", "petition", "cac"])
    told = _told(service, case, "submit")[before:]
    assert set(told) == {"leader"}  # 报审: the leader is told the opinion waits for them
    record = next(e for e in service.show(case).events if e.detail.get("approval") == "consultation-opinion")
    assert record.detail["participants"] == ["housing", "petition", "cac"]
    with pytest.raises(CaseError, match="预控处置意见须经市人民政府分管副秘书长审定（004 二（按程序报审）；本单位自定"):
        service.respond(case, "住建局", "已发布情况通报")
    service.approve(case, "consultation-approval", "王副秘书长", "同意按预控意见处置", department_id="leader")
    assert service.respond(case, "住建局", "已发布情况通报").status == "已回应"


def test_city_gov_investigation_report_before_a_major_case_closes(store_settings: StoreSettings) -> None:
    service = case_service(store_settings, "city-gov", ("c-major", "住房", "重大", 1), ("c-minor", "住房", "一般", 2))
    major, minor = case_of(service, "c-major"), case_of(service, "c-minor")
    with pytest.raises(CaseError, match="为一般，“上级要求开展全面调查”只适用于特别重大、重大"):
        service.flag(minor, "upper-investigation", "市政府办", "上级要求调查")
    service.acknowledge(major, "住建局")
    service.flag(major, "upper-investigation", "市政府办", "省政府办公厅要求全面调查并报告")
    # The investigation does not hold the response back (facts first, 004 三), only the close.
    service.respond(major, "住建局", "已发布初步情况")
    with pytest.raises(CaseError, match="尚不能办结：标记“上级要求开展全面调查”的，主办部门须形成调查报告和处置意见，"
                                        "方可办结（004 四），尚未形成"):
        service.close(major, "住建局", "处置完毕")
    lead = service.get(major).department_id
    service.approve(major, "investigation-report", "住建局", "调查报告：……处置意见：……", department_id=lead)
    assert service.close(major, "住建局", "处置完毕").status == "办结"
    with pytest.raises(CaseError, match="已“办结”，不能再标记"):
        service.flag(major, "consultation", "市政府办", "会商")


FLAG_U = "flags:\n  - {id: u, name: 不准, basis: x}\n"
STEP = "approvals:\n  - {id: a, what: 问题, verb: 审定, by: [desk], flag: u}\n"


@pytest.mark.parametrize(("text", "problem"), [
    (FLAG_U + STEP.replace("flag: u", "flag: v"), "flag 'v' is not defined"),
    (FLAG_U.replace("basis: x", "basis: x, who: y") + STEP, "unknown key 'who' in a flag"),
    (FLAG_U.replace(", basis: x", "") + STEP, "a flag lacks the key 'basis'"),
    (FLAG_U, "flag 'u' is named by no approval"),
    (FLAG_U.replace("basis: x", "basis: x, grades: [严重]") + STEP, "grade '严重' is not a grade"),
    ("approvals:\n  - {id: a, what: 报告, verb: 出具, by: [desk], before: 已签收}\n", "before '已签收' is not a step"),
    ("approvals:\n  - {id: a, kind: record, what: 报告, verb: 出具, by: [desk], to: [bureau]}\n",
     "department 'bureau' is not defined"),
    ("approvals:\n  - {id: a, what: 报告, verb: 出具, by: [desk], to: [desk]}\n",
     "has to/participants but is not a record"),
    ("approvals:\n  - {id: a, kind: memo, what: 报告, verb: 出具, by: [desk]}\n", "kind 'memo' is not a kind of step"),
    ("approvals:\n  - {id: a, kind: record, what: 会商, verb: 提出, by: [desk], participants: 3}\n",
     "participants must be true or false"),
])
def test_a_wrong_flag_or_step_is_refused_at_load_with_its_line(tmp_path: Path, text: str, problem: str) -> None:
    refused_at_load(tmp_path, text, problem)
