"""The keyword scheme: strict parsing with the file, line and column of each problem; expansion into
queries; matching with AND/OR/NOT and the sentence / proximity option; `yuqing check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import keywords
from core.errors import ConfigError
from yuqing.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "collectors" / "keywords.example.yaml"
SCHEME = """\
name: 灵山县人民政府
groups:
  本县: [灵山县, 灵山县人民政府]
  领导: [县委书记, 县长]
  事件: [投诉, 曝光, 拆迁]
  排除: [灵山大佛]
rules:
  - name: 本县负面
    match: (本县 OR 领导) AND 事件 AND NOT 排除
    near: sentence
  - name: 港口
    match: '"钦州港" AND 事件'
    near: 10
    search: false
"""


def _scheme(text: str = SCHEME) -> keywords.Scheme:
    return keywords.parse_text(text, "k.yaml")


def test_the_example_scheme_is_valid() -> None:
    scheme = keywords.load(EXAMPLE)
    assert len(scheme.queries()) == 64 and scheme.rule("点名领导") is not None


def test_rules_expand_into_each_combination_once() -> None:
    scheme = _scheme()
    queries = [q.text for q in scheme.queries()]
    assert len(queries) == 4 * 3 and queries[0] == "灵山县 投诉" and queries[-1] == "县长 拆迁"
    assert all(q.rule == "本县负面" for q in scheme.queries())  # search: false is not searched
    assert [q.text for q in scheme.rule("港口").queries()] == ["钦州港 投诉", "钦州港 曝光", "钦州港 拆迁"]


@pytest.mark.parametrize(("title", "text", "hits"), [
    ("灵山县拆迁户投诉无门", "", [("本县负面", ("灵山县", "投诉"))]),
    ("县长接访", "有群众当面曝光了问题。", []),                         # not in one sentence
    ("县长接访，群众曝光问题", "", [("本县负面", ("县长", "曝光"))]),
    ("灵山县拆迁", "灵山大佛景区附近", []),                                # the exclusion anywhere
    ("钦州港一二三四五六七八九十事故", "有人曝光", []),                     # 10 characters apart is too far
    ("钦州港码头曝光", "", [("港口", ("钦州港", "曝光"))]),
    ("LINGSHAN 灵山县 投诉", "", [("本县负面", ("灵山县", "投诉"))]),
])
def test_matching(title: str, text: str, hits: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(h.rule, h.words) for h in _scheme().match(title, text)] == hits


def test_the_reason_reads_as_analysts_expect() -> None:
    [hit] = _scheme().match("灵山县拆迁户讨说法", "")
    assert hit.reason == "命中关键词: 灵山县 + 拆迁（规则“本县负面”）"


@pytest.mark.parametrize(("change", "message"), [
    (("(本县 OR 领导)", "(本线 OR 领导)"), "k.yaml:9: rules[0].match: 第 2 列: 未知的词组 '本线'"),
    (("AND NOT 排除", "AND NOT"), "k.yaml:9: rules[0].match: 第 26 列: 表达式不完整"),
    (("(本县 OR 领导)", "(本县 OR 领导"), "缺少右括号"),
    (("(本县 OR 领导) AND 事件", "(本县 OR 领导) 事件"), "第 12 列: 多余的 '事件'（缺少 AND/OR？）"),
    (("[投诉, 曝光, 拆迁]", "[投诉, 曝光, 拆]"), "k.yaml:5: groups.事件[2]: 关键词 '拆' 太短"),
    (("[投诉, 曝光, 拆迁]", "[投诉, 曝光, 投诉]"), "groups.事件[2]: 关键词 '投诉' 在本词组中重复"),
    (("    near: sentence", "    near: paragraph"), "k.yaml:10: rules[0].near: near 必须是 any、sentence"),
    (("    search: false", "    search: maybe"), "rules[1].search: search 必须是 true 或 false"),
    (("  - name: 港口", "  - name: 本县负面"), "rules[1].name: 规则名 '本县负面' 重复"),
    (("    near: 10\n", "    near: 10\n    weight: 2\n"), "rules[1].weight: 未知的键 'weight'"),
    (("name: 灵山县人民政府\n", "name: 灵山县人民政府\ncolour: red\n"), "k.yaml:2: colour: 未知的键 'colour'"),
    (("  排除: [灵山大佛]\n", "  排除: [灵山大佛]\n  备用: [灵山]\n"), "词组 '备用' 未被任何规则使用"),
    (("  领导: [县委书记, 县长]", "  AND: [县委书记, 县长]"), "词组名 'AND' 无效"),
])
def test_problems_name_the_file_the_line_and_the_column(change: tuple[str, str], message: str) -> None:
    assert change[0] in SCHEME
    with pytest.raises(ConfigError) as info:
        _scheme(SCHEME.replace(*change))
    assert message in str(info.value), str(info.value)


def test_only_exclusions_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="规则只有排除条件"):
        _scheme(SCHEME.replace("(本县 OR 领导) AND 事件 AND NOT 排除", "NOT 排除"))
    with pytest.raises(ConfigError, match="关键词方案文件不存在"):
        keywords.load(tmp_path / "none.yaml")
    with pytest.raises(ConfigError, match="顶层必须是"):
        _scheme("- a\n- b\n")


def test_yuqing_check_validates_the_scheme_a_table_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scheme = tmp_path / "keywords.yaml"
    scheme.write_text(SCHEME, encoding="utf-8")
    config = tmp_path / "yuqing.toml"
    config.write_text(f'[classifier]\nkeywords = "{scheme}"\n[console]\nkeywords = "{scheme}"\n', encoding="utf-8")
    assert main(["check", str(config)]) == 0
    out = capsys.readouterr().out
    assert f"✓ [classifier] keywords: {scheme}: 方案“灵山县人民政府”，4 个词组，2 条规则，展开为 12 个搜索词" in out
    scheme.write_text(SCHEME.replace("NOT 排除", "NOT 排外"), encoding="utf-8")
    assert main(["check", str(config)]) == 1
    err = capsys.readouterr().err
    assert f"[classifier] keywords: {scheme}: 关键词方案有 1 处错误" in err and f"{scheme}:9: rules[0].match" in err
    assert "未知的词组 '排外'" in err
    other = tmp_path / "other.yaml"
    other.write_text(SCHEME, encoding="utf-8")
    config.write_text(f'[classifier]\nkeywords = "{scheme}"\n[console]\nkeywords = "{other}"\n', encoding="utf-8")
    scheme.write_text(SCHEME, encoding="utf-8")
    assert main(["check", str(config)]) == 1
    assert "keywords: the tables name different schemes" in capsys.readouterr().err
    config.write_text(f'[classifier]\nkeywords = "{tmp_path / "gone.yaml"}"\n', encoding="utf-8")
    assert main(["check", str(config)]) == 1
    assert "does not exist" in capsys.readouterr().err
