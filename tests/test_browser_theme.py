"""The default theme in a real browser: Debian's Chromium (``/usr/bin/chromium``, never a
downloaded browser) driven by Playwright, over the example blog served by a stdlib
``http.server`` on 127.0.0.1.

Checked: no request leaves the local server; ``prefers-color-scheme: dark`` changes the page
background; at 375 px no page scrolls sideways; the copy button puts the code on the
clipboard. The README's screenshots are taken each run; with ``BLOGTOOL_SCREENSHOTS=<dir>``
they are also saved there (``docs/screenshots`` holds the committed ones).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from blogtool.build.site import build
from support.browser import chromium, start_server, static_server

REPO = Path(__file__).resolve().parent.parent
POST = "/hadoop/2014/10/18/flume-sink-hang.html"
TAG = "/tags/flume/"
PAGES = ["/", "/page/2/", POST, TAG, "/tags/", "/categories/", "/archive/", "/404.html",
         "/jvm/performance/2015/06/18/jvm-full-gc.html"]
SHOTS = {"home.png": "/", "post.png": POST, "errors.png": "/errors/"}
PASTED = "/hadoop/2016/08/02/yarn-container-beyond-memory.html"   # the whole page


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    dest = tmp_path_factory.mktemp("browser") / "site"
    build(REPO, dest, site_time=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), jobs=1,
          use_cache=False)
    with static_server(dest) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_no_request_leaves_the_local_server(server: str, browser) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for path in PAGES:
        page.goto(server + path, wait_until="networkidle")
    context.close()
    assert requests, "no request recorded"
    assert [u for u in requests if not u.startswith(server + "/")] == []
    assert any(u.endswith("/assets/blogtool.css") for u in requests)


def _background(browser, server: str, scheme: str) -> str:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + POST)
    value = page.evaluate("getComputedStyle(document.body).backgroundColor")
    code = page.evaluate("getComputedStyle(document.querySelector('div.highlight'))"
                         ".backgroundColor")
    context.close()
    return value + "|" + code


def test_dark_scheme_changes_the_background(server: str, browser) -> None:
    light = _background(browser, server, "light")
    dark = _background(browser, server, "dark")
    assert light != dark
    assert light.split("|")[0] == "rgb(253, 253, 251)"
    assert dark.split("|")[0] == "rgb(22, 24, 28)"
    assert light.split("|")[1] != dark.split("|")[1]   # code blocks follow the scheme too


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_sideways_scroll_at_375px(server: str, browser, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    widths = {}
    for path in PAGES:
        page.goto(server + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert {p: w for p, w in widths.items() if w > 375} == {}


def test_copy_button_copies_the_code(server: str, browser) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + POST)
    block = page.locator("div.highlight").nth(2)          # the Java block of the seed post
    expected = block.locator("pre code").inner_text().rstrip("\n")
    block.hover()
    button = block.locator("button.copy-code")
    assert button.inner_text() == "复制"
    button.click()
    page.wait_for_function("document.querySelectorAll('button.copy-code')[2].textContent"
                           " === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied == expected
    assert "public synchronized void start()" in copied or "start()" in copied


def _shoot(page, target: Path, keep: str | None, full_page: bool = False) -> None:
    page.screenshot(path=str(target), full_page=full_page)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(keep) / target.name)


def test_screenshots(server: str, browser, tmp_path: Path) -> None:
    """The README's pictures: home, a post with logs, search results for a Chinese phrase,
    the error index, a Japanese post (the ``ja`` fixture blog), a post on a phone in dark
    mode, and the whole of the example post written the way it was pasted."""
    keep = os.environ.get("BLOGTOOL_SCREENSHOTS")
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  device_scale_factor=1)
    page = context.new_page()
    for name, path in SHOTS.items():
        page.goto(server + path, wait_until="networkidle")
        _shoot(page, tmp_path / name, keep)
    page.goto(server + PASTED, wait_until="networkidle")
    _shoot(page, tmp_path / "pasted-post.png", keep, full_page=True)
    page.goto(server + "/search/?q=" + "安全模式", wait_until="networkidle")
    page.wait_for_selector("ol.search-results li")
    assert "NameNode" in page.locator("ol.search-results li").first.inner_text()
    _shoot(page, tmp_path / "search.png", keep)

    ja_site = tmp_path / "ja-site"
    build(REPO / "tests/fixtures/langblogs/ja", ja_site,
          site_time=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), jobs=1, use_cache=False)
    httpd = start_server(ja_site)
    try:
        origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        page.goto(origin + "/java/2015/06/18/out-of-memory.html", wait_until="networkidle")
        assert page.get_attribute("html", "lang") == "ja"
        _shoot(page, tmp_path / "post-ja.png", keep)
    finally:
        httpd.shutdown()
        httpd.server_close()
    context.close()

    mobile = browser.new_context(viewport={"width": 390, "height": 800},
                                 color_scheme="dark", device_scale_factor=2)
    mobile.add_init_script("localStorage.setItem('blogtool-wrap', '1')")   # lines wrapped
    mpage = mobile.new_page()
    mpage.goto(server + POST, wait_until="networkidle")
    mpage.evaluate("document.querySelector('.highlighter-rouge').scrollIntoView()")
    mpage.evaluate("window.scrollBy(0, -120)")
    _shoot(mpage, tmp_path / "post-mobile-dark.png", keep)
    mobile.close()
