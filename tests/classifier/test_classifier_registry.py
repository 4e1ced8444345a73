"""The registry round trip: register → promote → rollback; tampered or missing files are refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from classifier.model import LinearModel, ModelError
from classifier.registry import DEFAULT_MODEL_DIR, Registry, load_verified


def _register(registry: Registry, model: LinearModel, card: dict, version: str) -> str:
    return registry.register(model, {**card, "version": version})["version"]


def test_round_trip(tiny_trained: tuple[LinearModel, dict], tmp_path: Path) -> None:
    model, card = tiny_trained
    registry = Registry(tmp_path / "models")
    assert registry.promoted() is None
    assert registry.load_promoted().version == load_verified(DEFAULT_MODEL_DIR).version
    v1 = _register(registry, model, card, "tiny-1")
    v2 = _register(registry, model, card, "tiny-2")
    assert [c["version"] for c in registry.versions()] == [v1, v2]
    registry.promote(v1)
    registry.promote(v2)
    assert registry.promoted() == v2 and registry.load_promoted().version == v2
    assert registry.rollback() == v1
    assert registry.promoted() == v1
    assert registry.rollback() is None  # back to the shipped default
    assert registry.promoted() is None
    with pytest.raises(ModelError, match="回滚"):
        registry.rollback()
    history = [json.loads(line) for line in registry.history.read_text(encoding="utf-8").splitlines()]
    assert [h["action"] for h in history] == ["promote", "promote", "rollback", "rollback"]


def test_card_records_hashes_metrics_and_libraries(tiny_trained: tuple[LinearModel, dict], tmp_path: Path) -> None:
    model, card = tiny_trained
    stored = Registry(tmp_path).register(model, {**card, "version": "tiny-card"})
    assert set(stored["files"]) == {"model.npz", "model.json", "vocab.json"}
    assert all(len(h) == 64 for h in stored["files"].values())
    assert {"numpy", "scikit-learn", "python"} <= set(stored["libraries"])
    source = stored["data"]["negativity"][0]
    assert source["files"][0]["sha256"] and source["rows"] > 0
    assert "cv" in stored["heads"]["negativity"]["metrics"]


def test_tampered_file_is_refused(tiny_trained: tuple[LinearModel, dict], tmp_path: Path) -> None:
    model, card = tiny_trained
    registry = Registry(tmp_path)
    version = _register(registry, model, card, "tiny-tampered")
    npz = registry.folder(version) / "model.npz"
    data = bytearray(npz.read_bytes())
    data[-10] ^= 0xFF
    npz.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="校验失败"):
        registry.load(version)
    with pytest.raises(ModelError):
        registry.promote(version)
    assert registry.promoted() is None


def test_missing_file_and_unknown_version(tiny_trained: tuple[LinearModel, dict], tmp_path: Path) -> None:
    model, card = tiny_trained
    registry = Registry(tmp_path)
    version = _register(registry, model, card, "tiny-missing")
    (registry.folder(version) / "vocab.json").unlink()
    with pytest.raises(ModelError, match="缺失"):
        registry.load(version)
    with pytest.raises(ModelError, match="不存在"):
        registry.load("no-such-version")
    with pytest.raises(ModelError, match="invalid"):
        registry.load("../escape")


def test_folder_without_card_is_not_a_model(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_MODEL_DIR, tmp_path / "m")
    (tmp_path / "m" / "card.json").unlink()
    with pytest.raises(ModelError, match="模型卡"):
        load_verified(tmp_path / "m")


def test_shipped_default_model_verifies_and_is_small() -> None:
    loaded = load_verified(DEFAULT_MODEL_DIR)
    assert {"negativity", "topic"} <= set(loaded.model.heads)
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir() if p.is_file())
    assert size < 20 * 1024 * 1024
    assert loaded.card["command"].startswith("yuqing train")
