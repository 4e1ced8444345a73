"""The case API: the state machine, 转办, 会办, grade changes, receipts, the audit log, the summary."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from router_helpers import router_settings, scored, write_profile
from sqlalchemy import select

from core.contracts import encode
from core.errors import Failure
from core.settings import StoreSettings
from core.stage import Record
from router import policy, receipts
from router.cases import CaseError, CaseNotFound, CaseService, summary
from router.service import RouterProcessor
from store.case_tables import NotificationRow
from store.db import make_engine, sessions


@pytest.fixture
def service(store_settings: StoreSettings, tmp_path: Path) -> CaseService:
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9"))
    settings = router_settings(store_settings)
    processor = RouterProcessor(settings, profile)
    items = [scored("c1"), scored("c2", topic="其他", grade="重大", rank=1)]
    processor.process([Record("items.scored", 0, i, s.item.id.encode(), encode(s)) for i, s in enumerate(items)])
    return CaseService(store_settings, profile, settings)


def _case_id(service: CaseService, item_id: str) -> int:
    return next(c.id for c in service.list() if c.item_id == item_id)


def test_full_lifecycle_with_audit_log(service: CaseService) -> None:
    case_id = _case_id(service, "c1")
    assert service.get(case_id).status == "新建"
    service.acknowledge(case_id, "王科长")
    service.start_handling(case_id, "王科长", "核实中")
    service.respond(case_id, "王科长", "已在政府网站发布说明")
    service.close(case_id, "王科长", "起因：施工质量；已整改")
    view = service.evaluate(case_id, "李主任", "回应及时")
    assert view.status == "已评估"
    detail = service.show(case_id)
    statuses = [(e.from_status, e.to_status, e.actor) for e in detail.events if e.action == "status"]
    assert statuses == [("新建", "已签收", "王科长"), ("已签收", "处置中", "王科长"), ("处置中", "已回应", "王科长"),
                        ("已回应", "办结", "王科长"), ("办结", "已评估", "李主任")]
    clock_status = {c.clock_id: c.status for c in detail.clocks}
    assert clock_status["respond"] == "met"  # stop_on 已回应
    assert clock_status["settle"] == "met"  # stop_on 办结
    assert detail.events[0].action == "created"


def test_invalid_transitions_are_refused_in_chinese(service: CaseService) -> None:
    case_id = _case_id(service, "c1")
    with pytest.raises(CaseError, match="当前为“新建”，不能直接变为“办结”"):
        service.close(case_id, "王科长", "总结")
    with pytest.raises(CaseError, match="不能直接变为“处置中”"):
        service.start_handling(case_id, "王科长")
    with pytest.raises(CaseError, match="办结须填写处置总结"):
        service.close(case_id, "王科长", " ")
    with pytest.raises(CaseError, match="须写明操作人"):
        service.acknowledge(case_id, "")
    service.acknowledge(case_id, "王科长")
    with pytest.raises(CaseError, match="无需重复签收"):
        service.acknowledge(case_id, "王科长")
    with pytest.raises(CaseError, match=r"不是案件 \d+ 的主办、会办或抄送单位"):
        service.acknowledge(case_id, "某人", department_id="leader")
    with pytest.raises(CaseNotFound, match="没有编号为 999 的案件"):
        service.get(999)
    with pytest.raises(CaseError, match="没有“结案”这一状态"):
        service.list(status="结案")


def test_transfer_assist_and_grade_change(service: CaseService, store_settings: StoreSettings) -> None:
    case_id = _case_id(service, "c1")
    with pytest.raises(CaseError, match="转办须写明理由"):
        service.transfer(case_id, "desk", "", "王科长")
    with pytest.raises(CaseError, match="没有 id 为“nowhere”的部门"):
        service.transfer(case_id, "nowhere", "理由", "王科长")
    view = service.transfer(case_id, "desk", "不属于住建职责", "王科长")
    assert view.department_id == "desk" and view.status == "已预警"
    with pytest.raises(CaseError, match="已由 值班台 主办"):
        service.transfer(case_id, "desk", "再转", "王科长")
    view = service.set_assisting(case_id, ["housing", "leader"], "王科长", "需住建配合")
    assert view.assisting == ("housing", "leader")
    view = service.change_grade(case_id, "重大", "央媒转载", "李主任")
    assert view.grade == "重大" and view.grade_rank == 1
    with pytest.raises(CaseError, match="不是本策略的分级"):
        service.change_grade(case_id, "超级", "x", "李主任")
    with pytest.raises(CaseError, match="已被他人修改"):
        service.acknowledge(case_id, "王科长", expected_version=0)
    detail = service.show(case_id)
    actions = [e.action for e in detail.events]
    changes = ("transferred", "assisting_set", "grade_changed")
    assert [a for a in actions if a in changes] == list(changes)
    transferred = next(e for e in detail.events if e.action == "transferred")
    assert transferred.detail == {"from": "housing", "to": "desk", "reason": "不属于住建职责", "clocks_stopped": [],
                                  "clocks_started": []}
    with sessions(make_engine(store_settings))() as session:
        purposes = set(session.scalars(select(NotificationRow.purpose).where(NotificationRow.case_id == case_id)))
    assert {"alert", "copy", "transfer", "assist", "regrade"} <= purposes
    # Closed cases cannot be transferred.
    service.acknowledge(case_id, "值班员")
    service.respond(case_id, "值班员", "已回应")
    service.close(case_id, "值班员", "总结")
    with pytest.raises(CaseError, match="不能转办"):
        service.transfer(case_id, "housing", "理由", "王科长")


def test_receipt_link_acknowledges(service: CaseService) -> None:
    case_id = _case_id(service, "c1")
    secret = "test-receipt-secret"
    token = receipts.sign(case_id, "housing", "k", secret, timedelta(hours=1))
    assert isinstance(receipts.verify(token, secret), receipts.Receipt)
    assert isinstance(receipts.verify(token, "other"), Failure)
    assert isinstance(receipts.verify(token[:-2] + "xx", secret), Failure)
    expired = receipts.sign(case_id, "housing", "k", secret, timedelta(hours=-1))
    failure = receipts.verify(expired, secret)
    assert isinstance(failure, Failure) and "过期" in failure.reason and not failure.retry
    view = service.acknowledge_receipt(token)
    assert view.status == "已签收" and view.acknowledged_at is not None
    assert service.acknowledge_receipt(token).status == "已签收"  # a second click changes nothing
    # A copied office signing only notes it.
    press = receipts.sign(case_id, "press", "k2", secret, timedelta(hours=1))
    service.acknowledge_receipt(press)
    service.acknowledge_receipt(press)
    assert [e.detail for e in service.show(case_id).events if e.action == "receipt"] == [{"department": "press"}]


def test_summary_counts(service: CaseService, store_settings: StoreSettings) -> None:
    result = summary(store_settings)
    assert result["cases"] == 2
    assert result["by_status"] == {"新建": 2}
    assert result["by_grade"] == {"一般": 1, "重大": 1}
    assert result["by_department"] == {"housing": 1, "desk": 1}
    assert result["undeliverable"] == 0
    assert result["notifications_pending"] > 0
    # Far in the future, every clock is overdue.
    from datetime import UTC, datetime

    later = summary(store_settings, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert later["overdue_clocks"] > 0
