"""bench/eval_private_posts.py: private posts told as a local would, naming the office's city, scored
with the office's configuration and intake."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OFFICE = REPO / "devsets" / "lianchuan_office.toml"


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_private_posts", REPO / "bench" / "eval_private_posts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_private_posts"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text("id,text,label\n"
                    "1,今天剪了个史上最丑的刘海，气死我了，再也不去那家店了,angry\n"
                    "2,昨晚做了个噩梦，梦见自己从楼上摔下来摔死了，吓醒了,fear\n"
                    "3,家门口的路灯坏了半个月了，晚上漆黑一片，打了好几次电话都没人来修,angry\n"
                    "4,短,happy\n", encoding="utf-8")
    return path


def test_every_post_names_the_city_or_a_landmark(bench, posts: Path) -> None:  # type: ignore[no-untyped-def]
    rows = bench.framed_posts(posts, "涟川", "涟江")
    assert [r["id"] for r in rows] == ["smp-1", "smp-2", "smp-3"]  # too short a post is left out
    assert all("涟川" in r["text"] or "涟江" in r["text"] for r in rows)


def test_a_private_post_opens_no_case_and_a_broken_streetlight_does(bench, posts: Path,  # type: ignore[no-untyped-def]
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--office-config", str(OFFICE), "--posts", str(posts), "--show", "5"]) == 0
    out = capsys.readouterr().out
    assert "3 private posts naming 涟川" in out and "cases opened 1 (33.3%)" in out, out
    assert "路灯" in out and "刘海" not in out and "噩梦" not in out
    assert "cases in the two top grades: 0" in out


def test_missing_posts_are_a_clear_error(bench, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert bench.main(["--office-config", str(OFFICE), "--posts", str(tmp_path / "none.csv")]) == 2
    assert "not found" in capsys.readouterr().err
