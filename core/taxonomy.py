"""The base topic taxonomy the classifier predicts.

It is the category list of seed 004 (a city government's routing table) plus 公共资源交易 for
the bidding and procurement offices of seeds 000 and 001. A policy profile maps its own topics
onto these (``city-gov`` uses them as they are), so one model serves every profile.
"""

from __future__ import annotations

# 民生热点: each goes to the competent industry department (seed 004).
LIVELIHOOD: tuple[str, ...] = (
    "就业", "住房", "教育", "卫生计生", "质监", "食品药品安全", "价格", "扶贫", "移民搬迁", "公共基础设施建设",
)
OTHER = "其他"
CITY_GOV: tuple[str, ...] = (*LIVELIHOOD, "社情民意", "对外宣传", "社会稳定", "涉外", "应急管理", OTHER)
BASE_TOPICS: tuple[str, ...] = (*CITY_GOV[:-1], "公共资源交易", OTHER)
# Topics the grading rules treat as sensitive (民生, 社会稳定, 应急管理, 涉外).
SENSITIVE: frozenset[str] = frozenset((*LIVELIHOOD, "社会稳定", "应急管理", "涉外"))
