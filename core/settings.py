"""Typed, frozen settings, read once at start-up from a TOML file plus environment variables.

The file has one table per concern: ``[kafka]`` and ``[store]`` are shared, and each service has
its own (``[collectors]``, ``[classifier]``, ``[router]``, ``[console]``). Unknown tables and
unknown keys are errors. An environment variable ``YUQING__<TABLE>__<KEY>`` overrides one key;
``YUQING_CONFIG`` names the file. Only :func:`load` reads the environment.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from core.errors import ConfigError
from core.textfile import read_text

ENV_PREFIX = "YUQING__"
ENV_CONFIG_FILE = "YUQING_CONFIG"
SERVICE_TABLES = ("collectors", "classifier", "router", "console")
SHARED_TABLES = ("kafka", "store", "log", "ops")
_SECRET_KEY = re.compile(r"(password|secret|token|key)$", re.IGNORECASE)


class TopicOverride(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``[kafka.topics."<name>"]``: one topic's settings where they differ from core/topics.py."""

    partitions: int | None = None
    replication: int | None = None
    min_insync_replicas: int | None = None
    # Milliseconds; -1 keeps messages for ever.
    retention_ms: int | None = None
    cleanup_policy: str | None = None

    def __post_init__(self) -> None:
        for name in ("partitions", "replication", "min_insync_replicas"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be >= 1")
        if self.retention_ms is not None and self.retention_ms < -1:
            raise ValueError("retention_ms must be -1 (for ever) or >= 0")
        if self.cleanup_policy is not None and self.cleanup_policy not in ("delete", "compact", "compact,delete"):
            raise ValueError("cleanup_policy must be delete, compact or compact,delete")


class KafkaSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Only ``bootstrap_servers`` and the cluster's guarantees differ between the embedded broker
    and Apache Kafka (replication, min ISR, idempotence, cooperative rebalancing: off by default,
    since the embedded broker is one node and cannot do the last two)."""

    bootstrap_servers: str = "127.0.0.1:9092"
    client_id: str = "yuqing"
    # The embedded broker joins a group in about session_timeout / 2: keep it short.
    session_timeout_ms: int = 6000
    heartbeat_interval_ms: int = 1000
    max_poll_records: int = 500
    # A replica that takes longer than this between two polls leaves its group (its partitions
    # go to the others and its commit fails: the stage then rewinds, see core/stage.py).
    max_poll_interval_ms: int = 300000
    poll_timeout_ms: int = 1000
    connect_timeout_s: float = 60.0
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = None
    # Copies of every topic, and how many must have a write before it is acknowledged (acks=all).
    replication: int = 1
    min_insync_replicas: int = 1
    # Idempotent producers (no duplicates from a producer's own retries); needs Apache Kafka.
    idempotent_producer: bool = False
    # Cooperative-sticky assignment: a replica joining or leaving moves only the partitions that
    # change hands instead of stopping the whole group; needs Apache Kafka.
    cooperative_rebalancing: bool = False
    # Per-topic overrides of core/topics.py, by topic name.
    topics: dict[str, TopicOverride] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        from core.topics import NAMES

        unknown = sorted(set(self.topics) - NAMES)
        if unknown:
            raise ValueError(f"topics: unknown topic {unknown[0]!r}; the topics are {', '.join(sorted(NAMES))}")
        if self.replication < 1 or not 1 <= self.min_insync_replicas <= self.replication:
            raise ValueError("replication must be >= 1 and min_insync_replicas within 1..replication")
        if not self.bootstrap_servers.strip():
            raise ValueError("bootstrap_servers must name at least one host:port")
        for server in self.bootstrap_servers.split(","):
            if not re.fullmatch(r"[\w.\-\[\]:]+:\d{1,5}", server.strip()):
                raise ValueError(f"bootstrap server {server!r} is not host:port")
        if self.max_poll_interval_ms < self.session_timeout_ms:
            raise ValueError("max_poll_interval_ms must be at least session_timeout_ms")
        if self.heartbeat_interval_ms * 3 > self.session_timeout_ms:
            raise ValueError("heartbeat_interval_ms must be at most a third of session_timeout_ms")

    @property
    def servers(self) -> list[str]:
        return [s.strip() for s in self.bootstrap_servers.split(",")]


class StoreSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """SQLite file by default; PostgreSQL by URL (``postgresql+psycopg://...``)."""

    url: str = "sqlite:///yuqing.db"
    echo: bool = False

    def __post_init__(self) -> None:
        if not self.url.startswith(("sqlite:", "postgresql")):
            raise ValueError("url must start with sqlite: or postgresql (e.g. postgresql+psycopg://)")


class LogSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    level: str = "INFO"
    json: bool = False
    # The supervisor's log files (var/log/<stage>.log) are rotated at this size, keeping this many.
    file_max_mb: float = 50.0
    file_backups: int = 5

    def __post_init__(self) -> None:
        if self.level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("level must be one of DEBUG, INFO, WARNING, ERROR")
        if self.file_max_mb <= 0 or self.file_backups < 0:
            raise ValueError("file_max_mb must be > 0 and file_backups >= 0")


# 网络安全法 第二十一条: network logs are kept for no less than six months.
MIN_AUDIT_DAYS = 183


class OpsSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What operators see and how long data is kept; read by every service and ``yuqing status``."""

    # Prometheus /metrics, /healthz and /readyz of each service on metrics_port + its offset
    # (core.metrics.SERVICE_OFFSETS); a port that is taken falls back to a free one (logged).
    metrics: bool = True
    metrics_host: str = "127.0.0.1"
    metrics_port: int = 9400
    # Each running service says so in the store this often; missing for 3 beats = down.
    heartbeat_s: float = 10.0
    # ``yuqing status`` exits non-zero beyond these.
    max_lag: int = 5000
    max_silence_minutes: float = 180.0
    # Retention in days (0 = keep for ever): the text of items without a case, scores, closed
    # cases with everything about them, and the audit log (at least six months, by law).
    keep_raw_text_days: int = 180
    keep_scores_days: int = 365
    keep_closed_cases_days: int = 1095
    keep_audit_days: int = 1095
    prune_every_hours: float = 6.0

    def __post_init__(self) -> None:
        if not 0 <= self.metrics_port < 65536:
            raise ValueError("metrics_port must be within 0..65535")
        if self.heartbeat_s <= 0 or self.prune_every_hours <= 0 or self.max_silence_minutes <= 0:
            raise ValueError("heartbeat_s, prune_every_hours and max_silence_minutes must be > 0")
        days = (self.keep_raw_text_days, self.keep_scores_days, self.keep_closed_cases_days, self.keep_audit_days)
        if min(days) < 0 or self.max_lag < 0:
            raise ValueError("retention days and max_lag must be >= 0")
        if 0 < self.keep_audit_days < MIN_AUDIT_DAYS:
            raise ValueError(f"keep_audit_days must be 0 (for ever) or at least {MIN_AUDIT_DAYS}: "
                             "网络安全法 requires network logs to be kept for six months")


S = TypeVar("S", bound=msgspec.Struct)


def read_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(read_text(path))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: 配置文件不存在 (settings file not found)") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: 是目录，不是配置文件 (a directory, not a settings file)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: 不是合法的 TOML: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: 嵌套过深 (arrays or tables nested too deeply to read)") from exc
    for name in SHARED_TABLES + SERVICE_TABLES:
        if name in data and not isinstance(data[name], dict):
            raise ConfigError(f"{path}: [{name}] must be a table ([{name}] followed by key = value lines), "
                              f"not {type(data[name]).__name__}")
    unknown = sorted(set(data) - set(SERVICE_TABLES) - set(SHARED_TABLES))
    if unknown:
        known = ", ".join(SHARED_TABLES + SERVICE_TABLES)
        raise ConfigError(f"{path}: unknown table [{unknown[0]}]; the known tables are {known}")
    return data


def _env_overrides(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        parts = name[len(ENV_PREFIX) :].lower().split("__")
        if len(parts) != 2 or parts[0] not in SERVICE_TABLES + SHARED_TABLES:
            raise ConfigError(
                f"environment variable {name}: expected {ENV_PREFIX}<TABLE>__<KEY> with TABLE one of "
                f"{', '.join(SHARED_TABLES + SERVICE_TABLES)}"
            )
        tables.setdefault(parts[0], {})[parts[1]] = _parse_env_value(raw)
    return tables


def _parse_env_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def load(
    cls: type[S],
    table: str | None,
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> S:
    """Build a service's settings: shared tables plus the service's own table, strictly checked.

    ``cls`` has the fields ``kafka``/``store``/``log`` it needs and, flat beside them, the keys
    of its own ``table``.
    """
    env = os.environ if environ is None else environ
    if path is None and env.get(ENV_CONFIG_FILE):
        path = Path(env[ENV_CONFIG_FILE])
    data = read_file(path)
    for name, values in _env_overrides(env).items():
        data.setdefault(name, {}).update(values)
    fields = set(cls.__struct_fields__)
    merged: dict[str, Any] = {k: data[k] for k in SHARED_TABLES if k in fields and k in data}
    if table is not None:
        own = data.get(table, {})
        clash = sorted(set(own) & set(SHARED_TABLES))
        if clash:
            where = str(path) if path else "environment"
            raise ConfigError(f"{where}: [{table}] may not contain the shared key {clash[0]!r}; "
                              f"write it in its own table [{clash[0]}]")
        merged.update(own)
    where = str(path) if path else "environment"
    try:
        return msgspec.convert(merged, cls, strict=False)
    except msgspec.ValidationError as exc:
        raise ConfigError(_explain(where, table, exc)) from exc


def _explain(where: str, table: str | None, exc: msgspec.ValidationError) -> str:
    text = str(exc)
    at = re.search(r"at `\$\.?([^`]*)`", text)
    parts = [p for p in (at.group(1) if at else "").split(".") if p]
    unknown = re.search(r"unknown field `([^`]+)`", text)
    if unknown:
        parts.append(unknown.group(1))
    if parts and parts[0] not in SHARED_TABLES and table:
        parts.insert(0, table)
    elif not parts and table:
        parts = [table]
    key = ".".join(parts)
    env_name = ENV_PREFIX + "__".join(p.upper() for p in parts[:2]) if len(parts) >= 2 else ""
    hint = f" (key {key}" + (f"; env {env_name}" if env_name else "") + ")" if key else ""
    return f"{where}: invalid setting{hint}: {text}"


def redacted(settings: msgspec.Struct) -> dict[str, Any]:
    """The settings as a dict safe for logs: secrets and URL passwords are masked."""
    return _redact(msgspec.to_builtins(settings))


def _redact(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _redact(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, key) for v in value]
    if isinstance(value, str):
        if _SECRET_KEY.search(key) and value:
            return "***"
        return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", value)
    return value
