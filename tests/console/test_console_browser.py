"""Browser tests driving Debian's Chromium through Playwright against a real uvicorn on 127.0.0.1.

Skipped, with the reason, when /usr/bin/chromium or Playwright is absent (``.ci/run`` installs
chromium). Screenshots of the main pages go to ``/tmp/yuqing-console-shots`` (not the repository).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
import uvicorn
from console_helpers import PASSWORD, Env
from console_seed import scored, seed

from console.app import create_app
from core.broker import free_port

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/yuqing-console-shots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Chromium is not installed (/usr/bin/chromium; apt-get install chromium)")


@pytest.fixture
def server(env: Env) -> Iterator[str]:
    # Secure cookies as in production: Chromium accepts them on http://127.0.0.1.
    settings = msgspec.structs.replace(env.settings, cookie_secure=True, refresh_seconds=1)
    app = create_app(settings, env.router_settings, profile=env.profile)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page_for(browser, server: str) -> Iterator:  # type: ignore[no-untyped-def]
    contexts = []

    def open_as(username: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(server + "/login")
        if not contexts[:-1]:
            shot(page, "00-login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    yield open_as
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _case_ids(page) -> set[int]:  # type: ignore[no-untyped-def]
    return {int(x) for x in page.eval_on_selector_all("tr[data-case]", "rows => rows.map(r => r.dataset.case)")}


def test_handler_sees_own_department_acknowledges_and_closes(env: Env, page_for) -> None:  # type: ignore[no-untyped-def]
    page = page_for("hous")
    assert _case_ids(page) == {env.cases["housing"], env.cases["county"]}
    assert "住建处置人" in page.inner_text("header")
    shot(page, "01-inbox-handler")
    # Another department's case by URL: refused in Chinese.
    page.goto(page.url.rstrip("/") + f"/cases/{env.cases['edu']}")
    assert "无权查看" in page.inner_text("main")
    page.goto(page.url.split("/cases/")[0] + f"/cases/{env.cases['housing']}")
    page.click("#act-ack")
    page.wait_for_selector("text=已签收")
    assert "案件" in page.inner_text(".flash.ok")
    page.click("#act-handle")
    page.wait_for_selector(".flash.ok >> text=已开始处置")
    page.fill("form[action$='/respond'] textarea[name=note]", "已在政务微博发布情况说明")
    page.click("#act-respond")
    page.wait_for_selector(".flash.ok >> text=已记录回应")
    for name, text in (("cause", "施工质量问题"), ("nature", "民生投诉"), ("impact", "本地论坛转载"),
                       ("responsibility", "开发商"), ("lessons", "加强竣工验收")):
        page.fill(f"#close-form textarea[name={name}]", text)
    shot(page, "02-case-close-form")
    page.click("#act-close")
    page.wait_for_selector(".flash.ok >> text=已办结")
    assert "办结" in page.inner_text(".casehead")
    shot(page, "03-case-closed")
    page.click("nav >> text=案例库")
    assert "经验教训：加强竣工验收" in page.inner_text("main")


def test_handler_transfers_a_case_away(env: Env, page_for) -> None:  # type: ignore[no-untyped-def]
    page = page_for("edu")
    assert _case_ids(page) == {env.cases["edu"]}
    page.click(f"tr[data-case='{env.cases['edu']}'] td.title a")
    page.select_option("form[action$='/transfer'] select[name=to]", "housing")
    page.fill("form[action$='/transfer'] input[name=reason]", "涉及学区房建设，属住建局职责")
    page.click("#act-transfer")
    page.wait_for_selector(".flash.ok >> text=已转办")
    assert _case_ids(page) == set()
    other = page_for("hous")
    assert env.cases["edu"] in _case_ids(other)


def test_analyst_labels_least_confident_first(env: Env, page_for) -> None:  # type: ignore[no-untyped-def]
    page = page_for("ana")
    assert page.url.endswith("/labels")
    first = page.query_selector(".labelitem")
    assert first is not None and first.get_attribute("data-item") == "c-jobs"
    shot(page, "04-labels")
    first.query_selector("select[name=negativity]").select_option("0")
    first.query_selector("select[name=topic]").select_option("就业")
    first.query_selector("button").click()
    page.wait_for_selector(".flash.ok >> text=已保存 4 项标注")
    assert page.query_selector(".labelitem[data-item='c-jobs']") is None
    page.click("nav >> text=标注库")
    assert "共 4 条" in page.inner_text("main")
    page.click("nav >> text=模型")
    assert "模型版本" in page.inner_text("main")
    shot(page, "05-models")


def test_scraped_script_renders_inert_and_inbox_updates_live(env: Env, page_for) -> None:  # type: ignore[no-untyped-def]
    page = page_for("desk")
    shot(page, "06-inbox-desk")
    page.goto(page.url.rstrip("/") + f"/cases/{env.cases['edu']}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned = 1</script>" in page.inner_text(".casehead h1")
    assert page.query_selector("a[href^='javascript:']") is None
    shot(page, "07-case-xss")
    page.goto(page.url.split("/cases/")[0] + "/")
    before = _case_ids(page)
    new_id = seed(env.store, env.profile, [scored("c-live", topic="价格", grade="重大", title="菜价上涨引发热议")])[0]
    page.wait_for_selector(f"tr.fresh[data-case='{new_id}']", timeout=30_000)
    assert _case_ids(page) == before | {new_id}
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_report_and_overview_pages(env: Env, page_for) -> None:  # type: ignore[no-untyped-def]
    page = page_for("boss")
    page.goto(page.url.rstrip("/") + f"/reports/new?kind=event&case={env.cases['county']}")
    page.fill("#f_cause", "地下管网老化")
    shot(page, "08-report-event")
    page.click("#report-save")
    page.wait_for_selector(".flash.ok >> text=报告已保存")
    with page.expect_download() as download:
        page.click("#report-docx")
    assert download.value.suggested_filename.endswith(".docx")
    page.click("nav >> text=总览")
    assert "响应时间与时限" in page.inner_text("main")
    shot(page, "09-overview")
    page.click("nav >> text=报告")
    assert "已保存的报告" in page.inner_text("main")
    shot(page, "10-reports")
