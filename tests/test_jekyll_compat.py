"""Every fixture site of ``tests/fixtures/sites`` built by real Jekyll 4.3.1 and by
``blogtool build --compat jekyll`` gives the same files (hence URLs); where the pages have
layouts, the same titles, visible text, internal links and code blocks. Where blogtool's own
mode deliberately differs from Jekyll, both modes are tested.

Figures per fixture are printed at the end of the session (``compat figures``).
"""
from __future__ import annotations

import pytest

from compat import compare
from compat.catalog import BUILDS

REPORTS: dict = {}   # name -> Report, read by conftest's terminal summary


def _report(site_builds, name: str):
    if name not in REPORTS:
        jekyll = site_builds.jekyll(name)
        assert jekyll.ok, jekyll.describe()
        blogtool = site_builds.blogtool(name)
        assert blogtool.ok, blogtool.describe()
        REPORTS[name] = compare(jekyll.dest, blogtool.dest, baseurl=BUILDS[name].baseurl)
    return REPORTS[name]


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_same_urls(site_builds, name):
    report = _report(site_builds, name)
    assert report.jekyll_files, "Jekyll wrote nothing: the fixture proves nothing"
    assert report.urls_identical, report.explain()


@pytest.mark.parametrize("name", sorted(n for n, b in BUILDS.items() if b.layouts))
def test_same_pages(site_builds, name):
    report = _report(site_builds, name)
    fx = BUILDS[name]
    assert report.pages, "no HTML page in common"
    assert report.title_score == 1.0, report.explain()
    assert report.text_min >= fx.min_text, report.explain()
    assert report.link_score == 1.0, report.explain()
    assert report.code_score == 1.0, report.explain()


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_same_non_html_files(site_builds, name):
    report = _report(site_builds, name)
    assert not report.other_differing, report.explain()


# --- Jekyll quirks blogtool reproduces only under --compat jekyll ---------------------------

def _read(run, rel: str) -> bytes:
    return (run.dest / rel).read_bytes()


def test_bom_page_copied_raw_in_compat_read_in_own_mode(site_builds):
    jekyll = site_builds.jekyll("front-matter")
    compat = site_builds.blogtool("front-matter")
    own = site_builds.blogtool("front-matter", compat=None)
    assert own.ok, own.describe()
    raw = (BUILDS["front-matter"].source / "bom.md").read_bytes()
    assert _read(jekyll, "bom.md") == raw
    assert _read(compat, "bom.md") == raw
    assert not (own.dest / "bom.md").exists()
    assert "BOM page" in _read(own, "bom.html").decode("utf-8")
    assert "bom.md:1: warning: starts with a byte order mark" in own.stderr


def test_pygments_highlighter_unhighlighted_in_compat_highlighted_in_own_mode(site_builds):
    jekyll = site_builds.jekyll("highlighter-pygments")
    compat = site_builds.blogtool("highlighter-pygments")
    own = site_builds.blogtool("highlighter-pygments", compat=None)
    assert own.ok, own.describe()
    page = "2014/10/13/code.html"
    assert "<span" not in _read(jekyll, page).decode().split("<pre", 1)[1]
    assert "<span" not in _read(compat, page).decode().split("<pre", 1)[1]
    assert "<span" in _read(own, page).decode().split("<pre", 1)[1]


def test_gbk_post_dropped_with_a_located_warning(site_builds):
    for run in (site_builds.jekyll("encoding"), site_builds.blogtool("encoding")):
        assert run.ok, run.describe()
        assert not (run.dest / "2014/10/13/gbk.html").exists()
        assert (run.dest / "2014/10/14/utf8.html").is_file()
    stderr = site_builds.blogtool("encoding").stderr
    assert "_posts/2014-10-13-gbk.md:4: warning: is not valid UTF-8 (it looks like GBK)" in stderr
    assert "Traceback" not in stderr


def test_bad_yaml_post_quirk_url_in_both(site_builds):
    for run in (site_builds.jekyll("bad-yaml"), site_builds.blogtool("bad-yaml")):
        assert (run.dest / "2020/06/01/2014-01-09-bad-yaml.html").is_file(), run.describe()
    stderr = site_builds.blogtool("bad-yaml").stderr
    assert "_posts/2014-01-09-bad-yaml.md:3: warning: invalid YAML" in stderr
