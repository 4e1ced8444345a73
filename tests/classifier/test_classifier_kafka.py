"""The classifier stage against the real embedded broker: items.raw in, items.scored out."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

from classifier.service import run
from classifier.settings import ClassifierSettings
from core import contracts, topics
from core.contracts import DeadLetter, Engagement, RawItem, ScoredItem, Source
from core.kafka import make_producer, read_topic
from core.settings import KafkaSettings


def test_stage_scores_items_and_dead_letters_bad_ones(kafka_settings: KafkaSettings, tmp_path: Path) -> None:
    run_id = uuid.uuid4().hex[:8]
    items = [RawItem(id=f"{run_id}-{i}", source=Source(id="s", name="某市日报", kind="news", tier="provincial"),
                     url=f"http://example.cn/{i}", title=title, text=text, fetched_at=contracts.utcnow(),
                     engagement=Engagement(replies=300))
             for i, (title, text) in enumerate([("济宁一化工厂爆炸致2人死亡", "今天凌晨化工厂发生爆炸，2人死亡。"),
                                                ("市民投诉小区停水", "东城区某小区停水三天，居民生活困难。"),
                                                ("新公园开放", "市民纷纷前往游玩。")])]
    producer = make_producer(kafka_settings, "test")
    for item in items:
        producer.send(topics.RAW.name, key=item.id.encode(), value=contracts.encode(item))
    producer.send(topics.RAW.name, key=f"{run_id}-bad".encode(), value=b'{"id": "broken"')
    producer.flush()
    producer.close()

    settings = ClassifierSettings(kafka=kafka_settings, models_dir=str(tmp_path / "models"), profile="jining-ggzy")
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(settings, stop), daemon=True)
    thread.start()
    mine: dict[str, ScoredItem] = {}
    deadline = time.monotonic() + 90
    while len(mine) < len(items) and time.monotonic() < deadline:
        for value in read_topic(kafka_settings, topics.SCORED.name, timeout_s=5):
            scored = contracts.decode(value, ScoredItem)
            if scored.item.id.startswith(run_id):
                mine[scored.item.id] = scored
    stop.set()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert set(mine) == {item.id for item in items}
    assert {s.profile for s in mine.values()} == {"jining-ggzy"}
    first = mine[f"{run_id}-0"]
    assert first.grade.level == "一级" and first.grade.rank == 0
    assert first.grade.reasons[0].startswith("中央级或省内主流媒体报道")
    letters = [contracts.decode(v, DeadLetter) for v in read_topic(kafka_settings, topics.DEAD_LETTER.name)]
    assert any(letter.key == f"{run_id}-bad".encode() and letter.stage == "classifier" for letter in letters)
