"""A command that reads or writes the store, run on a store that was never migrated or cannot be
reached, says so and what to do (yuqing migrate), with exit status 2, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yuqing.cli import main


def _config(tmp_path: Path, url: str) -> str:
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "{url}"\n', encoding="utf-8")
    return str(config)


def test_labels_import_on_an_unmigrated_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "labels.jsonl"
    row = {"head": "negativity", "profile": "city-gov", "title": "路灯坏了", "text": "三个月没人修", "label": "1"}
    labels.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    config = _config(tmp_path, f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["--config", config, "labels", "import", str(labels)]) == 2
    err = capsys.readouterr().err
    assert "存储不可用" in err and "yuqing migrate" in err and "Traceback" not in err
    # After the migration the same file goes in.
    assert main(["--config", config, "migrate"]) == 0
    assert main(["--config", config, "labels", "import", str(labels)]) == 0
    assert "导入 1 条标注" in capsys.readouterr().out


def test_a_store_that_cannot_be_opened_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, f"sqlite:///{tmp_path / 'no-such-dir' / 'store.db'}")
    assert main(["--config", config, "labels", "export", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "存储不可用" in err and "unable to open database file" in err and "yuqing migrate" not in err
