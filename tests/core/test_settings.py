from pathlib import Path

import msgspec
import pytest

from core.errors import ConfigError
from core.settings import KafkaSettings, LogSettings, StoreSettings, load, redacted


class DemoSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()
    profile: str = "city-gov"
    smtp_password: str | None = None


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "yuqing.toml"
    path.write_text(text, "utf-8")
    return path


def test_file_and_environment_are_merged(tmp_path: Path) -> None:
    path = _write(tmp_path, '[kafka]\nbootstrap_servers = "k1:9092"\n[router]\nprofile = "school"\n')
    env = {"YUQING__KAFKA__SESSION_TIMEOUT_MS": "9000"}
    settings = load(DemoSettings, "router", path, env)
    assert settings.kafka.bootstrap_servers == "k1:9092"
    assert settings.kafka.session_timeout_ms == 9000
    assert settings.profile == "school"
    with pytest.raises(AttributeError):
        settings.profile = "x"  # type: ignore[misc]


def test_unknown_key_names_file_key_and_env(tmp_path: Path) -> None:
    path = _write(tmp_path, '[router]\nprofil = "school"\n')
    with pytest.raises(ConfigError) as info:
        load(DemoSettings, "router", path, {})
    text = str(info.value)
    assert str(path) in text and "router.profil" in text and "YUQING__ROUTER__PROFIL" in text


def test_unknown_table_and_bad_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown table \[routr\]"):
        load(DemoSettings, "router", _write(tmp_path, "[routr]\nx = 1\n"), {})
    with pytest.raises(ConfigError, match=r"kafka\.session_timeout_ms"):
        load(DemoSettings, "router", _write(tmp_path, '[kafka]\nsession_timeout_ms = "soon"\n'), {})
    with pytest.raises(ConfigError, match="host:port"):
        load(DemoSettings, "router", None, {"YUQING__KAFKA__BOOTSTRAP_SERVERS": "nohost"})
    with pytest.raises(ConfigError, match="YUQING__<TABLE>__<KEY>"):
        load(DemoSettings, "router", None, {"YUQING__NOPE": "1"})
    with pytest.raises(ConfigError, match="不存在"):
        load(DemoSettings, "router", tmp_path / "missing.toml", {})


def test_secrets_are_redacted() -> None:
    settings = DemoSettings(store=StoreSettings(url="postgresql+psycopg://u:hunter2@db/yq"), smtp_password="pw")
    shown = redacted(settings)
    assert "hunter2" not in str(shown) and "'pw'" not in str(shown)
    assert shown["smtp_password"] == "***"
