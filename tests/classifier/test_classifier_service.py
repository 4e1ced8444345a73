"""The stage processor: decode, score in one call, reject bad items, hot reload."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.service import ClassifierProcessor
from classifier.settings import ClassifierSettings
from core import contracts
from core.contracts import Engagement, RawItem, ScoredItem, Source
from core.stage import Record
from core.taxonomy import BASE_TOPICS


def raw(item_id: str, title: str, text: str, **kw: object) -> RawItem:
    return RawItem(id=item_id, source=Source(id="s1", name="某市日报", kind="news", tier="prefecture"),
                   url=f"http://example.cn/{item_id}", title=title, text=text, fetched_at=contracts.utcnow(),
                   engagement=Engagement(**kw))  # type: ignore[arg-type]


def record(value: bytes, offset: int = 0, key: bytes | None = b"k") -> Record:
    return Record("items.raw", 0, offset, key, value)


def test_process_scores_and_rejects_bad_records(tmp_path: Path) -> None:
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(tmp_path / "models")))
    # city-gov's jurisdiction is 钦州市 (policies/city-gov/jurisdiction.yaml): no configuration needed.
    good = raw("i1", "钦州一小区燃气爆炸致3人死亡", "今天上午钦南区某小区发生燃气爆炸，造成3人死亡。", replies=1200)
    records = [record(contracts.encode(good), 0), record(b"{not json", 1), record(b'{"id": "x"}', 2)]
    result = processor.process(records)
    assert len(result.outputs) == 1 and len(result.rejected) == 2
    out = result.outputs[0]
    assert out.topic == "items.scored" and out.key.startswith(b"m:") and out.origin == records[0]  # its story
    scored = contracts.decode(out.value, ScoredItem)
    assert scored.profile == "city-gov"
    assert scored.topic in BASE_TOPICS
    assert scored.model_version == processor.model_version
    assert scored.grade.level == "特别重大" and scored.grade.rank == 0
    assert any("死亡" in r for r in scored.grade.reasons)


def test_hot_reload_picks_up_promotion_and_rollback(tiny_trained: tuple, tmp_path: Path) -> None:
    from classifier.registry import Registry

    model, card = tiny_trained
    registry = Registry(tmp_path / "models")
    now = [0.0]
    settings = ClassifierSettings(models_dir=str(registry.root), reload_interval_s=10)
    processor = ClassifierProcessor(settings, registry, clock=lambda: now[0])
    shipped = processor.model_version
    item = raw("i2", "小区停水", "东城区小区停水三天了太气人")

    def version_of_next_output() -> str:
        result = processor.process([record(contracts.encode(item))])
        return contracts.decode(result.outputs[0].value, ScoredItem).model_version

    registry.register(model, {**card, "version": "tiny-hot"})
    registry.promote("tiny-hot")
    now[0] = 5.0  # before the interval: still the old model
    assert version_of_next_output() == shipped
    now[0] = 11.0
    assert version_of_next_output() == "tiny-hot"
    registry.rollback()
    now[0] = 30.0
    assert version_of_next_output() == shipped


def test_broken_promotion_keeps_current_model(tiny_trained: tuple, tmp_path: Path) -> None:
    from classifier.registry import Registry

    model, card = tiny_trained
    registry = Registry(tmp_path / "models")
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(registry.root), reload_interval_s=0), registry)
    before = processor.model_version
    registry.register(model, {**card, "version": "tiny-broken"})
    registry.promote("tiny-broken")
    (registry.folder("tiny-broken") / "model.npz").write_bytes(b"tampered")
    result = processor.process([record(contracts.encode(raw("i3", "标题", "正文")))])
    assert len(result.outputs) == 1
    assert processor.model_version == before


def test_bad_items_get_defined_results(tmp_path: Path) -> None:
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(tmp_path / "m")))
    items = [
        raw("b1", "", "很" * contracts.MAX_TEXT_CHARS),  # the longest text the contract allows
        raw("b2", "Hello", "The weather is lovely today, nothing to report."),
        raw("b3", "<h1>标题</h1>", "<div><script>alert(1)</script><p>投诉&nbsp;乱收费</p></div>"),
        raw("b4", "😀😀😀", "🔥🔥 👍"),
        raw("b5", "   ", "。。。！！！"),
        raw("b6", "混合 script 文字 123", "Русский текст 和中文 mixed عربي"),
    ]
    result = processor.process([record(contracts.encode(it), i) for i, it in enumerate(items)])
    assert not result.rejected
    scored = {contracts.decode(o.value, ScoredItem).item.id: contracts.decode(o.value, ScoredItem)
              for o in result.outputs}
    assert set(scored) == {it.id for it in items}
    for s in scored.values():
        assert 0 <= s.negativity <= 1 and 0 <= s.relevance <= 1 and s.grade.reasons
    assert scored["b2"].negativity < 0.5


def test_one_failing_item_does_not_stop_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(tmp_path / "m")))
    real_score = processor.scorer.score

    def flaky(items):  # type: ignore[no-untyped-def]
        if any(it.id == "boom" for it in items):
            raise RuntimeError("boom")
        return real_score(items)

    monkeypatch.setattr(processor.scorer, "score", flaky)
    records = [record(contracts.encode(raw(i, "标题", "正文")), n) for n, i in enumerate(["ok1", "boom", "ok2"])]
    result = processor.process(records)
    assert [o.key for o in result.outputs] == [b"ok1", b"ok2"]
    assert len(result.rejected) == 1 and "boom" in result.rejected[0].error


def test_the_items_of_one_story_share_their_key_and_go_to_one_router(tmp_path: Path) -> None:
    """items.scored is keyed by story (incidents.text.story_key): reposts of one story go to one
    partition, so one router replica groups them; too short to tell, an item keeps its own id."""
    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(tmp_path / "models")))
    story = "今天上午钦南区某小区发生燃气爆炸，造成3人死亡，多人受伤，事故原因正在调查，周边居民已疏散。"
    # A repost: another headline, the source's line and a forwarding prefix (the grouping strips both).
    items = [raw("a1", "钦州一小区燃气爆炸致3人死亡", story),
             raw("a2", "转：钦州小区燃气爆炸", f"转发：{story}来源：钦州日报"),
             raw("b1", "钦州一中学食堂饭菜发霉", "有家长反映钦州某中学食堂饭菜发霉变质，学生吃后肚子疼。"),
             raw("c1", "求助", "急")]
    result = processor.process([record(contracts.encode(item), n, item.id.encode()) for n, item in enumerate(items)])
    keys = {contracts.decode(o.value, ScoredItem).item.id: o.key for o in result.outputs}
    assert keys["a1"] == keys["a2"] != keys["b1"]
    assert keys["c1"] == b"c1"


def test_no_garbage_collection_while_a_batch_is_scored_and_the_collector_is_left_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    processor = ClassifierProcessor(ClassifierSettings(models_dir=str(tmp_path / "models")))
    seen: list[bool] = []
    score = processor.scorer.score

    def watched(items: list[RawItem]) -> list:
        seen.append(gc.isenabled())
        return score(items)

    monkeypatch.setattr(processor.scorer, "score", watched)
    item = record(contracts.encode(raw("i9", "小区停水", "东城区小区停水三天了")))
    was = gc.isenabled()
    try:
        gc.enable()
        assert len(processor.process([item]).outputs) == 1
        assert gc.isenabled() and seen == [False]
        gc.disable()  # an embedding program that runs without the collector keeps it off
        processor.process([item])
        assert not gc.isenabled()
        gc.enable()
        monkeypatch.setattr(processor, "_process", lambda records: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            processor.process([item])
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
