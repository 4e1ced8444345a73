"""Text clean-up and the character n-gram analyser shared by training and scoring.

The same function must run at training and at scoring time, or the vocabulary and the weights
stop meaning the same thing: both import :func:`prepare` and :func:`char_ngrams` from here.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Weibo emoticons such as [哈哈] or [怒]: in weibo_senti they *are* the label, so a model that
# sees them learns the emoticon instead of the words.
EMOTICON = re.compile(r"\[[^\]\[]{1,8}\]")
_TAG = re.compile(r"<(?:script|style)[^>]*>.*?</(?:script|style)>|<[^>]{1,400}>", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"https?://[^\s\u3000，。！？；]+")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# The same folding by a scan and replacements: str.translate looks every character up (17 µs a
# 300-character post); the few full-width characters of a post are found by one scan (4 µs).
_FULLWIDTH_RE = re.compile("[\uff01-\uff5e\u3000]")
_FOLD = {chr(k): chr(v) for k, v in _FULLWIDTH.items()}.__getitem__
# The full-width punctuation of most posts, folded by a test and a replacement each; a scan then finds
# any other full-width character left (1.6 µs less a post than collecting every match: the same text,
# as each character folds to one outside the full-width block, whatever the order).
_COMMON_FULLWIDTH = "，？！：（）；"
# A model sees at most this many characters: the opening of a post carries its stance and
# topic, and a 1 MB paste must not cost a second of CPU.
MAX_CHARS = 600


def clean(text: str) -> str:
    """Readable text: HTML tags and entities, links and runs of whitespace removed, NFKC folded."""
    if not text:
        return ""
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "http" in text:
        text = _URL.sub(" ", text)
    # NFKC folds full-width letters, digits and punctuation onto their ASCII forms. Most posts need
    # only that part: fold it by replacing each kind of full-width character present (a post has a
    # few kinds, used many times: ，？！) and run full NFKC when anything else is left. The result is
    # NFKC(text) either way: the table maps characters to their NFKC images.
    for ch in _COMMON_FULLWIDTH:
        if ch in text:
            text = text.replace(ch, _FOLD(ch))
    if _FULLWIDTH_RE.search(text) is not None:
        for ch in set(_FULLWIDTH_RE.findall(text)):
            text = text.replace(ch, _FOLD(ch))
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    # Runs of whitespace as one space, none at the ends: str.split() splits on exactly the characters
    # re's \s matches (str.isspace), several times faster than a substitution.
    return " ".join(text.split())


def prepare(title: str, text: str, max_chars: int = MAX_CHARS, strip_emoticons: bool = False) -> str:
    """The string a model reads: the cleaned title, then the cleaned body, cut at ``max_chars``.

    Emoticons stay by default (in a post, [怒] is evidence); training strips them from sets whose
    labels were derived from emoticons.
    """
    return for_model(clean(title[: max_chars * 4]), clean(text[: max_chars * 4]), max_chars, strip_emoticons)


def for_model(head: str, body: str, max_chars: int = MAX_CHARS, strip_emoticons: bool = False) -> str:
    """:func:`prepare` from an already cleaned title and body (the scorer cleans once for all uses)."""
    joined = f"{head}。{body}" if head and body and not body.startswith(head) else body or head
    if strip_emoticons:
        joined = EMOTICON.sub("", joined).strip()
    return joined[:max_chars].lower()


def char_ngrams(doc: str) -> list[str]:
    """Character 1-, 2- and 3-grams, spaces included (they mark word edges in Latin text)."""
    n = len(doc)
    grams = list(doc)
    grams.extend([doc[i : i + 2] for i in range(n - 1)])
    grams.extend([doc[i : i + 3] for i in range(n - 2)])
    return grams


# The headline: what :func:`for_model` put before its first 。 (the title, or a body's first sentence), at most
# this many characters. A headline tells the frame the body's words are in (…让山区学生看清黑板, 拖欠三年的工资
#终于到手: good news told in problem words), so its 2- and 3-grams are features of their own, marked.
HEADLINE_CHARS = 40
HEADLINE_MARK = "\x01"


def headline(doc: str) -> str:
    """The part of a prepared document that is its headline (see HEADLINE_CHARS)."""
    end = doc.find("。", 0, HEADLINE_CHARS)
    return doc[:end] if end >= 0 else doc[:HEADLINE_CHARS]


def char_and_headline_ngrams(doc: str) -> list[str]:
    """:func:`char_ngrams` of the document, then the headline's 2- and 3-grams marked with HEADLINE_MARK (a
    control character, removed from the text before)."""
    doc = doc.replace(HEADLINE_MARK, "")
    head = headline(doc)
    n = len(head)
    grams = char_ngrams(doc)
    grams.extend([HEADLINE_MARK + head[i : i + 2] for i in range(n - 1)])
    grams.extend([HEADLINE_MARK + head[i : i + 3] for i in range(n - 2)])
    return grams
