"""Making a store file read-only the way an operator's disk would, also when the tests run as root
(root ignores permission bits, so the file is made immutable instead)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def set_readonly(path: Path) -> None:
    if os.geteuid() == 0:
        if not _chattr("+i", path):
            pytest.skip("running as root on a file system without chattr +i: cannot make the store read-only")
    else:
        path.chmod(0o444)


def set_writable(path: Path) -> None:
    if os.geteuid() == 0:
        _chattr("-i", path)
    else:
        path.chmod(0o644)


@contextmanager
def readonly(path: Path) -> Iterator[None]:
    set_readonly(path)
    try:
        yield
    finally:
        set_writable(path)
