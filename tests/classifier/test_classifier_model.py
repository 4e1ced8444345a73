"""The linear model: our TF-IDF transform equals scikit-learn's, files round trip, heads merge."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier.model import ANALYZERS, LinearModel, ModelError, _count_pairs
from classifier.text import HEADLINE_CHARS, HEADLINE_MARK, char_and_headline_ngrams, clean, headline, prepare
from classifier.train import fit_vocabulary, load_config, train

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


@pytest.fixture(scope="module")
def headline_model(tiny_data: Path) -> LinearModel:
    """The tiny model with char 1-3-grams and the headline's own 2- and 3-grams (analyzer char13+head23)."""
    text = (tiny_data / "tiny.yaml").read_text(encoding="utf-8")
    config = tiny_data / "tiny_headline.yaml"
    config.write_text(text.replace("features: {", "features: {analyzer: char13+head23, "), encoding="utf-8")
    model, _, _ = train(load_config(config), tiny_data)
    return model


def test_headline_features_match_sklearn_and_one_item_equals_the_batch(headline_model: LinearModel) -> None:
    model = headline_model
    assert model.analyzer == "char13+head23" and any(t.startswith(HEADLINE_MARK) for t in model.vocabulary)
    docs = [*DOCS, "南山区新建公园今天开放。北湖区停水", "东城区" + HEADLINE_MARK + "小区停水", "停水" * 40]
    vocab = {t: i for i, t in enumerate(model.vocabulary)}
    sk = TfidfVectorizer(analyzer=ANALYZERS[model.analyzer], sublinear_tf=True, vocabulary=vocab)
    sk.idf_ = model.idf
    assert np.allclose(model.transform(docs).toarray(), sk.transform(docs).toarray(), atol=1e-6)
    batch = model.predict(docs)["negativity"]
    assert np.allclose(np.array([model.predict([d])["negativity"][0] for d in docs]), batch, atol=1e-5)


def test_the_headline_is_the_text_before_the_first_full_stop_within_its_length() -> None:
    assert headline("标题在这里。正文") == "标题在这里"
    assert headline("没有句号的很长的正文" * 10) == ("没有句号的很长的正文" * 10)[:HEADLINE_CHARS]
    grams = char_and_headline_ngrams("公园开放。停水")
    assert HEADLINE_MARK + "公园" in grams and HEADLINE_MARK + "停水" not in grams and "停水" in grams


@pytest.mark.parametrize("max_features", [None, 10_000, 60])
def test_the_vocabulary_is_scikit_learn_s_but_for_the_ties_at_the_cut(max_features: int | None) -> None:
    docs = [prepare("", t) for t in ("东城区小区停水三天了", "南山区新建公园今天开放", "北湖区北湖区北湖区停水",
                                     "停水通知：东城区明日停水", "公园开放时间调整", "小区停电两天没人管")]
    terms, idf = fit_vocabulary(docs, ANALYZERS["char13"], 1, max_features)
    sk = TfidfVectorizer(analyzer=ANALYZERS["char13"], min_df=1, max_features=max_features, sublinear_tf=True)
    sk.fit(docs)
    theirs = sorted(sk.vocabulary_, key=sk.vocabulary_.__getitem__)
    frequency = dict(zip(*np.unique([g for d in docs for g in ANALYZERS["char13"](d)], return_counts=True),
                         strict=True))
    if max_features is None or max_features >= len(frequency):
        assert terms == theirs and np.allclose(idf, sk.idf_)
    else:
        # the same number of terms, all as frequent as any scikit-learn kept; of those tied at the cut, the
        # alphabetically first (scikit-learn keeps an arbitrary few: its order of ties is the CPU's sort's)
        assert len(terms) == len(theirs) == max_features
        assert terms == sorted(terms)
        cut = min(frequency[t] for t in theirs)
        assert all(frequency[t] >= cut for t in terms)
        tied = sorted(t for t in frequency if frequency[t] == cut)
        assert [t for t in terms if frequency[t] == cut] == tied[:sum(frequency[t] == cut for t in terms)]


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


def test_one_item_is_scored_by_the_gather_of_its_transform(tiny_trained: tuple[LinearModel, dict]) -> None:
    # predict() of one document skips the CSR matrix: the same numbers as scores(transform()).
    model, _ = tiny_trained
    for doc in ["市民反映小区停水三天", "", "\x00", "abc abc", "停水" * 400]:
        x = model.transform([doc])
        expected = {name: head.probabilities(model.scores(x)) for name, head in model.heads.items()}
        got = model.predict([doc])
        for name in expected:
            assert got[name].dtype == expected[name].dtype and np.array_equal(got[name], expected[name])


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


@pytest.mark.parametrize("joins", [False, True])
def test_a_head_kept_out_of_the_vocabulary_moves_no_other_head(
        tiny_data: Path, tiny_trained: tuple[LinearModel, dict], tmp_path: Path, joins: bool) -> None:
    """A head added with ``vocabulary: false`` learns on the vocabulary the other heads built: they come out as
    they were. With its rows in the vocabulary (the default), its words are new features."""
    rows = [f"鑫淼犇{n}号捷报,1" for n in range(8)] + [f"鬲彧爨{n}号噩耗,0" for n in range(8)]
    (tmp_path / "settled.csv").write_text("text,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    text = (tiny_data / "tiny.yaml").read_text(encoding="utf-8") + f"""
  settled:
    vocabulary: {str(joins).lower()}
    datasets:
      - {{name: news, format: csv, path: {tmp_path}/settled.csv}}
"""
    (tmp_path / "cfg.yaml").write_text(text, encoding="utf-8")
    model, _, _ = train(load_config(tmp_path / "cfg.yaml"), tiny_data)
    before, _ = tiny_trained
    assert "settled" in model.heads
    if joins:
        assert "鑫淼犇" in model.vocabulary and model.vocabulary != before.vocabulary
        return
    assert model.vocabulary == before.vocabulary
    for name in ("negativity", "topic"):
        head = before.heads[name]
        assert model.heads[name] == head
        assert np.array_equal(model.weights[:, head.start:head.stop], before.weights[:, head.start:head.stop])


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
