"""End to end in a real browser: ``blogtool serve`` in a subprocess, Debian's Chromium driven
by Playwright. Saving a post updates the open page by itself; a build-stopping mistake shows
the overlay with ``file:line`` (as text, never as HTML); fixing it removes the overlay.

Chromium is the system one (``/usr/bin/chromium``), never a downloaded browser.
"""
from __future__ import annotations

import os
import re
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from serving import ServeProcess
from support.browser import CHROMIUM, chromium

POST = "_posts/2014-10-18-live-reload.md"
POST_URL = "/blog/2014/10/18/live-reload.html"

FRONT = "---\nlayout: default\ntitle: 实时预览\ndate: {date}\n---\n"
BODY_1 = "初始内容：Flume sink 卡住了。\n\n```java\nsink.process();\n```\n"
BODY_2 = "修改后的内容：找到了 log4j 死锁。\n"
BODY_3 = "修好了：日期改对以后页面回来了。\n"
BAD_DATE = "2014-13-45 <img src=x onerror=window.__pwned=1>"

LAYOUT = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{{ page.title }}</title>"
          "</head>\n<body><h1>{{ page.title }}</h1>\n<main>{{ content }}</main>\n</body></html>\n")


def make_site(root: Path, with_layouts: bool) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(
        "title: 排障笔记\nbaseurl: /blog\ntimezone: Asia/Shanghai\n"
        "permalink: /:year/:month/:day/:title.html\n", "utf-8")
    if with_layouts:
        (root / "_layouts").mkdir()
        (root / "_layouts" / "default.html").write_text(LAYOUT, "utf-8")
    write_post(root, "2014-10-18 10:00:00 +0800", BODY_1)
    return root


def write_post(root: Path, date: str, body: str) -> None:
    """Save the way editors do it atomically: a temp file renamed over the post."""
    target = root / POST
    tmp = target.parent / f".{target.name}.tmp.{os.getpid()}"
    tmp.write_text(FRONT.format(date=date) + body, "utf-8")
    os.replace(tmp, target)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        raise AssertionError(f"{CHROMIUM} is required (apt install chromium)")
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("with_layouts", [False, True], ids=["blogtool-theme", "liquid-layout"])
def test_page_follows_saves_errors_and_fixes(tmp_path: Path, browser, with_layouts: bool):
    source = make_site(tmp_path / "site", with_layouts)
    serve = ServeProcess(source)
    try:
        assert serve.address == f"{serve.origin}/blog/"
        page = browser.new_page()
        page.goto(serve.origin + POST_URL)
        expect(page.locator("body")).to_contain_text("初始内容：Flume sink 卡住了。")
        overlay = page.locator("#__blogtool_overlay")
        expect(overlay).to_have_count(0)

        # 1. edit the Markdown on disk: the open page shows it without any action
        write_post(source, "2014-10-18 10:00:00 +0800", BODY_2)
        expect(page.locator("body")).to_contain_text("修改后的内容：找到了 log4j 死锁。",
                                                     timeout=30_000)
        expect(page.locator("body")).not_to_contain_text("初始内容")

        # 2. a mistake Jekyll stops on: the overlay shows file:line, as text
        write_post(source, BAD_DATE, BODY_3)
        expect(overlay).to_be_visible(timeout=30_000)
        message = page.locator("#__blogtool_error")
        expect(message).to_contain_text(re.compile(
            re.escape(POST) + r":4: invalid date '2014-13-45 <img src=x onerror="))
        assert overlay.locator("img").count() == 0
        assert page.evaluate("window.__pwned") is None
        # the last good page is still served underneath, and to new visitors
        expect(page.locator("main, body").first).to_contain_text("修改后的内容")
        with urllib.request.urlopen(serve.origin + POST_URL, timeout=10) as resp:
            assert "修改后的内容".encode() in resp.read()

        # 3. fix it: the overlay goes and the page shows the fix
        write_post(source, "2014-10-18 10:00:00 +0800", BODY_3)
        expect(page.locator("body")).to_contain_text("修好了：日期改对以后页面回来了。",
                                                     timeout=30_000)
        expect(overlay).to_have_count(0)

        # the files in _site never carry the live-reload script
        built = (source / "_site" / POST_URL.removeprefix("/blog/")).read_text("utf-8")
        assert "修好了" in built and "blogtool-livereload" not in built
        assert serve.proc.poll() is None, serve.output()
        page.close()
    finally:
        serve.stop()
    out = serve.output()
    assert f"{POST}:4: invalid date" in out
    assert serve.proc.returncode == 0, out


def test_first_build_failure_keeps_serving_and_recovers(tmp_path: Path, browser):
    source = make_site(tmp_path / "site", with_layouts=True)
    write_post(source, BAD_DATE, BODY_1)
    serve = ServeProcess(source)
    try:
        page = browser.new_page()
        response = page.goto(serve.origin + POST_URL)
        assert response is not None and response.status == 503
        expect(page.locator("#__blogtool_overlay")).to_be_visible(timeout=30_000)
        expect(page.locator("#__blogtool_error")).to_contain_text(f"{POST}:4:")
        write_post(source, "2014-10-18 10:00:00 +0800", BODY_1)
        expect(page.locator("body")).to_contain_text("初始内容", timeout=30_000)
        expect(page.locator("#__blogtool_overlay")).to_have_count(0)
        page.close()
    finally:
        serve.stop()


def test_saved_post_reloads_first_and_only_pages_that_changed_reload(tmp_path: Path, browser):
    """serve's fast path: the saved post's own tab reloads before the full build; tabs of
    pages the build did not change stay as they are (no reload, their state kept)."""
    source = make_site(tmp_path / "site", with_layouts=True)
    (source / "_posts" / "2014-10-19-other.md").write_text(
        "---\nlayout: default\ntitle: 另一篇\n---\n另一篇的正文。\n", "utf-8")
    (source / "index.html").write_text(
        "---\nlayout: default\ntitle: 首页\n---\n"
        "{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}\n", "utf-8")
    serve = ServeProcess(source)
    try:
        edited, other, index = browser.new_page(), browser.new_page(), browser.new_page()
        edited.goto(serve.origin + POST_URL)
        other.goto(serve.origin + "/blog/2014/10/19/other.html")
        index.goto(serve.origin + "/blog/")
        expect(index.locator("body")).to_contain_text("实时预览")
        for page in (edited, other, index):
            page.evaluate("window.__kept = 1")
        builds = serve.output().count("\nBuilt ")

        write_post(source, "2014-10-18 10:00:00 +0800", BODY_2)        # the body only
        expect(edited.locator("body")).to_contain_text("修改后的内容", timeout=30_000)
        deadline = time.time() + 30
        while serve.output().count("\nBuilt ") == builds and time.time() < deadline:
            time.sleep(0.05)
        assert "Reloaded 2014/10/18/live-reload.html" in serve.output()
        time.sleep(0.5)   # time for any (wrong) reload to happen
        assert edited.evaluate("window.__kept") is None                 # reloaded
        assert other.evaluate("window.__kept") == 1                     # untouched pages
        assert index.evaluate("window.__kept") == 1                     # stay as they are

        (source / POST).write_text((source / POST).read_text("utf-8")
                                   .replace("title: 实时预览", "title: 新标题"), "utf-8")
        expect(index.locator("body")).to_contain_text("新标题", timeout=30_000)
        assert index.evaluate("window.__kept") is None                  # the list changed
        assert other.evaluate("window.__kept") == 1
    finally:
        serve.stop()
    assert serve.proc.returncode == 0, serve.output()
