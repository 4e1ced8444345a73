"""The keyword scheme in the console: its hit in the case's reasons, and the read-only scheme page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import msgspec
from console_helpers import login
from console_seed import seed
from fastapi.testclient import TestClient

from classifier.service import ClassifierProcessor
from classifier.settings import ClassifierSettings
from console.app import create_app
from core.contracts import Engagement, RawItem, Source, item_id_for

SCHEME = """\
name: 灵山县人民政府
groups:
  本县: [灵山县, 灵山县人民政府]
  事件: [拆迁, 投诉, 拖欠]
  排除: [灵山大佛]
rules:
  - name: 本县负面
    match: 本县 AND 事件 AND NOT 排除
    near: sentence
"""


def test_the_keyword_hit_is_a_reason_of_the_case_and_the_scheme_is_shown(env, tmp_path: Path) -> None:
    scheme = tmp_path / "keywords.yaml"
    scheme.write_text(SCHEME, encoding="utf-8")
    processor = ClassifierProcessor(ClassifierSettings(profile="city-gov", models_dir=str(tmp_path / "models"),
                                                       keywords=str(scheme)))
    url = "https://tieba.baidu.com/p/8812345678"
    item = RawItem(id=item_id_for(url), source=Source(id="tieba-search", name="贴吧搜索", kind="forum"), url=url,
                   title="灵山县檀圩镇拆迁补偿款被拖欠两年",
                   text="我们是灵山县檀圩镇的拆迁户，补偿款被拖欠两年，多次到镇里投诉都没有结果。",
                   fetched_at=datetime.now(UTC), engagement=Engagement(replies=85), queries=("灵山县 拆迁",))
    [score] = processor.scorer.score([item])
    hit = "命中关键词: 灵山县 + 拆迁（规则“本县负面”）"
    assert hit in score.grade.reasons and hit in score.relevance_reasons
    # Without the scheme the same item is less relevant: the hit is what raised it.
    plain = ClassifierProcessor(ClassifierSettings(profile="city-gov", models_dir=str(tmp_path / "models")))
    [before] = plain.scorer.score([item])
    assert hit not in before.grade.reasons and score.relevance >= before.relevance
    [case_id] = seed(env.store, env.profile, [processor.scorer.scored_item(item, score, datetime.now(UTC))])

    settings = msgspec.structs.replace(env.settings, keywords=str(scheme))
    with TestClient(create_app(settings, env.router_settings, profile=env.profile)) as client:
        page = login(client, "desk").get(f"/cases/{case_id}")
        assert page.status_code == 200 and hit in page.text
    with TestClient(create_app(settings, env.router_settings, profile=env.profile)) as client:
        page = login(client, "ana").get("/keywords")
        assert page.status_code == 200
        assert "本县负面" in page.text and "灵山县 拆迁" in page.text and "同一句内" in page.text
        assert "共 6 个" in page.text
        scheme.write_text(SCHEME.replace("本县 AND 事件", "本线 AND 事件"), encoding="utf-8")
        broken = client.get("/keywords")
        assert broken.status_code == 200 and "未知的词组 &#39;本线&#39;" in broken.text
    with TestClient(create_app(settings, env.router_settings, profile=env.profile)) as client:
        assert login(client, "hous").get("/keywords").status_code == 403
