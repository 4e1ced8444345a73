"""The office's labels close the loop: the promotion gate on the office's held-out labels, and the
learning curve of ``yuqing evaluate``."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from classifier.labels import is_heldout
from classifier.model import LinearModel
from classifier.registry import Registry
from tests.classifier.conftest import NEGATIVE, NEUTRAL
from yuqing.cli import main

PLACES = ["东城区", "西城区", "南山区", "北湖区", "青山镇", "河口乡", "中心街道", "新区", "老城", "高新区", "江北区",
          "城南", "滨湖区", "石桥镇"]


def _config(tmp_path: Path) -> str:
    path = tmp_path / "yuqing.toml"
    path.write_text(f'[classifier]\nmodels_dir = "{tmp_path / "models"}"\n'
                    f'[store]\nurl = "sqlite:///{tmp_path / "y.db"}"\n', encoding="utf-8")
    return str(path)


def _labels(tmp_path: Path) -> Path:
    """The office's labelled cases: its own wording of the tiny set's kinds, in both labels."""
    path = tmp_path / "office.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label"])
        for place in PLACES:
            for template in NEGATIVE:
                writer.writerow([template.format(p=place) + "，请领导重视", "1"])
            for template in NEUTRAL:
                writer.writerow([template.format(p=place) + "，欢迎参加", "0"])
    return path


def _inverted(model: LinearModel) -> LinearModel:
    """The same model with its negativity head turned upside down: worse on every held-out case."""
    head = model.heads["negativity"]
    weights = model.weights.copy()
    weights[:, head.start:head.stop] *= -1
    bias = model.bias.copy()
    bias[head.start:head.stop] *= -1
    return dataclasses.replace(model, weights=weights, bias=bias, _index={})


@pytest.fixture
def office(tmp_path: Path, tiny_trained: tuple[LinearModel, dict]) -> tuple[str, Registry]:
    from core.settings import StoreSettings
    from store.db import migrate

    migrate(StoreSettings(url=f"sqlite:///{tmp_path / 'y.db'}"))
    config = _config(tmp_path)
    assert main(["--config", config, "labels", "import", str(_labels(tmp_path)), "--head", "negativity"]) == 0
    model, card = tiny_trained
    registry = Registry(tmp_path / "models")
    registry.register(model, {**card, "version": "good"})
    registry.register(_inverted(model), {**card, "version": "bad"})
    return config, registry


def test_a_worse_model_is_refused_with_the_figures_and_forcing_is_audited(
        office: tuple[str, Registry], capsys: pytest.CaptureFixture[str]) -> None:
    config, registry = office
    assert main(["--config", config, "models", "promote", "good"]) == 0
    out = capsys.readouterr().out
    assert "发布检查 通过" in out and "负面:" in out
    assert main(["--config", config, "models", "promote", "bad"]) == 3
    captured = capsys.readouterr()
    assert "未通过" in captured.out and "← 更差" in captured.out and "未发布 bad" in captured.err
    assert registry.promoted() == "good"
    assert main(["--config", config, "models", "promote", "bad", "--force"]) == 2
    assert "--reason" in capsys.readouterr().err
    assert main(["--config", config, "models", "promote", "bad", "--force", "--reason", "回归测试需要"]) == 0
    assert registry.promoted() == "bad"
    history = [json.loads(line) for line in registry.history.read_text(encoding="utf-8").splitlines()]
    forced = history[-1]
    assert forced["forced"] is True and forced["reason"] == "回归测试需要" and forced["by"]
    check = forced["gate"]["heads"][0]
    assert check["head"] == "negativity" and check["candidate_accuracy"] < check["current_accuracy"]
    assert history[0]["gate"]["passed"] is True


def test_without_held_out_labels_the_gate_says_there_is_nothing_to_compare(
        tmp_path: Path, tiny_trained: tuple[LinearModel, dict], capsys: pytest.CaptureFixture[str]) -> None:
    model, card = tiny_trained
    Registry(tmp_path / "models").register(model, {**card, "version": "only"})
    assert main(["--config", _config(tmp_path), "models", "promote", "only"]) == 0
    assert "无法比较" in capsys.readouterr().out


def test_learning_curve_against_the_number_of_office_labels(
        office: tuple[str, Registry], tiny_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, _ = office
    report = tmp_path / "report.html"
    assert main(["--config", config, "evaluate", str(tiny_data / "tiny.yaml"), "--data-root", str(tiny_data),
                 "--model", str(tmp_path / "models" / "versions" / "good"), "--compare", "none",
                 "--out", str(report)]) == 0
    curve = json.loads(capsys.readouterr().out)["learning_curve"]["negativity"]
    rows = [r for r in csv.DictReader(_labels(tmp_path).open(encoding="utf-8"))]
    held = sum(is_heldout("", r["text"]) for r in rows)
    assert curve["heldout"] == held > 0 and curve["office_labels"] == len(rows) - held
    counts = [p["labels"] for p in curve["points"]]
    assert counts[0] == 0 and counts[-1] == len(rows) - held and counts == sorted(counts)
    assert all(0.0 <= p["accuracy"] <= 1.0 for p in curve["points"])
    # The office's own wording is learnable: its labels do not make the held-out accuracy worse.
    assert curve["points"][-1]["accuracy"] >= curve["points"][0]["accuracy"]
    assert np.isfinite(curve["model"]["accuracy"])
    assert "学习曲线" in report.read_text(encoding="utf-8")
