"""``yuqing score`` (JSON Lines round trip), ``models``, ``labels`` and ``train``/``evaluate`` via main()."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from yuqing.cli import main

REPO = Path(__file__).resolve().parents[2]
ROWS = [
    {"id": "c1", "title": "东城区化工厂爆炸致3人死亡", "text": "今天上午东城区一化工厂发生爆炸，造成3人死亡5人受伤。",
     "url": "http://example.cn/1", "source_name": "某市日报", "source_kind": "news", "source_tier": "prefecture",
     "replies": 1200, "published_at": "2024-05-01T08:00:00+08:00"},
    {"id": "c2", "title": "", "text": "   ", "url": "", "source_name": "论坛", "source_kind": "forum"},
    {"id": "c3", "title": "投诉开发商延期交房", "text": "业主们等了两年还不交房，住建局也不管，太气人了😡",
     "url": "", "source_name": "微博", "source_kind": "microblog", "source_tier": "self_media", "reposts": "1,500",
     "views": 80000, "region": "东城区"},
    {"id": "c4", "title": "Hello", "text": "<p>The weather is <b>lovely</b> today.</p>", "url": "",
     "source_name": "x", "source_kind": "rss"},
    {"id": "c5", "title": "x", "text": "y", "source_kind": "telegram"},
    {"id": "c6", "title": "x", "text": "y", "views": -5},
]


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "yuqing.toml"
    path.write_text(f'[classifier]\nmodels_dir = "{tmp_path / "models"}"\nplaces = ["东城区"]\n{extra}\n'
                    f'[store]\nurl = "sqlite:///{tmp_path / "y.db"}"\n', encoding="utf-8")
    return path


def test_score_jsonl_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    infile.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n\nnot json\n",
                      encoding="utf-8")
    assert main(["--config", str(_config(tmp_path)), "score", "--profile", "jining-ggzy",
                 "--in", str(infile), "--out", str(outfile)]) == 0
    out = [json.loads(line) for line in outfile.read_text(encoding="utf-8").splitlines()]
    assert [o.get("id") for o in out] == ["c1", "c2", "c3", "c4", "c5", "c6", None]
    c1, c2, c3, c4, c5, c6, bad = out
    for row in (c1, c3, c4):
        assert set(row) >= {"negativity", "relevance", "topic", "grade", "grade_reasons", "model_version"}
        assert 0 <= row["negativity"] <= 1 and 0 <= row["relevance"] <= 1
        # Emotion is its own field (None when the model has no emotion head), never the negativity.
        assert "emotion" in row and (row["emotion"] is None or 0 <= row["emotion"] <= 1)
        assert row["profile"] == "jining-ggzy" and row["grade"] in {"一级", "二级", "三级"}
    # Deaths in the office's own 东城区: 一级 (jining-ggzy's grading.yaml), the count in the reasons.
    assert c1["grade"] == "一级" and "回帖 1,200" in c1["grade_reasons"] and "死亡 3 人" in c1["grade_reasons"]
    assert c3["relevance"] > c4["relevance"]  # region and text name the office's 东城区
    assert c4["negativity"] < 0.5
    assert "标题和正文均为空" in c2["error"]
    assert "telegram" in c5["error"] and "views" in c6["error"] and "JSON" in bad["error"]
    assert "出错 4 条" in capsys.readouterr().err


def test_score_stdin_stdout_subprocess(tmp_path: Path) -> None:
    line = json.dumps(ROWS[0], ensure_ascii=False)
    done = subprocess.run([sys.executable, "-m", "yuqing.cli", "--config", str(_config(tmp_path)), "score"],
                          input=line.encode(), capture_output=True, cwd=REPO, timeout=120, check=True)
    row = json.loads(done.stdout)
    assert row["grade"] == "特别重大" and row["grade_text"].startswith("特别重大: ")
    assert row["topic"] and row["model_version"]


def test_score_reports_unknown_profile_and_missing_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(_config(tmp_path))
    assert main(["--config", config, "score", "--profile", "no-such"]) == 2
    assert "未知的策略配置" in capsys.readouterr().err
    assert main(["--config", config, "score", "--model", "no-such-version"]) == 2
    assert "不存在" in capsys.readouterr().err


def test_train_models_evaluate_labels(tiny_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(_config(tmp_path))
    assert main(["--config", config, "train", str(tiny_data / "tiny.yaml"), "--data-root", str(tiny_data)]) == 0
    assert "模型已登记" in capsys.readouterr().out
    assert main(["--config", config, "models", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    version = next(r["version"] for r in listed if r["where"] == "registry")
    assert main(["--config", config, "models", "promote", version]) == 0
    assert main(["--config", config, "models", "list"]) == 0
    assert f"* {version}" in capsys.readouterr().out
    report = tmp_path / "report.html"
    assert main(["--config", config, "evaluate", str(tiny_data / "tiny.yaml"), "--data-root", str(tiny_data),
                 "--compare", "default", "--out", str(report)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["negativity"]["tiny_neg_eval"]["model"] == version
    assert "compare" in summary["negativity"]["tiny_neg_eval"]
    page = report.read_text(encoding="utf-8")
    assert page.count("<svg") >= 4 and "PR 曲线" in page and "混淆矩阵" in page and "可靠性图" in page
    assert main(["--config", config, "models", "rollback"]) == 0
    assert main(["--config", config, "models", "rollback"]) == 2


def test_labels_import_export_and_train_on_them(tmp_path: Path, tiny_data: Path) -> None:
    from core.settings import StoreSettings
    from store.db import migrate

    migrate(StoreSettings(url=f"sqlite:///{tmp_path / 'y.db'}"))
    config = str(_config(tmp_path))
    labels = tmp_path / "labels.csv"
    labels.write_text("text,label,title\n东城区小区停水三天没人管,负面,\n东城区新公园开放,0,\n东城区道路塌陷,是,标题\n",
                      encoding="utf-8")
    assert main(["--config", config, "labels", "import", str(labels), "--head", "negativity"]) == 0
    assert main(["--config", config, "labels", "import", str(labels), "--head", "negativity"]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["--config", config, "labels", "export", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["label"] for r in rows] == ["1", "0", "1"] and rows[0]["head"] == "negativity"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "x", "label": "maybe", "head": "negativity"}) + "\n", encoding="utf-8")
    assert main(["--config", config, "labels", "import", str(bad)]) == 2

    from classifier.data import DatasetSpec
    from classifier.labels import is_heldout, labels_loader

    spec = DatasetSpec(name="office", format="labels", head="negativity")
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'y.db'}")
    assert len(labels_loader(store, "all")(spec)) == 3
    # Training never sees the office's held-out cases (one in five, by text hash).
    trained = labels_loader(store)(spec)
    held = labels_loader(store, "heldout")(spec)
    assert len(trained) + len(held) == 3
    assert all(is_heldout(title, text) for title, text, _ in held)
    assert not any(is_heldout(title, text) for title, text, _ in trained)


def test_train_and_evaluate_one_file_without_config(tiny_data: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    config = str(_config(tmp_path))
    out = tmp_path / "m"
    data = str(tiny_data / "neg.csv")
    # One file named on the command line needs no data root (a fresh clone without ../shared trains it).
    assert main(["--config", config, "train", "--data", data, "--eval", data, "--head", "negativity",
                 "--label-map", "angry=1,*=0", "--C", "1,4", "--out", str(out),
                 "--data-root", str(tmp_path / "no-shared")]) == 0
    printed = capsys.readouterr().out
    assert "neg acc" in printed and (out / "card.json").is_file()
    assert main(["--config", config, "evaluate", "--eval", data, "--head", "negativity", "--label-map",
                 "angry=1,*=0", "--model", str(out), "--compare", "none", "--out", str(tmp_path / "r.html")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["negativity"]["neg"]["accuracy"] > 0.9
    assert main(["--config", config, "train"]) == 2
    assert main(["--config", config, "train", "--data", str(tmp_path / "x.xlsx")]) == 2


def test_score_grades_what_yichuns_article_17_calls_major_without_an_emergency_word(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """002 第十七条 重大: a 转办单 asking the bureau to respond, and a serious misreading of its policy."""
    from collectors.forwarded import Forwarded, to_item

    item = to_item(Forwarded(body="省局", title="网民反映超市销售临期面包", text="有网民反映袁州区某超市销售临期面包。",
                             instruction="请核实处理并主动回应社会关切", region="360902"))
    note = {"id": "f1", "title": item.title, "text": item.text, "source_name": item.source.name,
            "source_kind": item.source.kind, "region": "360902"}
    misread = {"id": "m1", "title": "市局餐饮油烟新规被误读 网传小吃摊一律取缔",
               "text": "不少网民误读了市局出台的餐饮油烟管理新规，认为街边小吃摊将一律取缔，引发摊主担忧。",
               "source_name": "宜春论坛", "source_kind": "forum", "source_tier": "self_media", "region": "360902"}
    plain = {**misread, "id": "p1", "title": "网民反映超市销售临期面包", "text": "有网民反映袁州区某超市销售临期面包。"}
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    infile.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (note, misread, plain)),
                      encoding="utf-8")
    assert main(["--config", str(_config(tmp_path)), "score", "--profile", "yichun-scjg",
                 "--in", str(infile), "--out", str(outfile)]) == 0
    forwarded, policy, ordinary = (json.loads(line) for line in outfile.read_text(encoding="utf-8").splitlines())
    assert forwarded["grade"] == "重大"
    assert "市委市政府和省局要求主动回应的舆情 (第十七条 重大)" in forwarded["grade_reasons"]
    assert not any(r.startswith("官方通报") for r in forwarded["grade_reasons"]), "a 转办单 is no notice of the bureau"
    assert policy["grade"] == "重大" and any("误解误读" in r for r in policy["grade_reasons"])
    assert ordinary["grade"] != "重大"


def test_a_config_that_reads_the_data_root_is_refused_without_it(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = str(_config(tmp_path))
    assert main(["--config", config, "train", str(REPO / "classifier/training/default.yaml"),
                 "--data-root", str(tmp_path / "no-shared"), "--out", str(tmp_path / "m")]) == 2
    assert "data root" in capsys.readouterr().err
