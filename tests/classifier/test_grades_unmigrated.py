"""`yuqing grades` on a store that was never migrated says so (issue 11), not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from yuqing.cli import main


def test_grades_on_an_unmigrated_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "empty.db"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "grades", "--profile", "jining-ggzy"]) == 2
    err = capsys.readouterr().err
    assert "yuqing migrate" in err and "Traceback" not in err
