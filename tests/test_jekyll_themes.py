"""Existing Jekyll sites build unchanged: three theme-shaped fixture sites (Jekyll-Bootstrap,
minima, jekyll-paginate), each with Chinese posts, built by blogtool ``--compat jekyll`` and
compared with what real Jekyll 4.3.1 wrote for the same source.

Jekyll's output is committed next to each site (``tests/fixtures/themes/<site>/_expected/``;
Jekyll and blogtool both skip ``_`` directories) so that the tests need no Ruby. After editing a
fixture, regenerate it on a machine with Jekyll 4.3.1 and its plugins::

    python tests/test_jekyll_themes.py --regenerate

What is compared, per site: the set of files written (hence of URLs), every page's ``<title>``,
every page's internal links (``href``/``src`` without a scheme, in document order) and the
visible text of every HTML/XML page (at least 98 % the same by ``difflib``'s ratio).
"""
from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

THEMES = Path(__file__).parent / "fixtures" / "themes"
SITES = ("jb", "minima", "paginate")
SIMILARITY = 0.98
TEXT_SUFFIXES = (".html", ".xml")

# --- comparison helpers ------------------------------------------------------------------------

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_SPACE = re.compile(r"\s+")


@dataclass
class PageFacts:
    """What a reader of one output page sees and follows."""

    title: str | None = None
    links: list[str] = field(default_factory=list)
    text: str = ""


class _FactsParser(HTMLParser):
    _HIDDEN = {"script", "style", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._hidden = 0
        self._in_title = False
        self._title: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self._HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in ("href", "src") and value is not None and not _SCHEME.match(value) \
                    and not value.startswith("#"):
                self.facts.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._hidden:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        if self._title:
            self.facts.title = _SPACE.sub(" ", "".join(self._title)).strip()
        self.facts.text = _SPACE.sub(" ", " ".join(self._text)).strip()


def page_facts(html: str) -> PageFacts:
    """Title, internal links and visible text of an HTML (or XML) page."""
    parser = _FactsParser()
    parser.feed(html)
    parser.close()
    return parser.facts


def output_files(dest: Path) -> set[str]:
    """Destination-relative POSIX paths of every file written: the site's URLs."""
    return {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}


def similarity(a: str, b: str) -> float:
    """difflib ratio over characters (CJK text has no spaces to split words on)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Comparison:
    """blogtool's build of one fixture site next to Jekyll's."""

    only_jekyll: set[str]
    only_blogtool: set[str]
    titles: dict[str, tuple]          # page -> (jekyll, blogtool), differing only
    links: dict[str, tuple]           # page -> (jekyll, blogtool), differing only
    text: dict[str, float]            # page -> similarity, every compared page

    @property
    def min_text(self) -> float:
        return min(self.text.values()) if self.text else 1.0


def compare_sites(jekyll_dest: Path, blogtool_dest: Path) -> Comparison:
    jekyll_files, blogtool_files = output_files(jekyll_dest), output_files(blogtool_dest)
    titles: dict[str, tuple] = {}
    links: dict[str, tuple] = {}
    text: dict[str, float] = {}
    for rel in sorted(jekyll_files & blogtool_files):
        if not rel.endswith(TEXT_SUFFIXES):
            continue
        ours = page_facts((blogtool_dest / rel).read_text("utf-8"))
        theirs = page_facts((jekyll_dest / rel).read_text("utf-8"))
        if ours.title != theirs.title:
            titles[rel] = (theirs.title, ours.title)
        if ours.links != theirs.links:
            links[rel] = (theirs.links, ours.links)
        text[rel] = similarity(theirs.text, ours.text)
    return Comparison(jekyll_files - blogtool_files, blogtool_files - jekyll_files,
                      titles, links, text)


def build_with_blogtool(site: str, dest: Path) -> Path:
    from blogtool.build.site import build

    build(THEMES / site, dest, overrides={"blogtool": {"compat": "jekyll"}}, jobs=1,
          use_cache=False)
    return dest


# --- the helpers themselves ----------------------------------------------------------------


def test_page_facts_reads_title_links_and_visible_text() -> None:
    facts = page_facts('<html><head><title> 标题 | 站点 </title><link href="/a.css">'
                       '<script>var x = "<p>no</p>";</script></head><body>'
                       '<a href="/x/">中文</a> <a href="https://e.com/">外链</a>'
                       '<a href="#top">顶部</a><img src="img/p.png"><style>p{}</style>'
                       '<p>第二&amp;段</p></body></html>')
    assert facts.title == "标题 | 站点"
    assert facts.links == ["/a.css", "/x/", "img/p.png"]
    assert facts.text == "中文 外链 顶部 第二&段"


def test_compare_sites_reports_each_kind_of_difference(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "p").mkdir(parents=True)
    (a / "index.html").write_text("<title>T</title><a href='/p/'>一二三四五六七八九十</a>", "utf-8")
    (b / "index.html").write_text("<title>U</title><a href='/q/'>一二三四五六七八九零</a>", "utf-8")
    (a / "p" / "index.html").write_text("x", "utf-8")
    (b / "extra.html").write_text("y", "utf-8")
    result = compare_sites(a, b)
    assert result.only_jekyll == {"p/index.html"}
    assert result.only_blogtool == {"extra.html"}
    assert result.titles == {"index.html": ("T", "U")}
    assert result.links == {"index.html": (["/p/"], ["/q/"])}
    assert result.text["index.html"] == pytest.approx(0.9)


# --- the fixture sites ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Comparison]:
    out = {}
    for site in SITES:
        dest = build_with_blogtool(site, tmp_path_factory.mktemp(site) / "_site")
        out[site] = compare_sites(THEMES / site / "_expected", dest)
    return out


@pytest.mark.parametrize("site", SITES)
def test_same_urls_as_jekyll(built: dict[str, Comparison], site: str) -> None:
    result = built[site]
    assert (result.only_jekyll, result.only_blogtool) == (set(), set())


@pytest.mark.parametrize("site", SITES)
def test_same_titles_as_jekyll(built: dict[str, Comparison], site: str) -> None:
    assert built[site].titles == {}


@pytest.mark.parametrize("site", SITES)
def test_same_internal_links_as_jekyll(built: dict[str, Comparison], site: str) -> None:
    assert built[site].links == {}


@pytest.mark.parametrize("site", SITES)
def test_visible_text_as_jekyll(built: dict[str, Comparison], site: str) -> None:
    text = built[site].text
    assert len(text) >= 8
    below = {page: round(ratio, 4) for page, ratio in text.items() if ratio < SIMILARITY}
    assert below == {}


# --- regeneration (not a test) -----------------------------------------------------------------


def regenerate() -> None:
    """Rebuild ``_expected/`` of every fixture site with real Jekyll (needs Ruby)."""
    for site in SITES:
        expected = THEMES / site / "_expected"
        shutil.rmtree(expected, ignore_errors=True)
        subprocess.run(["jekyll", "build", "--disable-disk-cache", "-s", str(THEMES / site),
                        "-d", str(expected)],
                       check=True, env={"JEKYLL_NO_BUNDLER_REQUIRE": "true",
                                        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})


def report() -> None:
    """Print the figures README shows: pages compared, URL and text agreement per site."""
    import tempfile

    for site in SITES:
        with tempfile.TemporaryDirectory() as tmp:
            dest = build_with_blogtool(site, Path(tmp) / "_site")
            r = compare_sites(THEMES / site / "_expected", dest)
            ratios = sorted(r.text.values())
            print(f"{site}: {len(output_files(dest))} files, missing {sorted(r.only_jekyll)}, "
                  f"extra {sorted(r.only_blogtool)}, titles differ {len(r.titles)}, "
                  f"links differ {len(r.links)}, text min {ratios[0]:.4f} "
                  f"mean {sum(ratios) / len(ratios):.4f} over {len(ratios)} pages")
            for page, ratio in sorted(r.text.items()):
                if ratio < 1:
                    print(f"    {page}: {ratio:.4f}")
            for page, (theirs, ours) in r.titles.items():
                print(f"    title {page}: jekyll {theirs!r} blogtool {ours!r}")
            for page, (theirs, ours) in r.links.items():
                print(f"    links {page}: jekyll-only {[x for x in theirs if x not in ours]} "
                      f"blogtool-only {[x for x in ours if x not in theirs]}")


if __name__ == "__main__":    # blogtool installed (pip install -e .)
    if "--regenerate" in sys.argv:
        regenerate()
    report()
