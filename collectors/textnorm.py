"""Chinese text as the classifier needs it: normalised, junk removed, and a simplified form.

The text is kept as written (traditional stays traditional); :func:`simplified` gives the form
the classifier reads. Junk removed here is what scraped pages carry beside the article: pinyin
glosses inside words (``網(wǎng)絡``), SEO spam keyword lines, breadcrumbs and paywall footers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A pinyin gloss right after a character: letters with at least one tone mark, in ASCII parentheses.
_PINYIN_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-zü{_TONES}]*[{_TONES}])[a-zü{_TONES}]{{1,8}}\)")
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Direction controls too (U+200E/F marks, U+202A–E embeddings and overrides, U+2066–9 isolates):
# "‮员理管" must not read as "管理员" in the console or a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a]+")
_EDGE_SPACES = re.compile(r" ?\n ?")
_BLANKS = re.compile(r"\n{3,}")
# Scraper artefacts: a comma doubled or standing before another mark (回復,,推動 / 呢,?).
_STRAY_COMMA = re.compile(r"[,，](?=[,，。、？！；：?!;])")
_CJK = re.compile(r"[\u3400-\u9fff]")

# Checked on the simplified form, so traditional pages match too.
_SPAM_WORDS = ("无码", "毛片", "成人", "av", "色情", "人妻", "自慰", "博彩", "彩票", "娱乐城", "赌场", "六合彩",
               "私服", "代开发票", "免费看", "在线观看", "黄色", "一级片", "偷拍", "裸聊")
_BREADCRUMB = re.compile(r"^(当前位置|您的位置|您现在的位置|你的位置|位置)\s*[:：]|(\s(>>|>|»|→)\s.*){2,}")
# A lone link in brackets: 【纠错】【打印】【关闭窗口】.
_BUTTON = re.compile(r"[【\[][^】\]]{1,6}[】\]]")
_META_LINE = re.compile(r"^(格式\s*[:：]\s*(doc|docx|pdf|txt)|小编\s*[:：]|上传日期\s*[:：])", re.IGNORECASE)
_PAYWALL = ("全文阅读已结束", "下载此文档", "付费复制", "付费获得该文章", "微信扫码支付", "已付款请点这里",
            "开通会员阅读全文", "剩余内容需付费", "查看全文请付费", "本文需付费", "登录后阅读全文", "阅读全文需")
_NAV_WORDS = ("首页", "登录", "注册", "设为首页", "加入收藏", "网站地图", "联系我们", "返回顶部", "上一篇", "下一篇",
              "分享到", "扫一扫", "打印本页", "关闭窗口", "责任编辑", "版权所有", "免责声明")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The simplified-Chinese form (OpenCC t2s); the same string when it is already simplified."""
    if not text:
        return text
    return _converter().convert(text)


def normalise(text: str) -> str:
    """Entities decoded, full-width letters/digits/spaces half-width, controls and extra blanks removed.

    Full-width punctuation (，。！？) is kept: it is how Chinese is written.
    """
    if "&" in text:
        text = html.unescape(text)
    text = _CONTROL.sub("", text)
    text = _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Spaces around line breaks go, and three or more breaks become one blank line.
    text = _BLANKS.sub("\n\n", _EDGE_SPACES.sub("\n", text))
    return text.strip()


_SPAM_RE = re.compile("|".join(re.escape(w) for w in _SPAM_WORDS), re.IGNORECASE)
_NAV_RE = re.compile("|".join(re.escape(w) for w in _NAV_WORDS))
_PAYWALL_RE = re.compile("|".join(re.escape(w) for w in _PAYWALL))


def is_spam_line(line: str, simple: str | None = None) -> bool:
    simple = simple if simple is not None else simplified(line)
    hits = len(set(m.group().lower() for m in _SPAM_RE.finditer(simple)))
    if hits == 0:
        return False
    if hits >= 2:
        return True
    segments = [s for s in re.split(r"[_,，|｜/]", simple.lower()) if s.strip()]
    # A keyword list: many short segments and not one sentence mark.
    return hits >= 1 and len(segments) >= 5 and not re.search(r"[。！？]", simple)


def is_nav_line(simple: str) -> bool:
    if len(simple) > 40:
        return _BREADCRUMB.search(simple) is not None
    if _BREADCRUMB.search(simple) or _META_LINE.search(simple) or _BUTTON.fullmatch(simple):
        return True
    hits = len(_NAV_RE.findall(simple))
    return hits >= 2 or (hits == 1 and len(simple) <= 8)


def remove_junk(text: str) -> str:
    """Drop glosses, spam lines, navigation lines and a paywall footer; keep the article."""
    text = _PINYIN_GLOSS.sub("", text)
    text = _STRAY_COMMA.sub("", text)
    lines = text.split("\n")
    whole = simplified(text)
    simple_lines = whole.split("\n")
    if len(simple_lines) != len(lines):  # pragma: no cover - t2s keeps line breaks
        simple_lines = [simplified(line) for line in lines]
    # Whole-text checks first: most texts have no spam word and no paywall at all.
    spam = _SPAM_RE.search(whole) is not None
    paywall = _PAYWALL_RE.search(whole) is not None
    kept: list[str] = []
    for index, (line, simple) in enumerate(zip(lines, simple_lines, strict=True)):
        if paywall and index >= len(lines) // 2 and _PAYWALL_RE.search(simple):
            break  # the footer runs to the end of the page
        if (spam and is_spam_line(line, simple)) or is_nav_line(simple):
            continue
        kept.append(line)
    return normalise("\n".join(kept))


def clean(text: str) -> str:
    return remove_junk(normalise(text))


def has_chinese(text: str, minimum: int = 1) -> bool:
    return len(_CJK.findall(text[:2000])) >= minimum
