"""Compare two built sites and return figures, not a verdict.

Measured (Jekyll's output is the reference, blogtool's the candidate):

* URL set: output file paths, percent-decoded and NFC-normalised (Jekyll writes file names in
  the bytes it read, so an NFD source name must still match);
* per HTML page present in both: ``<title>``, visible text similarity (head, script and style
  dropped, whitespace collapsed, typographic quotes/dashes folded, every CJK character a token
  of its own, ``difflib`` ratio), internal links (resolved against the page, baseurl removed;
  a candidate link must also resolve to one of the candidate's files), ``<pre>`` blocks (code
  text and whether it is highlighted);
* non-HTML files present in both: byte-identical or not.
"""
from __future__ import annotations

import difflib
import html.parser
import os
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HIDDEN = frozenset({"head", "script", "style", "noscript", "template", "title"})
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
                     "table", "tr", "td", "th", "br", "hr", "section", "article", "header",
                     "footer", "nav", "main", "aside", "blockquote", "dl", "dt", "dd",
                     "figure", "figcaption", "body", "html"})
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-",
                       "\u2026": "...", "\u00a0": " ", "\u200b": None, "\ufeff": None})
_CJK = (r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef")
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
_SPACE = re.compile(r"\s+")
_SKIP_SCHEMES = ("mailto:", "javascript:", "tel:", "data:")


# --- one page ----------------------------------------------------------------------------------

@dataclass
class PageFacts:
    """What the comparison reads from one HTML file."""

    title: str | None = None
    text: list[str] = field(default_factory=list)         # visible text, one item per block
    links: list[str] = field(default_factory=list)        # raw href values of <a>
    pres: list[tuple[str, bool]] = field(default_factory=list)  # (code text, highlighted)


class _PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._hidden: list[str] = []
        self._title: list[str] | None = None
        self._block: list[str] = []
        self._pre: list[list] = []    # open <pre>: [chunks, spans]

    def _flush(self) -> None:
        text = normalise_text("".join(self._block))
        if text:
            self.facts.text.append(text)
        self._block = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = dict(attrs)
        if tag == "title" and self.facts.title is None and self._title is None:
            self._title = []
        if tag in _HIDDEN:
            self._hidden.append(tag)
        if tag == "body":   # an unclosed <head> ends here
            self._hidden = [t for t in self._hidden if t != "head"]
        if tag in _BLOCKS:
            self._flush()
        if tag == "a" and attr.get("href") is not None:
            self.facts.links.append(attr["href"].strip())
        if tag == "pre":
            self._pre.append([[], 0])
        elif tag == "span" and self._pre and attr.get("class"):
            self._pre[-1][1] += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.facts.title = normalise_text("".join(self._title))
            self._title = None
        if tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre" and self._pre:
            chunks, spans = self._pre.pop()
            code = "".join(chunks)
            self.facts.pres.append((normalise_code(code), spans > 0))
            if self._pre:
                self._pre[-1][0].append(code)

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._pre:
            self._pre[-1][0].append(data)
        if not self._hidden:
            self._block.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        while self._pre:
            self.handle_endtag("pre")


def normalise_text(text: str) -> str:
    """NFC, typographic punctuation folded, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip()


def normalise_code(code: str) -> str:
    lines = code.replace("\r\n", "\n").split("\n")
    return unicodedata.normalize("NFC", "\n".join(line.rstrip() for line in lines).strip("\n"))


def analyse_html(path: Path) -> PageFacts:
    parser = _PageParser()
    parser.feed(path.read_bytes().decode("utf-8", "replace"))
    parser.close()
    return parser.facts


def tokens(blocks: list[str]) -> list[str]:
    """Whitespace-separated words, except that every CJK character is a word of its own (a
    Chinese sentence would otherwise be one huge token and any difference would cost it all)."""
    return [t for block in blocks for t in _TOKEN.findall(block)]


def similarity(a: list[str], b: list[str]) -> float:
    """difflib ratio over tokens (1.0 for two empty pages)."""
    if a == b:
        return 1.0
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    return difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()


# --- paths and links ---------------------------------------------------------------------------

def normalise_path(rel: str) -> str:
    return unicodedata.normalize("NFC", unquote(rel.replace(os.sep, "/")))


def list_outputs(root: Path) -> dict[str, Path]:
    """Normalised relative path -> file, for every file under ``root``."""
    out: dict[str, Path] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            full = Path(dirpath) / name
            out.setdefault(normalise_path(str(full.relative_to(root))), full)
    return out


def resolve_link(href: str, page_rel: str, baseurl: str) -> str | None:
    """The site path an internal link points to (decoded, NFC, no baseurl, no fragment), or
    None for external links, fragments on the same page and non-HTTP schemes."""
    if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if not path:
        return None
    if not path.startswith("/"):
        path = posixpath.join("/" + posixpath.dirname(page_rel), path)
    trailing = path.endswith("/")
    path = posixpath.normpath(unicodedata.normalize("NFC", unquote(path)))
    if trailing and not path.endswith("/"):
        path += "/"
    base = "/" + baseurl.strip("/") if baseurl.strip("/") else ""
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):] or "/"
    return path


def link_resolves(target: str, files: set[str]) -> bool:
    """Does a site path name an output file the way a static server resolves it
    (``p``, ``p.html``, ``p/index.html``)?"""
    rel = target.lstrip("/")
    if rel == "" or target.endswith("/"):
        return posixpath.join(rel, "index.html") in files
    return rel in files or rel + ".html" in files or posixpath.join(rel, "index.html") in files


# --- the report ----------------------------------------------------------------------------------

@dataclass
class PageResult:
    path: str
    titles: tuple[str | None, str | None]
    text_ratio: float
    links: tuple[int, int]           # internal links in Jekyll's page, in blogtool's
    links_matching: int              # same target in both and resolving in blogtool's output
    broken_links: list[str]          # blogtool link targets that resolve to no file
    pres: tuple[int, int]
    pres_matching: int               # same code text and same highlighted-or-not
    text_sample: tuple[str, str] = ("", "")

    @property
    def title_equal(self) -> bool:
        return self.titles[0] == self.titles[1]


@dataclass
class Report:
    """Figures of one comparison. ``missing``: Jekyll wrote it, blogtool did not; ``extra``:
    the other way round."""

    jekyll_files: list[str]
    blogtool_files: list[str]
    missing: list[str]
    extra: list[str]
    pages: list[PageResult]
    other_identical: int
    other_differing: list[str]

    @property
    def urls_identical(self) -> bool:
        return not self.missing and not self.extra

    @property
    def url_score(self) -> float:
        total = len(self.jekyll_files) + len(self.extra)
        return 1.0 if total == 0 else (len(self.jekyll_files) - len(self.missing)) / total

    @property
    def text_mean(self) -> float:
        return sum(p.text_ratio for p in self.pages) / len(self.pages) if self.pages else 1.0

    @property
    def text_min(self) -> float:
        return min((p.text_ratio for p in self.pages), default=1.0)

    @property
    def title_score(self) -> float:
        return sum(p.title_equal for p in self.pages) / len(self.pages) if self.pages else 1.0

    @property
    def link_score(self) -> float:
        den = sum(max(p.links) for p in self.pages)
        return 1.0 if den == 0 else sum(p.links_matching for p in self.pages) / den

    @property
    def code_score(self) -> float:
        den = sum(max(p.pres) for p in self.pages)
        return 1.0 if den == 0 else sum(p.pres_matching for p in self.pages) / den

    def figures(self) -> dict[str, float | int]:
        return {"files": len(self.jekyll_files), "missing": len(self.missing),
                "extra": len(self.extra), "urls": round(self.url_score, 4),
                "html_pages": len(self.pages), "titles": round(self.title_score, 4),
                "text_mean": round(self.text_mean, 4), "text_min": round(self.text_min, 4),
                "links": round(self.link_score, 4), "code": round(self.code_score, 4),
                "other_identical": self.other_identical,
                "other_differing": len(self.other_differing)}

    def explain(self, limit: int = 8) -> str:
        """A readable account of every difference, for assertion messages."""
        out = [" ".join(f"{k}={v}" for k, v in self.figures().items())]
        if self.missing:
            out.append(f"missing in blogtool: {self.missing[:limit]}")
        if self.extra:
            out.append(f"extra in blogtool: {self.extra[:limit]}")
        for p in self.pages:
            if p.text_ratio < 1.0:
                out.append(f"text {p.path}: {p.text_ratio:.3f}\n  jekyll:   "
                           f"{p.text_sample[0][:300]!r}\n  blogtool: {p.text_sample[1][:300]!r}")
            if not p.title_equal:
                out.append(f"title {p.path}: {p.titles[0]!r} != {p.titles[1]!r}")
            if p.broken_links or p.links_matching < max(p.links):
                out.append(f"links {p.path}: {p.links_matching} of {max(p.links)} match; "
                           f"broken {p.broken_links[:limit]}")
            if p.pres_matching < max(p.pres):
                out.append(f"code {p.path}: {p.pres_matching} of {max(p.pres)} <pre> match")
        if self.other_differing:
            out.append(f"non-HTML files differing: {self.other_differing[:limit]}")
        return "\n".join(out)


def _compare_page(rel: str, jekyll: Path, blogtool: Path, blogtool_files: set[str],
                  baseurl: str) -> PageResult:
    a, b = analyse_html(jekyll), analyse_html(blogtool)
    links_a = Counter(t for t in (resolve_link(h, rel, baseurl) for h in a.links) if t)
    links_b = [t for t in (resolve_link(h, rel, baseurl) for h in b.links) if t]
    broken = sorted({t for t in links_b if not link_resolves(t, blogtool_files)})
    counter_b = Counter(t for t in links_b if t not in broken)
    matching_links = sum((links_a & counter_b).values())
    pres_a, pres_b = Counter(a.pres), Counter(b.pres)
    return PageResult(
        path=rel, titles=(a.title, b.title), text_ratio=similarity(a.text, b.text),
        links=(sum(links_a.values()), len(links_b)), links_matching=matching_links,
        broken_links=broken, pres=(len(a.pres), len(b.pres)),
        pres_matching=sum((pres_a & pres_b).values()),
        text_sample=(" | ".join(a.text), " | ".join(b.text)))


def compare(jekyll_dir: Path, blogtool_dir: Path, *, baseurl: str = "") -> Report:
    """Compare Jekyll's output folder with blogtool's."""
    ja, bt = list_outputs(Path(jekyll_dir)), list_outputs(Path(blogtool_dir))
    common = sorted(set(ja) & set(bt))
    bt_files = set(bt)
    pages, identical, differing = [], 0, []
    for rel in common:
        if rel.lower().endswith(HTML_SUFFIXES):
            pages.append(_compare_page(rel, ja[rel], bt[rel], bt_files, baseurl))
        elif ja[rel].read_bytes() == bt[rel].read_bytes():
            identical += 1
        else:
            differing.append(rel)
    return Report(jekyll_files=sorted(ja), blogtool_files=sorted(bt),
                  missing=sorted(set(ja) - set(bt)), extra=sorted(set(bt) - set(ja)),
                  pages=pages, other_identical=identical, other_differing=differing)
