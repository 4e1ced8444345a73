"""``clean`` folds full-width characters as NFKC does, whatever way it takes to get there."""

from __future__ import annotations

import re
import unicodedata

from classifier.text import clean


def test_clean_is_nfkc_of_the_readable_text() -> None:
    samples = ["网传钦南区两人坠楼身亡，待核实！！", "ＡＢＣ１２３，（全角）　空格？", "普通文本没有全角",
               "ｈｔｔｐ不是链接。１２３４５", "混合：①②③ ㎡ ｶﾀｶﾅ", ""]
    for text in samples:
        assert clean(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip(), text
