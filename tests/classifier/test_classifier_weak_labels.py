"""Weak labels of adverse-ness from public data (DuEE event types, 泰迪杯 messages, cue lists) and the
development set's per-kind table."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from classifier.data import DatasetSpec, card_path, load_dataset, read_map_file
from classifier.devset import DevItem, DevsetError, load_devset, markdown, table

DUEE_MAP = "classifier/training/weak/duee_events.yaml"


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_duee_event_type_is_mapped_by_its_meaning(shared_dir: Path) -> None:
    schema = [json.loads(line) for line in (shared_dir / "data/events/duee_event_schema.json").open(encoding="utf-8")]
    types = {s["event_type"] for s in schema}
    mapping = read_map_file(DUEE_MAP)
    assert set(mapping["adverse"]) == types and len(types) == 65
    assert {mapping["adverse"][t] for t in ("灾害/意外-坍/垮塌", "产品行为-召回", "司法行为-罚款", "司法行为-拘捕",
                                            "组织关系-裁员", "人生-死亡")} == {"1"}
    assert {mapping["adverse"][t] for t in ("竞赛行为-夺冠", "财经/交易-上市", "人生-结婚")} == {"0"}
    assert set(mapping["topic"]) <= types


def test_duee_sentences_are_adverse_when_any_event_is(tmp_path: Path) -> None:
    ev = lambda t: {"event_type": t, "trigger": "x", "class": t.split("-")[0]}  # noqa: E731
    _jsonl(tmp_path / "duee.json", [
        {"text": "某桥梁发生垮塌", "event_list": [ev("灾害/意外-坍/垮塌")]},
        {"text": "某队夺冠后主帅辞职", "event_list": [ev("竞赛行为-夺冠"), ev("组织关系-辞/离职")]},
        {"text": "球员夺冠后因打人被拘", "event_list": [ev("竞赛行为-夺冠"), ev("司法行为-拘捕")]},
        {"text": "某股跌停", "event_list": [ev("财经/交易-跌停")]},  # unclear: dropped
    ])
    spec = DatasetSpec(name="d", format="duee", paths=("duee.json",), map_file=DUEE_MAP, head="adverse")
    out = load_dataset(spec, tmp_path, 1, 600)
    assert dict(zip(out.raw, out.labels, strict=True)) == {"某桥梁发生垮塌": "1", "某队夺冠后主帅辞职": "0",
                                                        "球员夺冠后因打人被拘": "1"}
    topics = load_dataset(DatasetSpec(name="t", format="duee", paths=("duee.json",), map_file=DUEE_MAP,
                                      head="topic"), tmp_path, 1, 600)
    assert dict(zip(topics.raw, topics.labels, strict=True)) == {"某桥梁发生垮塌": "应急管理",
                                                              "球员夺冠后因打人被拘": "社会稳定"}
    assert DUEE_MAP in {f["path"] for f in out.sources[0]["files"]}  # the map in the card, by repo path


def test_citizen_messages_problems_questions_and_place_codes(tmp_path: Path) -> None:
    with (tmp_path / "msgs.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["title", "body"])
        writer.writeheader()
        writer.writerow({"title": "A2区某小区路灯不亮了", "body": "晚上出行很不方便"})
        writer.writerow({"title": "咨询K5县居住证办理流程", "body": "需要准备哪些材料？"})
        writer.writerow({"title": "关于补贴发放的咨询", "body": "补贴迟迟没有到账"})  # a question telling a problem
    spec = DatasetSpec(name="g", format="gov_adverse", paths=("msgs.csv",), places=True)
    out = load_dataset(spec, tmp_path, 1, 600)
    assert out.labels == ["1", "0"]
    assert "A2区" not in out.texts[0] and "K5县" not in out.texts[1] and "区某小区" in out.texts[0]
    titles = load_dataset(DatasetSpec(name="t", format="gov_adverse", paths=("msgs.csv",), titles_only=True),
                          tmp_path, 1, 600)
    assert titles.texts[0] == "a2区某小区路灯不亮了"  # the title alone (lower-cased like every model input)


def test_cue_filters_and_nested_labels(tmp_path: Path) -> None:
    _jsonl(tmp_path / "items.jsonl", [
        {"text": "某地举办马拉松比赛", "split": "dev", "labels": {"adverse": False}},
        {"text": "某地化工厂爆炸致3人死亡", "split": "dev", "labels": {"adverse": True}},
        {"text": "某县医院乱收费被查处", "split": "heldout", "labels": {"adverse": True}},
    ])
    dev = load_dataset(DatasetSpec(name="d", format="jsonl", path="items.jsonl", label="labels.adverse",
                                   where={"split": "dev"}), tmp_path, 1, 600)
    assert dev.labels == ["0", "1"]
    calm = load_dataset(DatasetSpec(name="c", format="jsonl", path="items.jsonl", label="labels.adverse",
                                    exclude_cues="adverse_news"), tmp_path, 1, 600)
    assert calm.raw == ["某地举办马拉松比赛"]
    bad = load_dataset(DatasetSpec(name="b", format="jsonl", path="items.jsonl", label="labels.adverse",
                                   require_cues="adverse_news_strict"), tmp_path, 1, 600)
    assert bad.labels == ["1", "1"]
    with pytest.raises(ValueError, match="cue list"):
        DatasetSpec(name="x", format="jsonl", path="a", exclude_cues="nope")


def _item(kind: str, adverse: bool, topic: str | None = None) -> DevItem:
    return DevItem(f"{kind}-{adverse}-{topic}", kind, "dev", "fictional", "", "x",
                   {"adverse": adverse, "relevant": True, "topic": topic})


def test_per_kind_table() -> None:
    items = [_item("expose", True, "住房"), _item("expose", True, "教育"), _item("emotional_offtopic", False)]
    result = table(items, [0.9, 0.3, 0.1], ["住房", "住房", "其他"], [0.1, 0.2, 0.95])
    assert result["kinds"]["expose"] == {"n": 2, "adverse_accuracy": 0.5, "median_negativity": 0.6,
                                         "median_emotion": 0.15}
    assert result["adverse_accuracy"] == pytest.approx(0.667, abs=1e-3) and result["worst_kind_accuracy"] == 0.5
    assert result["topic_on_relevant_adverse"] == {"n": 2, "accuracy": 0.5}
    assert "| expose (平实报道的曝光) | 2 | 0.500 |" in markdown(result)


def test_devset_reading(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "set.jsonl", [
        {"id": "a", "kind": "expose", "split": "dev", "office": "fictional", "title": "t", "text": "x",
         "source": {"name": "临沣日报", "kind": "news"}, "labels": {"adverse": True, "topic": "住房"}},
        {"id": "b", "kind": "rumour", "split": "heldout", "title": "", "text": "y", "labels": {"adverse": True}},
    ])
    assert [i.id for i in load_devset(path, ["dev"])] == ["a"]
    assert [i.split for i in load_devset(path)] == ["dev", "heldout"]
    (tmp_path / "bad.jsonl").write_text('{"kind": "expose"}\n', encoding="utf-8")
    with pytest.raises(DevsetError, match="adverse"):
        load_devset(tmp_path / "bad.jsonl")
    with pytest.raises(DevsetError, match="not found"):
        load_devset(tmp_path / "none.jsonl")


def test_the_card_names_training_files_from_the_repository_or_the_data_root(tmp_path: Path) -> None:
    """A published card says which file by its place in the repository or under the data root, not by the
    build machine's own folders (and still by the whole path when it is in neither)."""
    data_root = tmp_path / "data"
    (data_root / "events").mkdir(parents=True)
    shared = data_root / "events" / "rows.jsonl"
    shared.write_text('{"text": "某路段塌方", "label": "1"}\n', encoding="utf-8")
    spec = DatasetSpec(name="rows", format="jsonl", path="events/rows.jsonl", text=("text",), label="label")
    source = load_dataset(spec, data_root, seed=1, max_chars=200).sources[0]
    assert source["files"][0]["path"] == "data:events/rows.jsonl"
    own = DatasetSpec(name="own", format="jsonl", in_repo=True, path="classifier/training/items/own_items.jsonl",
                      title="title", label="adverse", limit=5)
    source = load_dataset(own, data_root, seed=1, max_chars=200).sources[0]
    assert source["files"][0]["path"] == "classifier/training/items/own_items.jsonl"
    elsewhere = tmp_path / "elsewhere.jsonl"
    assert card_path(elsewhere, data_root) == str(elsewhere)
