"""jekyll-redirect-from as the plugin models a redirect: empty content and the ``redirect``
layout (the site's, or the plugin's own page). A post with ``redirect_to:`` therefore shows
empty content in jekyll-feed's feed but keeps its excerpt (Jekyll makes excerpts while reading,
before the plugin runs). Expected texts were written by Jekyll 4.3.1 with jekyll-feed 0.17.0
and jekyll-redirect-from 0.16.0 from the same sources."""
from __future__ import annotations

import json
from pathlib import Path

from blogtool.build.site import build

CONFIG = ("title: Moved\nurl: https://example.com\ntimezone: UTC\n"
          "time: 2024-01-01 00:00:00 +0000\nplugins: [jekyll-feed, jekyll-redirect-from]\n")
GONE = ("---\ntitle: Gone\nlayout: default\nredirect_to: https://else.where/new/\n---\n"
        "This post *moved*.\n\nSecond paragraph.\n")
HERE = "---\ntitle: Here\nlayout: default\nredirect_from: /old/\n---\nStill here.\n"


def _redirect_page(to: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en-US">\n  <meta charset="utf-8">\n'
            '  <title>Redirecting&hellip;</title>\n'
            f'  <link rel="canonical" href="{to}">\n  <script>location="{to}"</script>\n'
            f'  <meta http-equiv="refresh" content="0; url={to}">\n'
            '  <meta name="robots" content="noindex">\n  <h1>Redirecting&hellip;</h1>\n'
            f'  <a href="{to}">Click here if you are not redirected.</a>\n</html>\n')


JEKYLL_FEED = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" >'
    '<generator uri="https://jekyllrb.com/" version="4.3.1">Jekyll</generator>'
    '<link href="https://example.com/feed.xml" rel="self" type="application/atom+xml" />'
    '<link href="https://example.com/" rel="alternate" type="text/html" />'
    '<updated>2024-01-01T00:00:00+00:00</updated><id>https://example.com/feed.xml</id>'
    '<title type="html">Moved</title>'
    '<entry><title type="html">Here</title><link href="https://example.com/2014/10/14/here.html"'
    ' rel="alternate" type="text/html" title="Here" /><published>2014-10-14T00:00:00+00:00'
    '</published><updated>2014-10-14T00:00:00+00:00</updated>'
    '<id>https://example.com/2014/10/14/here</id><content type="html" '
    'xml:base="https://example.com/2014/10/14/here.html"><![CDATA[<p>Still here.</p>]]>'
    '</content><author><name></name></author>'
    '<summary type="html"><![CDATA[Still here.]]></summary></entry>'
    '<entry><title type="html">Gone</title><link href="https://example.com/2014/10/13/gone.html"'
    ' rel="alternate" type="text/html" title="Gone" /><published>2014-10-13T00:00:00+00:00'
    '</published><updated>2014-10-13T00:00:00+00:00</updated>'
    '<id>https://example.com/2014/10/13/gone</id><content type="html" '
    'xml:base="https://example.com/2014/10/13/gone.html"><![CDATA[]]></content>'
    '<author><name></name></author>'
    '<summary type="html"><![CDATA[This post moved.]]></summary></entry></feed>')


def _site(root: Path, redirect_layout: str | None) -> Path:
    files = {"_config.yml": CONFIG, "_layouts/default.html": "<html>{{ content }}</html>\n",
             "_posts/2014-10-13-gone.md": GONE, "_posts/2014-10-14-here.md": HERE}
    if redirect_layout is not None:
        files["_layouts/redirect.html"] = redirect_layout
    for rel, text in files.items():
        path = root / "src" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    build(root / "src", root / "out", jobs=1, use_cache=False)
    return root / "out"


def test_redirect_to_post_in_the_feed_and_the_plugins_pages(tmp_path: Path) -> None:
    out = _site(tmp_path, None)
    assert (out / "feed.xml").read_text("utf-8") == JEKYLL_FEED
    assert (out / "2014/10/13/gone.html").read_text("utf-8") == \
        _redirect_page("https://else.where/new/")
    assert (out / "old/index.html").read_text("utf-8") == \
        _redirect_page("https://example.com/2014/10/14/here.html")
    assert (out / "2014/10/14/here.html").read_text("utf-8") == \
        "<html><p>Still here.</p>\n</html>\n"
    assert json.loads((out / "redirects.json").read_text("utf-8")) == {
        "/2014/10/13/gone.html": "https://else.where/new/",
        "/old/": "https://example.com/2014/10/14/here.html"}


def test_the_sites_redirect_layout_gets_empty_content(tmp_path: Path) -> None:
    out = _site(tmp_path, "---\n---\nR:{{ page.redirect.to }}|{{ content }}|{{ page.title }}\n")
    assert (out / "old/index.html").read_text("utf-8") == \
        "R:https://example.com/2014/10/14/here.html||\n"
    # Jekyll writes "R:https://else.where/new/|\n|Gone\n": the post's content is its converted
    # empty body, which kramdown writes as a newline and blogtool's Markdown as nothing.
    gone = (out / "2014/10/13/gone.html").read_text("utf-8")
    assert gone.startswith("R:https://else.where/new/|") and gone.endswith("|Gone\n")
    assert gone.count("|") == 2 and gone[len("R:https://else.where/new/|"):-len("|Gone\n")] \
        .strip() == ""
    assert (out / "feed.xml").read_text("utf-8") == JEKYLL_FEED
