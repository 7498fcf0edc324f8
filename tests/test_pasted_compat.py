"""The ``pasted`` fixture site (headings without the space, pasted logs and Java) built by
real Jekyll 4.3.1 and by blogtool: identical under ``--compat jekyll``; in blogtool's own mode
the headings are headings with the ids Jekyll gives the same headings written with the space,
and each pasted run is one highlighted code block."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from compat import build_blogtool, build_jekyll, compare
from compat.catalog import BUILDS

SITE = BUILDS["pasted"].source
HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*?)</h\1>', re.S)
NOSPACE = "2016/01/05/nospace.html"
SPACED = "2016/01/06/spaced.html"
SAFEMODE = "2016/01/07/safemode.html"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pasted")
    runs = {"jekyll": build_jekyll(SITE, root / "jekyll"),
            "compat": build_blogtool(SITE, root / "compat"),
            "own": build_blogtool(SITE, root / "own", compat=None)}
    for run in runs.values():
        assert run.ok, run.describe()
    return {name: run.dest for name, run in runs.items()}


def page(builds: dict[str, Path], which: str, rel: str) -> str:
    return (builds[which] / rel).read_text(encoding="utf-8")


def headings(html: str) -> list[tuple[str, str, str]]:
    return [(level, ident, re.sub(r"<[^>]+>", "", text)) for level, ident, text in
            HEADING.findall(html)]


def test_compat_mode_is_jekyll(builds: dict[str, Path]) -> None:
    report = compare(builds["jekyll"], builds["compat"])
    assert report.urls_identical, report.explain()
    assert report.title_score == 1.0 and report.text_min == 1.0, report.explain()
    assert report.code_score == 1.0, report.explain()


def test_jekyll_leaves_nospace_headings_as_paragraphs(builds: dict[str, Path]) -> None:
    for which in ("jekyll", "compat"):
        html = page(builds, which, NOSPACE)
        assert "<p>##Flume 安装</p>" in html, which
        assert headings(html) == [], which


def test_own_mode_headings_match_jekylls_spaced_headings(builds: dict[str, Path]) -> None:
    own = headings(page(builds, "own", NOSPACE))
    spaced = headings(page(builds, "jekyll", SPACED))
    assert len(own) == 13
    assert own == spaced
    html = page(builds, "own", NOSPACE)
    for kept in ("#flume #hadoop #大数据", "#123", "#JAVA_HOME=/usr/java/jdk1.8.0_91",
                 "#######七个井号", "提到了 #flume 和 ##双井号"):
        assert kept in html


def test_own_mode_recovers_the_pasted_runs(builds: dict[str, Path]) -> None:
    html = page(builds, "own", SAFEMODE)
    assert re.findall(r'<div class="language-(\w+) highlighter-rouge">', html) == \
        ["log", "log", "java"]
    assert [t for _, _, t in headings(html)] == ["现象", "原因", "解决"]
    assert "<p>日志里 ERROR 只有一条，at 后面是调用栈。" in html
    jekyll = page(builds, "jekyll", SAFEMODE)
    assert "language-log" not in jekyll and "<p>##现象</p>" in jekyll
