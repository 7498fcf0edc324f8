"""The default theme for readers, in a real browser: a fixture blog in each of the five
languages (``tests/fixtures/langblogs/``), served by ``blogtool serve`` (tests/serving.py) and
opened in Debian's Chromium through Playwright.

Checked, in light and dark mode: axe-core (from the npm registry; ``scripts/test`` installs
it) finds no serious or critical violation on the home, post, tag, search and error pages
(the last two when the theme has them), the archive and the 404 page; at 390 px nothing scrolls sideways but code; every
code token is readable on its block; the page speaks its language (``<html lang>``, labels,
dates, fonts). And the code tools: the copy and wrap buttons never cover code (desktop and
phone), the wrap choice is remembered, code is wider than the text on a wide screen.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from blogtool.labels import label, long_date
from blogtool.theme import templates_dir
from serving import ServeProcess
from support.browser import chromium

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "langblogs"
LANGS = ("zh-CN", "zh-TW", "ja", "ko", "en")
AXE = Path(os.environ.get("BLOGTOOL_AXE") or
           Path.home() / ".cache/blogtool/node/node_modules/axe-core/axe.min.js")
# a font only the stack of that language names
OWN_FONT = {"zh-CN": '"Microsoft YaHei"', "zh-TW": '"Microsoft JhengHei"', "ja": "Meiryo",
            "ko": '"Malgun Gothic"', "en": "Roboto"}
# one date of each blog, as its readers write it
DATES = {"zh-CN": (2015, 3, 2), "zh-TW": (2016, 5, 10), "ja": (2015, 9, 9),
         "ko": (2016, 9, 1), "en": (2015, 6, 18)}

SAFEMODE = "/hadoop/2014/10/18/namenode-safemode.html"     # a log block and a shell block

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3)
      .map(n => n.target.join(" ")).join(", "));
}"""

# WCAG contrast of every highlighted token against the background its block paints
TOKEN_CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const bad = [];
  document.querySelectorAll(".highlight pre span[class]").forEach(span => {
    const pre = span.closest("pre");
    const bg = rgb(getComputedStyle(pre).backgroundColor);
    const own = rgb(getComputedStyle(span).backgroundColor);
    if (own.length === 4 && own[3] !== 0) bad.push(span.className + " has a background");
    const r = ratio(rgb(getComputedStyle(span).color), bg);
    if (r < 4.5) bad.push(span.className + " " + span.textContent.slice(0, 20) + ": " + r.toFixed(2));
  });
  return bad;
}"""


def _optional_pages() -> list[str]:
    """The search and error pages, once the theme has their templates."""
    pages = []
    if (templates_dir() / "search.html").is_file():
        pages.append("/search/")
    if (templates_dir() / "errors.html").is_file():
        pages.append("/errors/")
    return pages


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    assert AXE.is_file(), f"axe-core is missing ({AXE}): ./scripts/test installs it"
    servers: list[ServeProcess] = []
    origins = {}
    try:
        for lang in LANGS:
            root = tmp_path_factory.mktemp(lang)
            shutil.copytree(FIXTURES / lang, root / "src")
            server = ServeProcess(root / "src", "-d", str(root / "site"), "--no-livereload",
                                  "--no-watch", "--jobs", "1")
            servers.append(server)
            origins[lang] = server.origin
        yield origins
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def _pages(page: Page, origin: str) -> list[str]:
    """Home, the newest post, its first tag page, the search and error pages, the archive
    and the 404 page."""
    page.goto(origin + "/")
    post = page.locator("article.post-summary h2 a").first.get_attribute("href")
    assert post
    page.goto(origin + post)
    tag = page.locator(".terms a.tag").first.get_attribute("href")
    assert tag
    return ["/", post, tag, *_optional_pages(), "/archive/", "/404.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_axe_violations(sites: dict[str, str], browser: Browser, lang: str,
                                   scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path in _pages(page, sites[lang]):
        response = page.goto(sites[lang] + path)
        assert response is not None and response.ok, path
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN)
        tokens = page.evaluate(TOKEN_CONTRAST)
        if violations or tokens:
            found[path] = violations + tokens
    context.close()
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_nothing_but_code_scrolls_sideways_at_390px(sites: dict[str, str], browser: Browser,
                                                    scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 800})
    page = context.new_page()
    wide = {}
    scrolling_code = 0
    for lang in LANGS:
        for path in _pages(page, sites[lang]):
            page.goto(sites[lang] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide[lang + path] = width
            scrolling_code += page.evaluate(
                "[...document.querySelectorAll('pre')]"
                ".filter(p => p.scrollWidth > p.clientWidth).length")
    context.close()
    assert wide == {}
    assert scrolling_code > 0          # long log lines scroll inside their block


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_is_spoken(sites: dict[str, str], browser: Browser, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(sites[lang] + "/")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("a.skip-link").inner_text() == label(lang, "skip")
    assert page.locator("nav.site-nav").get_attribute("aria-label") == label(lang, "site_nav")
    dates = page.locator("article.post-summary time").all_inner_texts()
    assert long_date(lang, *DATES[lang]) in dates
    fonts = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert {other for other, font in OWN_FONT.items() if font in fonts} == {lang}
    context.close()


def test_landmarks_skip_link_and_focus(sites: dict[str, str], browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(sites["en"] + "/")
    assert page.locator("header.site-header").count() == 1
    assert page.locator("main#main").count() == 1
    assert page.locator("footer.site-footer").count() == 1
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert page.locator("a.skip-link").bounding_box()["x"] >= 0          # on screen
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_code_tools_never_cover_code(sites: dict[str, str], browser: Browser,
                                     width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(sites["zh-CN"] + SAFEMODE)
    overlaps = page.evaluate("""() => {
      const hit = (a, b) => a.left < b.right && b.left < a.right &&
                            a.top < b.bottom && b.top < a.bottom;
      const out = [];
      document.querySelectorAll(".has-copy").forEach((box, i) => {
        const pre = box.querySelector("pre").getBoundingClientRect();
        box.querySelectorAll(".code-tools button").forEach(b => {
          if (hit(b.getBoundingClientRect(), pre)) out.push(i + " " + b.className);
        });
      });
      return [document.querySelectorAll(".code-tools").length, out];
    }""")
    context.close()
    assert overlaps[0] >= 2 and overlaps[1] == []


def test_wrap_choice_is_remembered_and_code_is_wide(sites: dict[str, str],
                                                    browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(sites["zh-CN"] + SAFEMODE)
    text = page.evaluate("document.querySelector('.post-content > p').clientWidth")
    code = page.evaluate("document.querySelector('.post-content > .highlighter-rouge')"
                         ".getBoundingClientRect().width")
    assert code > text * 1.3                   # logs get more room than the text column
    log = "document.querySelector('.language-log pre')"
    assert page.evaluate(f"{log}.scrollWidth > {log}.clientWidth")
    toggle = page.locator("button.wrap-code-toggle").first
    assert toggle.get_attribute("aria-pressed") == "false"
    assert toggle.inner_text() == label("zh-CN", "wrap")
    toggle.click()
    assert page.evaluate(f"{log}.scrollWidth <= {log}.clientWidth")
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('wrap-code')")
    assert page.locator("button.wrap-code-toggle").first.get_attribute("aria-pressed") == "true"
    assert page.evaluate(f"{log}.scrollWidth <= {log}.clientWidth")
    page.locator("button.wrap-code-toggle").first.click()
    page.reload()
    assert page.evaluate(f"{log}.scrollWidth > {log}.clientWidth")
    context.close()
