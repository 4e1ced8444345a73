"""The office's keyword scheme (关键词方案): named word groups combined by rules with AND/OR/NOT.

A scheme is a YAML file the office edits (``keywords.example.yaml``)::

    name: 灵山县人民政府
    groups:
      本县: [灵山县, 灵山县人民政府]           # subject words: names, places, leaders' titles
      事件: [投诉, 曝光, 事故, 拖欠, 拆迁]      # event words
      排除: [灵山大佛]                          # exclusions
    rules:
      - name: 本县负面
        match: 本县 AND 事件 AND NOT 排除     # AND / OR / NOT, parentheses, group names, "literal words"
        near: sentence                        # any (default) | sentence | a number of characters
        search: true                          # expand into platform search queries (default true)

Three stages read it: the collectors expand the rules into search queries (:meth:`Scheme.queries`),
the classifier matches items against it for relevance and the reasons (:meth:`Scheme.match`), the
console shows it. Loading is strict: every problem is reported with the file, the YAML line and,
inside an expression, the column.

Semantics: NOT binds tighter than AND, AND tighter than OR. ``near`` constrains the words a rule
needs: all in one sentence, or all within N characters after the first of them ends; a NOT always
looks at the whole item, since an exclusion word anywhere means the item is about something else.
Matching ignores Latin case; callers pass simplified text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from core.errors import ConfigError

# Expansion beyond this many queries is refused: a rule that large is a mistake, not a scheme.
MAX_QUERIES = 10_000
MAX_WORDS = 5_000
MIN_WORD_CHARS = 2
MAX_WORD_CHARS = 40
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_TOKEN = re.compile(r"\s*(?:(\()|(\))|\"([^\"]*)\"|“([^”]*)”|([^\s()\"“”]+))")
_OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT"}
_NAME = re.compile(r"[^\s()\"“”]{1,40}")
_TOP_KEYS = {"name", "groups", "rules"}
_RULE_KEYS = {"name", "match", "near", "search"}


# -- expressions ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Words:
    """A group (``name`` set) or one quoted literal word (``name`` None)."""

    words: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Not:
    child: Expr


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Expr, ...]


Expr = Words | Not | And | Or


class ExprError(ValueError):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


def parse_expr(source: str, groups: dict[str, tuple[str, ...]]) -> Expr:
    """Parse ``source``; raise :class:`ExprError` with the 1-based column of the problem."""
    tokens: list[tuple[str, str, int]] = []  # (type, value, column)
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        m = _TOKEN.match(source, pos)
        if m is None:
            raise ExprError(f"无法识别的字符 {source[pos]!r}（引号未闭合？）", pos + 1)
        column = m.start() + len(m.group(0)) - len(m.group(0).lstrip()) + 1
        if m.group(1):
            tokens.append(("(", "(", column))
        elif m.group(2):
            tokens.append((")", ")", column))
        elif m.group(3) is not None or m.group(4) is not None:
            word = m.group(3) if m.group(3) is not None else m.group(4)
            tokens.append(("word", word, column))
        else:
            bare = m.group(5)
            tokens.append(("op", bare, column) if bare.upper() in _OPERATORS and bare.isascii()
                          else ("name", bare, column))
        pos = m.end()
    if not tokens:
        raise ExprError("表达式为空 (empty expression)", 1)
    parser = _Parser(tokens, groups, len(source) + 1)
    expr = parser.or_expr()
    if parser.pos < len(tokens):
        _, value, column = tokens[parser.pos]
        raise ExprError(f"多余的 {value!r}（缺少 AND/OR？）", column)
    return expr


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int]], groups: dict[str, tuple[str, ...]], end: int) -> None:
        self.tokens = tokens
        self.groups = groups
        self.pos = 0
        self.end = end

    def _peek_op(self, op: str) -> bool:
        if self.pos < len(self.tokens):
            kind, value, _ = self.tokens[self.pos]
            return kind == "op" and value.upper() == op
        return False

    def or_expr(self) -> Expr:
        children = [self.and_expr()]
        while self._peek_op("OR"):
            self.pos += 1
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self) -> Expr:
        children = [self.not_expr()]
        while self._peek_op("AND"):
            self.pos += 1
            children.append(self.not_expr())
        return children[0] if len(children) == 1 else And(tuple(children))

    def not_expr(self) -> Expr:
        if self._peek_op("NOT"):
            self.pos += 1
            return Not(self.not_expr())
        return self.atom()

    def atom(self) -> Expr:
        if self.pos >= len(self.tokens):
            raise ExprError("表达式不完整：此处缺少词组名或带引号的词 (expression ends too early)", self.end)
        kind, value, column = self.tokens[self.pos]
        self.pos += 1
        if kind == "(":
            inner = self.or_expr()
            if self.pos >= len(self.tokens) or self.tokens[self.pos][0] != ")":
                raise ExprError("缺少右括号 ')' (unclosed parenthesis)", column)
            self.pos += 1
            return inner
        if kind == "word":
            problem = word_problem(value)
            if problem:
                raise ExprError(problem, column)
            return Words((value,))
        if kind == "name":
            if value not in self.groups:
                known = "、".join(self.groups) or "无"
                raise ExprError(f"未知的词组 {value!r}（已定义: {known}；单个词请加引号，如 \"{value}\"）", column)
            return Words(self.groups[value], value)
        raise ExprError(f"此处应为词组名、带引号的词或 '('，而不是 {value!r}", column)


def word_problem(word: str) -> str | None:
    if word != word.strip() or not word:
        return f"关键词 {word!r} 为空或首尾有空白"
    if any(ch.isspace() for ch in word):
        return f"关键词 {word!r} 含空白（一个词不能含空格；多个词请分开写）"
    if len(word) < MIN_WORD_CHARS:
        return f"关键词 {word!r} 太短（至少 {MIN_WORD_CHARS} 个字，单字会命中几乎所有内容）"
    if len(word) > MAX_WORD_CHARS:
        return f"关键词 {word[:20]!r}… 太长（至多 {MAX_WORD_CHARS} 个字）"
    return None


# -- matching -------------------------------------------------------------------------------
def _find(words: tuple[str, ...], text: str) -> str | None:
    for word in words:
        if word.lower() in text:
            return word
    return None


def _eval(expr: Expr, segment: str, whole: str) -> tuple[str, ...] | None:
    """The words that make ``expr`` true in ``segment`` (NOT looks at ``whole``), or None."""
    if isinstance(expr, Words):
        found = _find(expr.words, segment)
        return None if found is None else (found,)
    if isinstance(expr, Not):
        return None if _eval(expr.child, whole, whole) is not None else ()
    if isinstance(expr, And):
        out: list[str] = []
        for child in expr.children:
            got = _eval(child, segment, whole)
            if got is None:
                return None
            out.extend(w for w in got if w not in out)
        return tuple(out)
    for child in expr.children:
        got = _eval(child, segment, whole)
        if got is not None:
            return got
    return None


def _positive_words(expr: Expr) -> Iterator[str]:
    if isinstance(expr, Words):
        yield from expr.words
    elif isinstance(expr, (And, Or)):
        for child in expr.children:
            yield from _positive_words(child)


def _dnf(expr: Expr) -> list[tuple[Words, ...]]:
    """The rule as alternatives, each the groups that must all be present (NOT parts left out)."""
    if isinstance(expr, Words):
        return [(expr,)]
    if isinstance(expr, Not):
        return [()]
    if isinstance(expr, Or):
        return [alt for child in expr.children for alt in _dnf(child)]
    out: list[tuple[Words, ...]] = [()]
    for child in expr.children:
        out = [a + b for a in out for b in _dnf(child)]
        if len(out) > MAX_QUERIES:
            break
    return out


@dataclass(frozen=True, slots=True)
class Query:
    """One platform search: the words, space-separated in ``text``, and the rule it comes from."""

    words: tuple[str, ...]
    rule: str

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    words: tuple[str, ...]

    @property
    def reason(self) -> str:
        """``命中关键词: 灵山县 + 拆迁（规则“本县负面”）`` — how analysts read it in the case."""
        return f"命中关键词: {' + '.join(self.words)}（规则“{self.rule}”）"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    match: str
    expr: Expr
    # None: anywhere in the item; 0: within one sentence; N > 0: within N characters.
    near: int | None = None
    search: bool = True
    line: int = 0

    @property
    def near_text(self) -> str:
        return "全文" if self.near is None else "同一句内" if self.near == 0 else f"{self.near} 字以内"

    def hit(self, text: str) -> Hit | None:
        """``text``: title and body, already lower-cased where Latin."""
        words = None
        if self.near is None:
            words = _eval(self.expr, text, text)
        elif self.near == 0:
            for sentence in _SENTENCE_END.split(text):
                if sentence and (words := _eval(self.expr, sentence, text)) is not None:
                    break
        else:
            for segment in self._windows(text):
                if (words := _eval(self.expr, segment, text)) is not None:
                    break
        return None if words is None or not words else Hit(self.name, words)

    def _windows(self, text: str) -> Iterator[str]:
        terms = sorted({w.lower() for w in _positive_words(self.expr)}, key=len, reverse=True)
        if not terms:
            return
        pattern = re.compile("|".join(re.escape(t) for t in terms))
        # Each window starts at a word and ends ``near`` characters after it: the rule's other words
        # must lie wholly inside. The earliest word of a match starts one of the windows.
        for m in pattern.finditer(text):
            yield text[m.start(): m.end() + (self.near or 0)]

    def queries(self) -> list[Query]:
        out: list[Query] = []
        for alternative in _dnf(self.expr):
            if not alternative:
                continue
            for words in itertools.product(*(g.words for g in alternative)):
                unique = tuple(dict.fromkeys(words))
                out.append(Query(unique, self.name))
                if len(out) > MAX_QUERIES:
                    return out
        return out


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    groups: dict[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    path: str = ""

    def match(self, title: str, text: str) -> list[Hit]:
        """Every rule that holds for the item, in the scheme's order."""
        joined = f"{title}\n{text}".lower()
        return [hit for rule in self.rules if (hit := rule.hit(joined)) is not None]

    def queries(self, rules: Iterable[str] | None = None) -> list[Query]:
        """The search queries the rules expand to (rules with ``search: true``), each once."""
        wanted = set(rules) if rules is not None else None
        seen: set[frozenset[str]] = set()
        out: list[Query] = []
        for rule in self.rules:
            if not rule.search or (wanted is not None and rule.name not in wanted):
                continue
            for query in rule.queries():
                key = frozenset(query.words)
                if key not in seen:
                    seen.add(key)
                    out.append(query)
        return out

    def rule(self, name: str) -> Rule | None:
        return next((r for r in self.rules if r.name == name), None)


# -- loading --------------------------------------------------------------------------------
def _lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    """The 1-based YAML line of every key path, for messages that point at the place."""
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else None
            out[(*path, k)] = key.start_mark.line + 1
            _lines(value, (*path, k), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _lines(value, (*path, index), out)


def _place(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def load(path: str | Path) -> Scheme:
    """Read and validate a scheme file; raise :class:`ConfigError` listing every problem with its place."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: 关键词方案文件不存在 (keyword scheme not found)") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: 不是 UTF-8 文本: {exc}") from exc
    return parse_text(source, str(path))


def parse_text(source: str, where: str = "keywords") -> Scheme:
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: 不是合法的 YAML: {exc}") from exc
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _lines(node, (), lines)
    return parse(raw, where, lines)


def parse(raw: Any, where: str = "keywords", lines: dict[tuple[Any, ...], int] | None = None) -> Scheme:
    lines = lines or {}
    problems: list[str] = []

    def problem(path: tuple[Any, ...], message: str) -> None:
        line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), None)
        problems.append(f"{where}:{line}: {_place(path)}: {message}" if line else f"{where}: {_place(path)}: {message}")

    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 顶层必须是含 name、groups、rules 的映射 (top level must be a mapping)")
    for key in raw:
        if key not in _TOP_KEYS:
            problem((key,), f"未知的键 {key!r}（可用: {', '.join(sorted(_TOP_KEYS))}）")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problem(("name",), "name（方案名称，如单位名）必须是非空文本")
        name = ""
    groups: dict[str, tuple[str, ...]] = {}
    raw_groups = raw.get("groups")
    if not isinstance(raw_groups, dict) or not raw_groups:
        problem(("groups",), "groups 必须是非空映射：词组名 → 词的列表")
        raw_groups = {}
    total = 0
    for gname, words in raw_groups.items():
        gpath = ("groups", gname)
        if not isinstance(gname, str) or not _NAME.fullmatch(gname) or gname.upper() in _OPERATORS:
            problem(gpath, f"词组名 {gname!r} 无效（不含空格、括号、引号，不能是 AND/OR/NOT）")
            continue
        if not isinstance(words, list) or not words:
            problem(gpath, "词组必须是非空的词列表")
            continue
        clean: list[str] = []
        for index, word in enumerate(words):
            if not isinstance(word, str):
                problem((*gpath, index), f"关键词必须是文本，而不是 {word!r}")
                continue
            bad = word_problem(word)
            if bad:
                problem((*gpath, index), bad)
            elif word in clean:
                problem((*gpath, index), f"关键词 {word!r} 在本词组中重复")
            else:
                clean.append(word)
        total += len(clean)
        groups[gname] = tuple(clean)
    if total > MAX_WORDS:
        problem(("groups",), f"共 {total} 个关键词，超过上限 {MAX_WORDS}")
    rules: list[Rule] = []
    raw_rules = raw.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        problem(("rules",), "rules 必须是非空列表，每条含 name 和 match")
        raw_rules = []
    names: set[str] = set()
    used: set[str] = set()
    for index, entry in enumerate(raw_rules):
        rpath = ("rules", index)
        if not isinstance(entry, dict):
            problem(rpath, "每条规则必须是映射（name、match、near、search）")
            continue
        for key in entry:
            if key not in _RULE_KEYS:
                problem((*rpath, key), f"未知的键 {key!r}（可用: {', '.join(sorted(_RULE_KEYS))}）")
        rname = entry.get("name")
        if not isinstance(rname, str) or not rname.strip():
            problem((*rpath, "name"), "规则必须有非空的 name")
            continue
        if rname in names:
            problem((*rpath, "name"), f"规则名 {rname!r} 重复")
            continue
        names.add(rname)
        match = entry.get("match")
        if not isinstance(match, str):
            problem((*rpath, "match"), "match 必须是表达式文本，如 本县 AND 事件 AND NOT 排除")
            continue
        try:
            expr = parse_expr(match, groups)
        except ExprError as exc:
            problem((*rpath, "match"), f"第 {exc.column} 列: {exc}（表达式: {match}）")
            continue
        if not any(True for _ in _positive_words(expr)):
            problem((*rpath, "match"), "规则只有排除条件（NOT），不会命中任何内容")
            continue
        near_raw = entry.get("near", "any")
        near: int | None
        if near_raw in ("any", None):
            near = None
        elif near_raw == "sentence":
            near = 0
        elif isinstance(near_raw, int) and not isinstance(near_raw, bool) and 1 <= near_raw <= 1000:
            near = near_raw
        else:
            problem((*rpath, "near"), f"near 必须是 any、sentence 或 1..1000 的字数，而不是 {near_raw!r}")
            continue
        search = entry.get("search", True)
        if not isinstance(search, bool):
            problem((*rpath, "search"), f"search 必须是 true 或 false，而不是 {search!r}")
            continue
        rule = Rule(rname, match, expr, near, search, lines.get(rpath, 0))
        if search:
            count = len(rule.queries())
            if count > MAX_QUERIES:
                problem((*rpath, "match"), f"展开后超过 {MAX_QUERIES} 个搜索词；请拆分规则或设 search: false")
                continue
        used.update(_group_names(expr))
        rules.append(rule)
    for gname in groups:
        if gname not in used and not problems:
            problem(("groups", gname), f"词组 {gname!r} 未被任何规则使用（删去它或在规则中引用）")
    if problems:
        raise ConfigError(f"{where}: 关键词方案有 {len(problems)} 处错误:\n  " + "\n  ".join(problems))
    return Scheme(name=name, groups=groups, rules=tuple(rules), path=where)


def _group_names(expr: Expr) -> Iterator[str]:
    if isinstance(expr, Words):
        if expr.name is not None:
            yield expr.name
    elif isinstance(expr, Not):
        yield from _group_names(expr.child)
    else:
        for child in expr.children:
            yield from _group_names(child)
