"""Reading a text file an operator wrote (settings, profile, sources, labels), with clear refusals.

A binary file, a UTF-16 file saved by a Windows editor, bytes that are not UTF-8 or a file far too
large get a message naming the file and the place and saying how to fix it, never a traceback.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from core.errors import ConfigError

MAX_CONFIG_BYTES = 20 * 1024 * 1024


class TextFileError(ConfigError):
    """The file cannot be read as UTF-8 text; the message names the file, the place and the fix."""


def read_text(path: Path, max_bytes: int = MAX_CONFIG_BYTES) -> str:
    """The file's text (a UTF-8 BOM dropped); :class:`TextFileError` when it is not UTF-8 text.

    FileNotFoundError is left to the caller, which knows what the file was for.
    """
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TextFileError(f"{path}: 文件过大 (more than {max_bytes // (1024 * 1024)} MB) — 不是这类配置文件")
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise TextFileError(f"{path}: 文件是 {name} 编码 (the file is {name}) — 请另存为 UTF-8 (save it as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        if data[1:512:2].count(0) > len(data[:512]) // 4:
            raise TextFileError(f"{path}: 文件是 UTF-16 编码 (UTF-16 without a BOM) — "
                                "请另存为 UTF-8 (save it as UTF-8)")
        raise TextFileError(f"{path}: 第 {line} 行含 NUL 字节 (byte {nul}): 这是二进制文件，不是文本配置 "
                            "(a binary file, not a text file)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TextFileError(f"{path}: 第 {line} 行第 {column} 列 (byte {exc.start}) 不是 UTF-8 "
                            f"(0x{data[exc.start]:02x} is not UTF-8) — 请另存为 UTF-8 (save it as UTF-8)") from exc
    return text.removeprefix("\ufeff")


def surrogate_at(value: str) -> int | None:
    """The index of a lone surrogate (from a JSON ``\\ud800`` escape), which no store can keep."""
    for index, char in enumerate(value):
        if "\ud800" <= char <= "\udfff":
            return index
    return None


def surrogate_in(doc: object, where: str = "$") -> str | None:
    """The path (``$.departments[2].name``) of the first string holding a lone surrogate, or None.

    YAML and TOML escapes (``"\\ud800"``) produce one; printed or stored, it raises far from here.
    """
    stack: list[tuple[object, str]] = [(doc, where)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if surrogate_at(value) is not None:
                return at
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and surrogate_at(key) is not None:
                    return at
                stack.append((item, f"{at}.{key}"))
        elif isinstance(value, list | tuple):
            stack.extend((item, f"{at}[{n}]") for n, item in enumerate(value))
    return None


def expands_beyond(doc: object, limit: int = 200_000) -> bool:
    """True when walking ``doc`` visits more than ``limit`` values: YAML aliases (a billion
    laughs) make a small file a huge tree, and every check that walks it would hang."""
    seen = 0
    stack: list[object] = [doc]
    while stack:
        value = stack.pop()
        seen += 1
        if seen > limit:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return False
