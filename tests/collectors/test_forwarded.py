"""转办单 (002 第十一条): entered by hand, validated, and carried on items.raw like a collected item."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition

from collectors.forwarded import Forwarded, ForwardError, to_item
from core.contracts import RawItem, decode
from core.settings import KafkaSettings
from yuqing.cli import main

NOTE = dict(body="省局", title="网民反映袁州区某超市销售过期食品",
            text="有网民在人民网留言板反映，袁州区某超市多次销售过期面包，投诉后未见处理。",
            instruction="请核实处理并主动回应，结果于5个工作日内反馈省局", region="360902",
            number="赣市监转〔2026〕18号")


def test_a_forwarded_note_is_an_item_of_its_own_kind_and_the_same_note_is_one_item() -> None:
    item = to_item(Forwarded(**NOTE))
    assert item.source.kind == "forwarded" and item.source.name == "省局转办" and item.source.region == "360902"
    assert item.text.startswith("【转办意见】请核实处理并主动回应") and item.region_hints == ("360902",)
    assert to_item(Forwarded(**NOTE)).id == item.id
    assert to_item(Forwarded(**{**NOTE, "number": "赣市监转〔2026〕19号"})).id != item.id


@pytest.mark.parametrize(("change", "message"), [
    ({"body": " "}, "须写明转办单位"),
    ({"title": "", "text": ""}, "须有标题或内容"),
    ({"region": "袁州区"}, "行政区划代码"),
    ({"title": "x" * 5000}, "转办单无法录入"),
])
def test_a_bad_note_is_refused_in_words(change: dict[str, str], message: str) -> None:
    with pytest.raises(ForwardError, match=message):
        to_item(Forwarded(**{**NOTE, **change}))


def _args() -> list[str]:
    return ["--from", NOTE["body"], "--title", NOTE["title"], "--text", NOTE["text"],
            "--instruction", NOTE["instruction"], "--region", NOTE["region"], "--number", NOTE["number"]]


def test_a_forwarded_note_travels_items_raw_on_the_broker(
        tmp_path: Path, kafka_settings: KafkaSettings, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[kafka]\nbootstrap_servers = "{kafka_settings.bootstrap_servers}"\n', encoding="utf-8")
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    assert main(["--config", str(config), "forward", *_args(), "--dry-run"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["source"]["kind"] == "forwarded"
    assert main(["--config", str(config), "forward", *_args()]) == 0
    assert f"已录入省局转办单 {printed['id']}" in capsys.readouterr().out
    consumer = KafkaConsumer(bootstrap_servers=kafka_settings.servers, enable_auto_commit=False,
                             auto_offset_reset="earliest")
    found: list[RawItem] = []
    try:
        consumer.assign([TopicPartition("items.raw", p) for p in sorted(consumer.partitions_for_topic("items.raw"))])
        consumer.seek_to_beginning()
        deadline = time.monotonic() + 120  # a bound for failure: the shared topic is read from its start
        while not found and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=300).values():
                found.extend(decode(r.value, RawItem) for r in batch if printed["id"].encode() == r.key)
    finally:
        consumer.close()
    assert found and found[0].title == NOTE["title"] and found[0].source.kind == "forwarded"
    assert main(["--config", str(config), "forward", "--from", "省局", "--title", "t", "--region", "x"]) == 2
    assert "行政区划代码" in capsys.readouterr().err
