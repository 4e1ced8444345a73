"""Logging set-up for entry points; library modules only call ``logging.getLogger``.

Every line carries the ids known where it was written (item, source, partition, offset),
passed as ``extra``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import orjson

ID_FIELDS = ("stage", "item", "story", "source", "topic", "partition", "offset", "case")


class _IdsFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        base = super().format(record)
        ids = " ".join(f"{k}={getattr(record, k)}" for k in ID_FIELDS if getattr(record, k, None) is not None)
        return f"{base} [{ids}]" if ids else base


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ID_FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                doc[key] = value
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(doc).decode()


def configure(level: str = "INFO", json: bool = False, stage: str | None = None) -> None:
    """Configure the root logger once, at an entry point."""
    handler = logging.StreamHandler(sys.stderr)
    if json:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(_IdsFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if stage:
        handler.addFilter(_StageFilter(stage))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # kafka-python is chatty at INFO about every connection.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, root.level))


class _StageFilter(logging.Filter):
    def __init__(self, stage: str) -> None:
        super().__init__()
        self._stage = stage

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "stage", None) is None:
            record.stage = self._stage
        return True

