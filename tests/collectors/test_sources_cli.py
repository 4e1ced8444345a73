"""The source registry file, the settings table and the ``yuqing`` sub-commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors import sources
from collectors.settings import CollectorSettings
from core import settings as core_settings
from core.errors import ConfigError
from yuqing.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "collectors" / "sources.example.yaml"


def test_the_example_file_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE.parents[1])  # the search source names its scheme from the working directory
    loaded = sources.load(EXAMPLE)
    assert {s.spec.kind for s in loaded} == {"rss", "news", "forum", "microblog", "replay", "search"}


@pytest.mark.parametrize(("entry", "message"), [
    ({"id": "Bad Id", "name": "x", "kind": "rss", "url": "http://x"}, "id"),
    ({"id": "a", "name": "x", "kind": "rss", "url": "http://x", "region": "37"}, "region"),
    ({"id": "a", "name": "x", "kind": "rss", "url": "http://x", "colour": "red"}, "colour"),
    ({"id": "a", "name": "x", "kind": "tv", "url": "http://x"}, "kind"),
    ({"id": "a", "name": "x", "kind": "rss"}, "url"),
    ({"id": "a", "name": "x", "kind": "rss", "url": "http://x", "options": {"backend": "magic"}}, "backend"),
    ({"id": "a", "name": "x", "kind": "news", "url": "http://x", "options": {"link_pattern": "("}}, "link_pattern"),
    ({"id": "a", "name": "x", "kind": "microblog", "url": "http://x", "options": {"mapping": "nope"}}, "mapping"),
    ({"id": "a", "name": "x", "kind": "rss", "url": "http://x", "interval_s": 0.1}, "interval_s"),
])
def test_invalid_entries_are_named(entry: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        sources.parse({"sources": [entry]})
    assert message in str(info.value) and "sources[0]" in str(info.value)


def test_duplicate_ids_and_bad_yaml(tmp_path: Path) -> None:
    entry = {"id": "a", "name": "x", "kind": "rss", "url": "http://x"}
    with pytest.raises(ConfigError, match="重复"):
        sources.parse({"sources": [entry, entry]})
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML"):
        sources.load(bad)
    with pytest.raises(ConfigError, match="sources"):
        sources.parse({"feeds": []})


def test_settings_table(tmp_path: Path) -> None:
    config = tmp_path / "yuqing.toml"
    config.write_text('[collectors]\nsources = "s.yaml"\nconcurrency = 8\nproxy = "http://proxy:3128"\n'
                      '[kafka]\nbootstrap_servers = "k:9092"\n', encoding="utf-8")
    loaded = core_settings.load(CollectorSettings, "collectors", config, environ={"YUQING__COLLECTORS__RETRIES": "1"})
    assert (loaded.sources, loaded.concurrency, loaded.retries, loaded.kafka.bootstrap_servers) == \
        ("s.yaml", 8, 1, "k:9092")
    config.write_text("[collectors]\nconcurency = 8\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="concurency"):
        core_settings.load(CollectorSettings, "collectors", config, environ={})


def test_sources_check_command(http_server, tmp_path: Path, capsys) -> None:
    url = http_server.add("/f.xml", "<rss><channel><item><title>试采新闻</title><link>http://x.cn/1</link>"
                          "</item></channel></rss>", content_type="application/xml")
    path = tmp_path / "s.yaml"
    path.write_text(f"sources:\n  - {{id: demo, name: 示例, kind: rss, url: '{url}'}}\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "never.db"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "sources", "check", str(path)]) == 0
    assert main(["--config", str(config), "sources", "check", str(path), "--poll", "demo"]) == 0
    out = capsys.readouterr()
    assert "试采新闻" in out.out and "未发布任何内容" in out.err
    assert not (tmp_path / "never.db").exists()  # a dry run writes nothing
    path.write_text("sources:\n  - {id: demo, kind: rss}\n", encoding="utf-8")
    assert main(["sources", "check", str(path)]) == 2
