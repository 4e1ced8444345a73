"""Every recorded encoding fixture decodes to readable Chinese; lying and missing declarations too."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors import encoding


def _files(fixtures: Path) -> list[Path]:
    dirs = ("chardet_big5_rss", "chardet_gb2312_rss")
    return sorted(p for d in dirs for p in (fixtures / d).iterdir() if p.is_file())


def test_every_chardet_fixture_reads_as_chinese(fixtures: Path) -> None:
    files = _files(fixtures)
    assert len(files) >= 40
    for path in files:
        decoded = encoding.decode(path.read_bytes())
        expected = "big5hkscs" if "big5" in path.parent.name else "gb18030"
        assert decoded.encoding == expected, f"{path.name}: read as {decoded.encoding}"
        assert encoding.commonness(decoded.text, sample=None) > 0.9, f"{path.name}: not readable Chinese"
        assert "\ufffd" not in decoded.text[:2000], f"{path.name}: replacement characters"


def test_feedparser_encoding_fixtures_follow_the_http_header(fixtures: Path) -> None:
    folder = fixtures / "feedparser_encoding"
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        header = None
        for line in data.decode("latin-1").splitlines():
            if line.startswith("Header:"):
                header = line.split(":", 2)[2].strip()
        label = encoding.declared(data, header)
        assert label in ("gb18030", "big5hkscs"), f"{path.name}: declared {label}"


def test_utf8_page_with_a_lying_gb2312_meta() -> None:
    html = '<html><head><meta charset="gb2312"></head><body>市民反映供暖问题，政府回应。</body></html>'
    decoded = encoding.decode(html.encode("utf-8"), "text/html; charset=gb2312")
    assert decoded.encoding == "utf-8"
    assert "市民反映供暖问题" in decoded.text


@pytest.mark.parametrize("codec", ["gb2312", "gbk", "gb18030", "big5"])
def test_undeclared_chinese_is_detected(codec: str) -> None:
    traditional = "關於加強網路輿情監測工作的通知。各部門要高度重視，及時回應群眾關切的問題，確保資訊公開透明。"
    simple = "关于加强网络舆情监测工作的通知。各部门要高度重视，及时回应群众关切的问题，确保信息公开透明。"
    text = traditional if codec == "big5" else simple
    decoded = encoding.decode(f"<html><body><p>{text}</p></body></html>".encode(codec))
    assert text in decoded.text
    assert decoded.how == "detected"


def test_big5_mislabelled_as_gb2312_is_corrected() -> None:
    text = "臺灣地區民眾對於政府處理網路輿情的方式表達關切，相關單位已經著手調查並將公佈結果。"
    data = f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>{text}</p>'.encode("big5")
    assert text in encoding.decode(data).text
