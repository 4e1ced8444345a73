"""The keyword scheme in scoring: the relevance it adds, the reasons it names, and an edited scheme
taken up by a running classifier between batches (a broken edit leaves the scheme in use)."""

from __future__ import annotations

import os
from pathlib import Path

from classifier.keywords import WEIGHT, KeywordScorer
from classifier.service import ClassifierProcessor
from classifier.settings import ClassifierSettings
from core.contracts import Grade

SCHEME = """\
name: 灵山县人民政府
groups:
  本县: [灵山县]
  事件: [拆迁, 投诉]
rules:
  - name: 本县负面
    match: 本县 AND 事件
"""


def test_a_hit_raises_relevance_and_is_a_reason_of_the_grade(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(SCHEME, encoding="utf-8")
    scorer = KeywordScorer.load(str(path))
    rel, reasons, hits = scorer.apply("灵山县拆迁户讨说法", "", 0.2, ["未提及本辖区"])
    assert hits == ("命中关键词: 灵山县 + 拆迁（规则“本县负面”）",)
    assert rel == round(1 - 0.8 * (1 - WEIGHT), 4) and reasons == ["未提及本辖区", *hits]
    grade = KeywordScorer.graded(Grade("一般", 2, ("负面 0.90",)), hits)
    assert grade.reasons == ("负面 0.90", *hits) and KeywordScorer.graded(grade, hits) == grade
    assert scorer.apply("某市天气晴", "", 0.2, []) == (0.2, [], ())
    assert KeywordScorer.load("").apply("灵山县拆迁", "", 0.2, []) == (0.2, [], ())


def test_an_edited_scheme_is_used_from_the_next_batch(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(SCHEME, encoding="utf-8")
    processor = ClassifierProcessor(ClassifierSettings(profile="city-gov", models_dir=str(tmp_path / "models"),
                                                       keywords=str(path)))
    scorer = processor.keywords
    assert scorer.apply("灵山县曝光", "", 0.5, [])[2] == ()
    path.write_text(SCHEME.replace("[拆迁, 投诉]", "[拆迁, 投诉, 曝光]"), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    processor.maybe_reload(force=True)
    assert scorer.apply("灵山县曝光", "", 0.5, [])[2] == ("命中关键词: 灵山县 + 曝光（规则“本县负面”）",)
    path.write_text(SCHEME.replace("本县 AND 事件", "本线 AND 事件"), encoding="utf-8")
    os.utime(path, ns=(2, 2))
    assert scorer.refresh() is False  # broken: logged, the scheme in use stays
    assert scorer.apply("灵山县曝光", "", 0.5, [])[2] != ()
