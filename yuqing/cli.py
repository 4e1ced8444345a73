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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.func(args)
    except ConfigError as exc:
        print(f"配置错误: {exc}", file=sys.stderr)
        return 2
    except BrokerUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
