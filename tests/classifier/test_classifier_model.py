"""The linear model: our TF-IDF transform equals scikit-learn's, files round trip, heads merge."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier.model import (
    ANALYZERS,
    SCOPE_ALSO,
    SCOPE_MOVED,
    SCOPE_PREFIX,
    Head,
    LinearModel,
    ModelError,
    _count_pairs,
)
from classifier.text import clean, prepare

DOCS = ["东城区小区停水三天了太气人", "南山区新建公园今天开放", "", "完全没见过的字符串ＡＢＣ", "北湖区北湖区北湖区",
        prepare("东城区 小区", "停水 三天 了, the water is off   again\n\t东城区小区停水")]


def test_transform_matches_sklearn(tiny_trained: tuple[LinearModel, dict]) -> None:
    model, _ = tiny_trained
    ours = model.transform(DOCS).toarray()
    for block in (model._is_word == 0, model._is_word == 1):
        vocab = {t: i for i, t in enumerate(np.array(model.vocabulary)[block])}
        sk = TfidfVectorizer(analyzer=ANALYZERS[model.analyzer], sublinear_tf=True, vocabulary=vocab)
        sk.idf_ = model.idf[block]
        assert np.allclose(ours[:, block], sk.transform(DOCS).toarray(), atol=1e-6)
    assert not ours[2].any()  # an empty document is an all-zero row, not NaN


@pytest.mark.parametrize("n_docs", [3, 500, 20_000])  # 32-bit keys, and 64-bit ones past 2**31
def test_pairs_are_counted_as_scipy_counts_them(n_docs: int) -> None:
    rng = np.random.default_rng(n_docs)
    rows = rng.integers(0, n_docs, 5000)
    feats = rng.integers(0, 200_000, 5000)
    rows[:3], feats[:3] = n_docs - 1, 199_999  # the largest key, three times
    indices, counts, indptr = _count_pairs(rows, feats, n_docs, 200_000)
    scipy_way = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, feats)), shape=(n_docs, 200_000))
    scipy_way.sum_duplicates()
    assert np.array_equal(indices, scipy_way.indices) and np.array_equal(indptr, scipy_way.indptr)
    assert np.array_equal(counts, scipy_way.data) and counts.dtype == np.float32
    empty = _count_pairs(rows[:0], feats[:0], 2, 200_000)
    assert not len(empty[0]) and not len(empty[1]) and list(empty[2]) == [0, 0, 0]


def test_single_item_equals_batch(tiny_trained: tuple[LinearModel, dict]) -> None:
    model, _ = tiny_trained
    batch = model.predict(DOCS)
    for i, doc in enumerate(DOCS):
        one = model.predict([doc])
        for head in model.heads:
            assert np.allclose(one[head][0], batch[head][i], atol=1e-5)


def test_probabilities_are_calibrated_distributions(tiny_trained: tuple[LinearModel, dict]) -> None:
    model, card = tiny_trained
    probs = model.predict(DOCS)
    for head, p in probs.items():
        assert np.allclose(p.sum(axis=1), 1.0)
        assert ((p >= 0) & (p <= 1)).all(), head
    assert probs["negativity"][0, 1] > probs["negativity"][1, 1]
    assert card["heads"]["negativity"]["metrics"]["cv"]["C_searched"] == [1.0, 4.0]


def test_save_load_round_trip(tiny_trained: tuple[LinearModel, dict], tmp_path: Path) -> None:
    model, _ = tiny_trained
    model.save(tmp_path)
    loaded = LinearModel.load(tmp_path)
    for head in model.heads:
        assert np.allclose(model.predict(DOCS)[head], loaded.predict(DOCS)[head])
    assert loaded.user_words == ("北湖区",)


def test_load_refuses_other_format(tiny_trained: tuple[LinearModel, dict], tmp_path: Path) -> None:
    model, _ = tiny_trained
    model.save(tmp_path)
    meta = (tmp_path / "model.json").read_text(encoding="utf-8")
    (tmp_path / "model.json").write_text(meta.replace("yuqing-linear/1", "yuqing-linear/9"), encoding="utf-8")
    with pytest.raises(ModelError, match="format"):
        LinearModel.load(tmp_path)


def test_clean_strips_html_links_and_folds_width() -> None:
    assert clean("<p>你好&amp;<b>世界</b></p> http://t.cn/abc") == "你好& 世界"
    text = clean("<div><script>var x=1;</script><p>你好&nbsp;世界</p></div>")
    assert "script" not in text and "var" not in text and "你好" in text
    assert clean("ＡＢＣ１２３") == "ABC123"
    assert "http" not in clean("看这里 https://example.cn/a?b=1 结束")


def test_prepare_caps_length_and_keeps_emoticons_unless_asked() -> None:
    assert len(prepare("", "很" * 1_000_000)) == 600
    assert "[怒]" in prepare("", "气死了[怒]")
    assert "[怒]" not in prepare("", "气死了[怒]", strip_emoticons=True)


def test_head_without_enough_labels_is_skipped(tiny_data: Path, tmp_path: Path) -> None:
    from classifier.train import load_config, train

    (tmp_path / "rel.csv").write_text("text,label\n东城区停水,1\n东城区停电,1\n", encoding="utf-8")
    text = (tiny_data / "tiny.yaml").read_text(encoding="utf-8") + f"""
  relevance:
    datasets:
      - {{name: few, format: csv, path: {tmp_path}/rel.csv}}
"""
    (tmp_path / "cfg.yaml").write_text(text, encoding="utf-8")
    model, card, _ = train(load_config(tmp_path / "cfg.yaml"), tiny_data)
    assert "relevance" not in model.heads and "relevance" in card["skipped_heads"]


def test_clean_folds_exactly_like_nfkc() -> None:
    import unicodedata

    for raw in ["ＡＢＣ１２３！＠　ｄ", "①②㎡ ﬁ", "ｶﾞ", "Ａ\u0301", "全角，逗号　空格", "～￥＄", "普通文本。"]:
        assert clean(raw) == " ".join(unicodedata.normalize("NFKC", raw).split())


def test_card_reports_every_development_set_with_one_baseline(tiny_data: Path, tmp_path: Path) -> None:
    """``devset.more``: a second development set gets its own per-kind tables beside the first."""
    import json

    from classifier.train import load_config, train

    def write(name: str, rows: list[tuple[str, str, int]]) -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps({"id": f"{name}-{n}", "kind": kind, "split": split, "title": "",
                                            "text": text, "labels": {"adverse": bool(adverse)}},
                                           ensure_ascii=False) + "\n"
                                for n, (kind, text, adverse, split) in enumerate(rows)), encoding="utf-8")
        return path

    first = write("one.jsonl", [("complaint", "北湖区停水三天没人管，气死了", 1, "dev"),
                                ("positive_gov", "北湖区新公园开放，市民点赞", 0, "heldout")])
    second = write("two.jsonl", [("complaint", "东城区路灯坏了半年", 1, "dev"),
                                 ("neutral_notice", "东城区明日计划停电检修", 0, "dev")])
    text = (tiny_data / "tiny.yaml").read_text(encoding="utf-8") + (
        f"devset: {{path: {first}, more: [{second}], splits: [dev, heldout]}}\n")
    (tmp_path / "cfg.yaml").write_text(text, encoding="utf-8")
    _, card, _ = train(load_config(tmp_path / "cfg.yaml"), tiny_data)
    assert card["devset"]["path"] == str(first)
    assert set(card["devset"]["splits"]) == {"dev", "heldout"}
    other = card["more_devsets"][str(second)]
    assert set(other["splits"]) == {"dev"}
    assert set(other["splits"]["dev"]["model"]["kinds"]) == {"complaint", "neutral_notice"}
    assert other["splits"]["dev"]["baseline"]["n"] == 2 and other["baseline"] == card["devset"]["baseline"]


# Background scope (classifier.scope): documents with recalled and resolved clauses, and without.
SCOPE_DOCS = [
    "此前，村民长期依靠公共水井取水，夏季水量不足。今年3月，自来水通到了村里。",
    "此前多次反映，至今没有解决，雨天积水没过脚踝。",
    "去年暴雨冲毁的桥梁日前重建完工。改造前，菜市场污水横流。问题已得到解决，村民拍手称快。",
    "小区停水三天了，到现在也没人来修。", "", "曾经\x01去年\x00以前",
    "经过整治，问题已得到解决", "整改到位",
]


def _fitted(analyzer: str, docs: list[str]) -> tuple[LinearModel, TfidfVectorizer]:
    vectorizer = TfidfVectorizer(analyzer=ANALYZERS[analyzer], sublinear_tf=True, dtype=np.float32).fit(docs)
    vocabulary = [""] * len(vectorizer.vocabulary_)
    for term, j in vectorizer.vocabulary_.items():
        vocabulary[j] = term
    rng = np.random.default_rng(3)
    weights = rng.normal(size=(len(vocabulary), 1)).astype(np.float32)
    heads = {"negativity": Head("negativity", ("0", "1"), 0, 1, 1.5, -0.2)}
    model = LinearModel(vocabulary, vectorizer.idf_.astype(np.float32), weights, np.array([0.1], np.float32), heads,
                        analyzer=analyzer)
    return model, vectorizer


@pytest.mark.parametrize("analyzer", [SCOPE_ALSO, SCOPE_MOVED])
def test_scope_features_match_the_analyzer(analyzer: str) -> None:
    docs = [d.replace("\x00", "") for d in SCOPE_DOCS]
    model, vectorizer = _fitted(analyzer, docs + DOCS)
    assert any(t.startswith(SCOPE_PREFIX) for t in model.vocabulary)
    expected = vectorizer.transform(docs).toarray()
    assert np.allclose(model.transform(docs).toarray(), expected, atol=1e-6)
    one_by_one = np.vstack([model.transform([d]).toarray() for d in docs])
    assert np.allclose(one_by_one, expected, atol=1e-6)
    grams = ANALYZERS[analyzer](docs[0])
    # The recalled problem is scoped (and, moved, only scoped); the present after it is plain.
    assert SCOPE_PREFIX + "不足" in grams and SCOPE_PREFIX + "今年" not in grams and "今年" in grams
    assert ("不足" in grams) is (analyzer == SCOPE_ALSO)


def test_scope_model_files_round_trip(tmp_path: Path) -> None:
    model, _ = _fitted(SCOPE_ALSO, SCOPE_DOCS + DOCS)
    model.save(tmp_path)
    assert json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))["analyzer"] == SCOPE_ALSO
    loaded = LinearModel.load(tmp_path)
    assert np.allclose(loaded.predict(SCOPE_DOCS)["negativity"], model.predict(SCOPE_DOCS)["negativity"], atol=1e-3)


def test_old_format_models_load_and_score_as_before(tmp_path: Path) -> None:
    """A model written before scope marking (analyzer char13, or no analyzer at all) reads its vocabulary
    as plain n-grams, "\\x01" or not, and scores exactly as TF-IDF x weights + Platt always did."""
    docs = [*DOCS, *SCOPE_DOCS[:3], "a\x01b 此前 \x01此前"]
    model, vectorizer = _fitted("char13", docs)
    assert any(SCOPE_PREFIX in t for t in model.vocabulary)  # a plain n-gram holding the character
    model.save(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    del meta["analyzer"], meta["user_words"]  # as the first models wrote it
    (tmp_path / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    loaded = LinearModel.load(tmp_path)
    assert loaded.analyzer == "char13"
    x = vectorizer.transform([d.replace("\x00", "") for d in docs])
    logit = np.asarray(x @ loaded.weights[:, 0]) + loaded.bias[0]
    expected = 1 / (1 + np.exp(-(1.5 * logit - 0.2)))
    assert np.allclose(loaded.predict(docs)["negativity"][:, 1], expected, atol=1e-5)


def test_a_model_of_another_scope_scheme_is_refused(tmp_path: Path) -> None:
    model, _ = _fitted(SCOPE_ALSO, SCOPE_DOCS)
    model.save(tmp_path)
    meta = (tmp_path / "model.json").read_text(encoding="utf-8")
    (tmp_path / "model.json").write_text(meta.replace(SCOPE_ALSO, "char13+scope0"), encoding="utf-8")
    with pytest.raises(ModelError, match="analyzer"):
        LinearModel.load(tmp_path)
