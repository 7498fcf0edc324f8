"""Two sources writing one file: Jekyll warns "Conflict" and the file on disk is the one it
writes last (pages in reading order, then static files, then collection documents). blogtool
keeps the same file, checked against real Jekyll."""
from __future__ import annotations

from pathlib import Path

from compat import build_blogtool, build_jekyll

LAYOUT = "<html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n"

SITE = {
    "_config.yml": "include: [_pages]\n",
    "_layouts/default.html": LAYOUT,
    # a root page and a page from _pages/ both at /
    "index.html": "---\nlayout: default\ntitle: root index\n---\nROOT\n",
    "_pages/splash.md": "---\nlayout: default\ntitle: splash\npermalink: /\n---\nSPLASH\n",
    # a page and a post both at /same.html
    "same.md": "---\nlayout: default\ntitle: page\npermalink: /same.html\n---\nPAGE\n",
    "_posts/2020-01-02-x.md": "---\nlayout: default\ntitle: post\npermalink: /same.html\n---\nPOST\n",
    # a page and a static file both at /asset.txt
    "asset.md": "---\npermalink: /asset.txt\n---\nRENDERED\n",
    "asset.txt": "STATIC\n",
}


def _write(root: Path) -> Path:
    for rel, text in SITE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def test_the_file_jekyll_writes_last_wins(tmp_path: Path) -> None:
    src = _write(tmp_path / "src")
    jekyll = build_jekyll(src, tmp_path / "jekyll")
    ours = build_blogtool(src, tmp_path / "blogtool")
    assert jekyll.ok and ours.ok, (jekyll.describe(), ours.describe())
    for rel in ("index.html", "same.html", "asset.txt"):
        theirs = (tmp_path / "jekyll" / rel).read_text("utf-8")
        mine = (tmp_path / "blogtool" / rel).read_text("utf-8")
        assert mine == theirs, rel
    assert "SPLASH" in (tmp_path / "blogtool" / "index.html").read_text("utf-8")
    assert "POST" in (tmp_path / "blogtool" / "same.html").read_text("utf-8")
    assert "STATIC" in (tmp_path / "blogtool" / "asset.txt").read_text("utf-8")
    assert ours.stderr.count("writes the same file as") == 3
