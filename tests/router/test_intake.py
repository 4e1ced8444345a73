"""The profile's intake: which scored items open a case; every item is stored either way."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from router_helpers import router_settings, scored
from sqlalchemy import func, select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.service import RouterProcessor
from store.db import make_engine, sessions
from store.tables import CaseRow, ScoredItemRow


def _run(processor: RouterProcessor, items: list) -> None:
    processor.process([Record("items.scored", 0, i, s.item.id.encode(), encode(s)) for i, s in enumerate(items)])


def _counts(store: StoreSettings) -> tuple[int, int]:
    with sessions(make_engine(store))() as session:
        return (session.scalar(select(func.count()).select_from(ScoredItemRow)) or 0,
                session.scalar(select(func.count()).select_from(CaseRow)) or 0)


def test_items_below_intake_are_stored_without_a_case_until_they_rise(store_settings: StoreSettings) -> None:
    profile = policy.load(profile_dir("city-gov"))
    assert profile.intake.min_negativity == 0.4 and profile.intake.always_from_grade == "特别重大"
    processor = RouterProcessor(router_settings(store_settings), profile)
    calm = msgspec.structs.replace(scored("calm", title="湿地公园开放", text="环境很好"), negativity=0.05)
    grave = msgspec.structs.replace(scored("grave", topic="应急管理", grade="特别重大", rank=0), negativity=0.1)
    _run(processor, [calm, grave, scored("angry")])
    assert _counts(store_settings) == (3, 2)
    assert processor.counts["below_intake"] == 1

    # A later revision of the calm item turns negative: now it opens its case, once.
    risen = msgspec.structs.replace(calm, negativity=0.8, item=msgspec.structs.replace(calm.item, revision=1))
    _run(processor, [risen, risen])
    assert _counts(store_settings) == (3, 3)


def test_intake_is_checked_strictly(tmp_path: Path) -> None:
    text = (profile_dir("city-gov") / "profile.yaml").read_text("utf-8")
    bad = text.replace("  min_negativity: 0.4\n", "  min_negativity: 1.4\n  min_heat: 3\n").replace(
        "  always_from_grade: 特别重大", "  always_from_grade: 天大").replace("tiers: [central, provincial]",
                                                                   "tiers: [central, national]")
    (tmp_path / "profile.yaml").write_text(bad, "utf-8")
    with pytest.raises(policy.PolicyError) as info:
        policy.load(tmp_path)
    message = str(info.value)
    assert "min_negativity" in message and "天大" in message and "min_heat" in message and "national" in message


def test_intake_is_adverse_ness_times_relevance_with_lower_bars_for_prominent_items() -> None:
    from core.contracts import Engagement

    profile = policy.load(profile_dir("jining-ggzy"))
    intake, mildest = profile.intake, len(profile.grades) - 1
    assert intake.min_relevance == 0.5 and intake.prominent is not None
    # A relevant adverse item opens a case; the same item about another city does not.
    assert intake.admits(0.8, 0.9, mildest, profile)
    assert not intake.admits(0.8, 0.05, mildest, profile)
    # Emotion is not an input: a furious post with a high emotion score but not about the office opens nothing,
    # and there is no parameter through which emotion could open one.
    assert "emotion" not in intake.admits.__code__.co_varnames
    # A borderline item a central outlet carried, or that spread widely, is admitted at the lower bars.
    assert not intake.admits(0.35, 0.4, mildest, profile, "self_media", Engagement(replies=10))
    assert intake.admits(0.35, 0.4, mildest, profile, "central")
    assert intake.admits(0.35, 0.4, mildest, profile, "self_media", Engagement(reposts=800))
    assert not intake.admits(0.2, 0.4, mildest, profile, "central")  # not adverse enough even so
    # The gravest grade always opens a case (the grading gate gives it only to relevant adverse items).
    assert intake.admits(0.1, 0.1, 0, profile)


@pytest.mark.parametrize("tone", ["calm", "emotional"])
def test_good_news_opens_no_case_a_widely_read_borderline_report_does(store_settings: StoreSettings,
                                                                      tone: str) -> None:
    """A relevant item must be adverse to open a case (no seed says otherwise): good news the adverse
    head scores low opens nothing however much it is shared; a borderline report that spread widely is
    admitted at the lower bar (不漏报: a widely read 开标延误 report may score 0.3)."""
    profile = policy.load(profile_dir("city-gov"))
    processor = RouterProcessor(router_settings(store_settings), profile)
    cheer = "太棒了！！为家乡点赞！！" if tone == "emotional" else ""
    good = scored(f"good-{tone}", topic="就业", tier="provincial", title="钦南区就业服务站一年帮助2300人就业",
                  text=f"服务站开到了家门口。{cheer}")
    good = msgspec.structs.replace(good, negativity=0.05, relevance=0.9, item=msgspec.structs.replace(
        good.item, engagement=msgspec.structs.replace(good.item.engagement, replies=900, reposts=800)))
    spread = scored(f"spread-{tone}", topic="公共资源交易", tier="prefecture", title="一项目开标延误40分钟",
                    text=f"投标人对开标程序提出质疑。{'太离谱了！！' if tone == 'emotional' else ''}")
    spread = msgspec.structs.replace(spread, negativity=0.32, relevance=0.9, item=msgspec.structs.replace(
        spread.item, engagement=msgspec.structs.replace(spread.item.engagement, replies=660)))
    _run(processor, [good, spread])
    assert _counts(store_settings) == (2, 1)
    assert processor.counts["below_intake"] == 1
