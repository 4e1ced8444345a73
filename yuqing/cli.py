"""The ``yuqing`` command. Each package registers its own sub-commands in :data:`COMMAND_MODULES`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from core.errors import BrokerUnavailable, ConfigError

# The explicit registry of command modules; each has ``register(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = (
    "yuqing.commands",
    "collectors.cli",
    "classifier.cli",
    "router.cli",
    "incidents.cli",
    "console.cli",
    "yuqing.deadletters",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yuqing", description="Yuqing 舆情监测: 采集 → 研判 → 转办")
    parser.add_argument("--config", help="settings file (TOML); default: $YUQING_CONFIG or built-in defaults")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import NoSuchTableError, OperationalError, ProgrammingError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.func(args)
    except ConfigError as exc:
        print(f"配置错误: {exc}", file=sys.stderr)
        return 2
    except (NoSuchTableError, OperationalError, ProgrammingError) as exc:
        # A store that cannot be reached or was never migrated: the operator's next step, not a traceback.
        print(f"yuqing {args.command}: 存储不可用 ({store_problem(exc)})", file=sys.stderr)
        return 2
    except BrokerUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return int(result or 0)


def store_problem(exc: Exception) -> str:
    """What went wrong with the store, in one line, and what to do about a table that is missing."""
    first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    missing = "no such table" in first or "does not exist" in first or type(exc).__name__ == "NoSuchTableError"
    return f"{first}；新库或旧库请先运行 yuqing migrate" if missing else first


if __name__ == "__main__":
    sys.exit(main())
