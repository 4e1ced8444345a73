"""``clean`` folds full-width characters as NFKC does, whatever way it takes to get there."""

from __future__ import annotations

import re
import unicodedata

from classifier.text import clean


def test_clean_is_nfkc_of_the_readable_text() -> None:
    samples = ["网传钦南区两人坠楼身亡，待核实！！", "ＡＢＣ１２３，（全角）　空格？", "普通文本没有全角",
               "ｈｔｔｐ不是链接。１２３４５", "混合：①②③ ㎡ ｶﾀｶﾅ", "",
               # every kind of whitespace \s knows, in runs and at the ends
               "\t 开头\u00a0\u2003\u3000全角空格\r\n\x1c\x1f\u2028\u202f\u205f结尾\u0085 \x0b\x0c"]
    for text in samples:
        assert clean(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip(), text
