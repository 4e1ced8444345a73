"""rjieba keeps jieba's behaviour (HMM off, user words included): same tokens, faster."""

from __future__ import annotations

import csv
from pathlib import Path

import jieba
import pytest

from classifier import tokens

SENTENCES = [
    "济宁市任城区公共资源交易中心被投诉围标串标，宜春市市场监督管理局回应",
    "今天上午，某市一小区发生燃气爆炸，造成3人死亡5人受伤",
    "业主们花了一辈子积蓄买的房子，开发商一拖再拖不交房",
    "The weather is lovely today 天气不错 123",
    "😀🔥 [怒] 气死了！！",
]


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def test_same_tokens_on_sample_sentences(reference: jieba.Tokenizer) -> None:
    for s in SENTENCES:
        assert tokens.cut(s) == reference.lcut(s, HMM=False)


def test_same_tokens_with_user_words(reference: jieba.Tokenizer, tmp_path: Path) -> None:
    words = ["公共资源交易中心", "串标", "任城区人民政府"]
    user_dict = tmp_path / "user.txt"
    user_dict.write_text("\n".join(f"{w} 100000 nt" for w in words) + "\n", encoding="utf-8")
    tokens.load_user_dict(user_dict)
    for w in words:
        reference.add_word(w, 100000)
    for s in [*SENTENCES, "任城区人民政府召开会议"]:
        assert tokens.cut(s) == reference.lcut(s, HMM=False)
    assert "公共资源交易中心" in tokens.cut(SENTENCES[0])


def test_same_tokens_on_public_posts(reference: jieba.Tokenizer, shared_dir: Path) -> None:
    path = shared_dir / "data/sentiment/smp2020/usual_eval_labeled.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        posts = [row["text"] for row in csv.DictReader(fh)][:1500]
    same = sum(tokens.cut(p) == reference.lcut(p, HMM=False) for p in posts)
    assert same / len(posts) >= 0.99, f"only {same}/{len(posts)} posts tokenised alike"
