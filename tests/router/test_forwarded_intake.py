"""A superior's 转办单 (002 第十一条, 第二十一条): it opens its case whatever its scores, and the lead owes
the forwarding body the result."""

from __future__ import annotations

import msgspec
from router_helpers import router_settings, scored

from collectors.forwarded import Forwarded, to_item
from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.cases import CaseService
from router.service import RouterProcessor


def test_a_forwarded_note_opens_its_case_whatever_its_scores(store_settings: StoreSettings) -> None:
    profile = policy.load(profile_dir("yichun-scjg"))
    settings = router_settings(store_settings)
    note = to_item(Forwarded(body="市委网信办", title="网民咨询某药店药品价格", text="请核实。", region="360902",
                             instruction="请核实处理并反馈"))
    calm = scored("plain", topic="价格", grade="一般", rank=3, profile="yichun-scjg")
    forwarded = msgspec.structs.replace(calm, item=note, negativity=0.1, relevance=0.2)
    unforwarded = msgspec.structs.replace(calm, negativity=0.1, relevance=0.2)
    RouterProcessor(settings, profile).process(
        [Record("items.scored", 0, n, s.item.id.encode(), encode(s)) for n, s in enumerate((forwarded, unforwarded))])
    service = CaseService(store_settings, profile, settings)
    cases = service.list()
    assert [c.item_id for c in cases] == [note.id], "the 转办单 opens a case; the same scores from a site do not"
    detail = service.show(cases[0].id)
    clocks = {c.clock_id: c for c in detail.clocks}
    assert "forward-feedback" in clocks and clocks["forward-feedback"].owner == cases[0].department_id
    assert service.complete_clock(cases[0].id, "forward-feedback", "价格科", "已书面反馈市委网信办").id == cases[0].id
    assert {c.clock_id: c.status for c in service.show(cases[0].id).clocks}["forward-feedback"] == "met"
