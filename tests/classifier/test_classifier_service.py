"""The stage processor: decode, score in one call, reject bad items, hot reload."""

from __future__ import annotations

from pathlib import Path

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
    good = raw("i1", "小区燃气爆炸致3人死亡", "今天上午某小区发生燃气爆炸，造成3人死亡。", replies=1200)
    records = [record(contracts.encode(good), 0), record(b"{not json", 1), record(b'{"id": "x"}', 2)]
    result = processor.process(records)
    assert len(result.outputs) == 1 and len(result.rejected) == 2
    out = result.outputs[0]
    assert out.topic == "items.scored" and out.key == b"i1"
    scored = contracts.decode(out.value, ScoredItem)
    assert scored.profile == "city-gov"
    assert scored.topic in BASE_TOPICS
    assert scored.model_version == processor.model_version
    assert scored.grade.level == "特别重大" and scored.grade.rank == 0
    assert any("死亡" in r for r in scored.grade.reasons)
