"""Policy profiles shipped with Yuqing, one folder per seed office.

A profile folder holds ``profile.yaml`` (grades, departments, topics, route tree, clocks,
calendar: read by the router) and ``grading.yaml`` (the rules that estimate a grade: read by
the classifier). An office copies a folder and edits it; ``yuqing policy check`` validates it.
"""

from __future__ import annotations

from pathlib import Path

from core.errors import ConfigError

HERE = Path(__file__).parent

# The explicit registry of shipped profiles and the seed each comes from (../shared/RULES.md).
SHIPPED: dict[str, str] = {
    "jining-ggzy": "000 济宁市公共资源交易服务中心 负面舆情处置办法",
    "anshan-ggzy": "001 鞍山市公共资源交易管理局 舆情回应制度",
    "yichun-scjg": "002 宜春市市场监督管理局 舆情监测和应对处置管理办法",
    "huaning-gonglu": "003 篇五 公路管理局 网络舆情处置应急预案",
    "school": "003 篇一 学校 网络舆情处置应急预案",
    "city-gov": "004 市人民政府 政务舆情收集研判和回应流程",
}
DEFAULT = "city-gov"


class UnknownProfile(ConfigError, LookupError):
    """No shipped profile has this name and no folder here holds a profile.yaml: a settings
    error, so every service refuses to start with the message rather than a traceback."""


def profile_dir(name_or_path: str) -> Path:
    """The folder of a shipped profile by name, or of an office's own profile by path."""
    if name_or_path in SHIPPED:
        return HERE / name_or_path
    path = Path(name_or_path)
    try:
        if path.is_dir() and (path / "profile.yaml").exists():
            return path
    except (OSError, ValueError):  # a name too long for a path, a NUL: no such folder
        pass
    raise UnknownProfile(
        f"未知的策略配置 {name_or_path[:200]!r}: use one of {', '.join(SHIPPED)} or a folder with profile.yaml")
