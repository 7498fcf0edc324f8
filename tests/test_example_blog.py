"""The repository's own example blog builds, and its pages show the CJK rules at work."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from blogtool.build.site import build

ROOT = Path(__file__).resolve().parent.parent
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a line break left between two CJK characters shows as a space in browsers
CJK_BREAK = re.compile(f"[{CJK}]\\n[{CJK}]")


class _Text(HTMLParser):
    """Visible text outside code, scripts and styles; ``paragraphs`` holds the text of each
    paragraph or list item, where a line break is part of the prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts: list[str] = []
        self.paragraphs: list[str] = []
        self._para: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("pre", "code", "script", "style"):
            self.skip += 1
        elif tag in ("p", "li"):
            self._para = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("pre", "code", "script", "style") and self.skip:
            self.skip -= 1
        elif tag in ("p", "li") and self._para is not None:
            self.paragraphs.append("".join(self._para))
            self._para = None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)
            if self._para is not None:
                self._para.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("example") / "_site"
    build(ROOT, dest, jobs=1, use_cache=False,
          site_time=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    return dest


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 20
    return found


def test_no_stray_emphasis_markers(site: Path) -> None:
    for page in pages(site):
        parser = _Text()
        parser.feed(page.read_text("utf-8"))
        text = "".join(parser.parts)
        assert "**" not in text, page
        assert "~~" not in text, page


def test_no_line_break_between_cjk_characters(site: Path) -> None:
    for page in pages(site):
        parser = _Text()
        parser.feed(page.read_text("utf-8"))
        for paragraph in parser.paragraphs:
            assert not CJK_BREAK.search(paragraph), (page, paragraph)


def test_the_seed_post_has_its_four_code_blocks(site: Path) -> None:
    html = (site / "hadoop/2014/10/18/flume-sink-hang.html").read_text("utf-8")
    assert re.findall(r'<div class="language-(\w+) highlighter-rouge">', html) == \
        ["log", "log", "java", "java"]
    assert "<p>应该是channel出问题了" in html


def test_the_pasted_post_has_its_headings_and_three_code_blocks(site: Path) -> None:
    """A post written as a phone editor and a terminal leave it: ``##现象`` without the space,
    a client log wrapped onto unindented lines, a stack trace at two and four spaces, a Java
    method whose signature is at two spaces and body at four."""
    html = (site / "hadoop/2016/08/02/yarn-container-beyond-memory.html").read_text("utf-8")
    assert re.findall(r'<h([23]) id="([^"]+)">', html) == [
        ("2", "现象"), ("2", "排查"), ("3", "任务自己的日志"), ("3", "出问题的代码"), ("2", "解决")]
    assert re.findall(r'<div class="language-(\w+) highlighter-rouge">', html) == \
        ["log", "log", "java"]
    outside = re.sub(r"<pre.*?</pre>", "", html, flags=re.S)
    for pasted in ("Container killed on request", "Killing container", "at java.nio.Bits",
                   "... 8 more", "allocateDirect(64"):
        assert pasted not in outside, pasted
    assert "<p>日志里 ERROR 一条都没有，只有 INFO 和 WARN。" in html
    assert "<p>#hadoop #yarn</p>" in html
