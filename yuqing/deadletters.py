"""``yuqing dead-letters``: keep every dead letter in the store, and list them.

The ``items.dead`` topic expires with its retention (and the embedded broker's topics are
truncated to bound its memory); the keeper copies each letter into the store first, so no refused
message ever disappears without a trace. A message on ``items.dead`` that is not a dead letter
is kept too, as a letter of its own position, never sent back to ``items.dead``.
"""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import msgspec
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from core import logs, topics
from core.contracts import ContractError, DeadLetter, decode, utcnow
from core.settings import KafkaSettings, LogSettings, StoreSettings, load
from core.stage import BatchResult, Record, RetryLater, StageRunner
from store.db import make_engine, migrate, sessions

log = logging.getLogger(__name__)
STAGE = "dead-letters"


class DeadLetterSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()


class DeadLetterKeeper:
    """The processor of ``items.dead``: one idempotent insert per batch."""

    def __init__(self, store: StoreSettings) -> None:
        self._sessions = sessions(make_engine(store))

    def process(self, records: Sequence[Record]) -> BatchResult:
        from store.dead_letter_tables import keep

        letters = [self._letter(record) for record in records]
        try:
            with self._sessions.begin() as session:
                kept = keep(session, letters, utcnow())
        except (DataError, IntegrityError):
            raise
        except SQLAlchemyError as exc:
            raise RetryLater(f"store: {type(exc).__name__}: {str(exc)[:300]}") from exc
        if kept:
            log.info("kept %d dead letters in the store", kept, extra={"stage": STAGE})
        return BatchResult()

    @staticmethod
    def _letter(record: Record) -> DeadLetter:
        try:
            return decode(record.value, DeadLetter)
        except ContractError as exc:
            return DeadLetter(stage="?", topic=record.topic, partition=record.partition, offset=record.offset,
                              key=record.key, value=record.value, error=f"not a dead letter: {exc}",
                              failed_at=utcnow())


def register(sub: argparse._SubParsersAction) -> None:
    dead = sub.add_parser("dead-letters", help="死信: 保存到存储 (keep) 与查看 (list)")
    dsub = dead.add_subparsers(dest="dead_command", required=True, metavar="ACTION")
    keep_cmd = dsub.add_parser("keep", help="run the keeper: items.dead → the store (a stage)")
    keep_cmd.set_defaults(func=cmd_keep)
    list_cmd = dsub.add_parser("list", help="the newest dead letters kept in the store")
    list_cmd.add_argument("--stage", help="only the letters of this stage")
    list_cmd.add_argument("--limit", type=int, default=20)
    list_cmd.set_defaults(func=cmd_list)


def _settings(args: argparse.Namespace) -> DeadLetterSettings:
    return load(DeadLetterSettings, None, Path(args.config) if getattr(args, "config", None) else None)


def run(settings: DeadLetterSettings, stop: threading.Event | None = None, max_idle_s: float | None = None,
        install_signals: bool = False) -> int:
    migrate(settings.store)
    runner = StageRunner(STAGE, settings.kafka, topics.DEAD_LETTER.name, DeadLetterKeeper(settings.store))
    if install_signals:
        runner.install_signal_handlers()
    if stop is not None:
        threading.Thread(target=lambda: (stop.wait(), runner.stop()), daemon=True).start()
    return runner.run(max_idle_s=max_idle_s).records


def cmd_keep(args: argparse.Namespace) -> int:
    settings = _settings(args)
    logs.configure(settings.log.level, settings.log.json, stage=STAGE)
    run(settings, install_signals=True)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from store.dead_letter_tables import count, recent

    settings = _settings(args)
    with sessions(make_engine(settings.store))() as session:
        total = count(session)
        rows = recent(session, args.limit, args.stage)
    print(f"存储中的死信共 {total} 条")
    for row in rows:
        print(f"{row.failed_at:%Y-%m-%d %H:%M:%S}  {row.stage:<12} {row.topic}/{row.partition}@{row.offset}  "
              f"{len(row.value)} 字节  {row.error[:160]}")
    return 0
