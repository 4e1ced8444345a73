from __future__ import annotations

from pathlib import Path

from collectors import textnorm


def test_pinyin_glosses_spam_and_paywall_of_the_scraped_seed(shared_dir: Path) -> None:
    seed = next((shared_dir / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    cleaned = textnorm.clean(seed)
    assert "(wǎng)" not in cleaned and "(xiàn)" not in cleaned
    assert "網絡輿情處置工作應急預案" in cleaned
    assert "无码" not in cleaned and "毛片" not in cleaned
    assert "微信扫码支付" not in cleaned and "付費復制" not in cleaned and "已付款請點這里" not in cleaned
    assert "當前位置" not in cleaned
    # The regulation itself is all there, to its last article.
    assert "第三十一條" in cleaned or "第三十一条" in cleaned
    assert "本细则自2017年1月10日起实施" in textnorm.simplified(cleaned)


def test_own_samples() -> None:
    text = ("ＡＢＣ１２３\u3000市民反映，，道路積水嚴重呢，？\n"
            "欧美无码_免费毛片_在线观看_成人视频_AV网站\n首页 > 新闻 > 本地")
    cleaned = textnorm.clean(text)
    assert cleaned.startswith("ABC123 市民反映，道路積水嚴重呢？")
    assert "无码" not in cleaned and "本地" not in cleaned
    assert textnorm.simplified("網絡輿情 發展") == "网络舆情 发展"
    # Full-width punctuation stays: it is how Chinese is written.
    assert textnorm.normalise("你好，世界！") == "你好，世界！"


def test_a_short_article_keeps_its_lines() -> None:
    text = "某县自来水厂停水三天\n\n居民用水困难，县政府表示将于明日恢复供水。"
    assert textnorm.clean(text) == text
