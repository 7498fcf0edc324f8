"""Every URL is made here and only here: slugify, permalink templates, escaping, URL -> file.

The rules are Jekyll 4.3.1's (verified examples in tests/test_urls.py and the fixture sites):
* placeholder values are percent-encoded, literal permalink text is not;
* the file on disk is the percent-decoded URL;
* ``:categories`` is lowercased, not slugified; ``:title`` is pretty-slugified, case kept.
"""
from __future__ import annotations

import datetime as _dt
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import quote, unquote

from .rubytime import to_s
from .timeutil import format_year

# --- slugify -------------------------------------------------------------------------------

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_EXTRA = frozenset("._~!$&'()+,;=@")
_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]+")     # in ASCII, \p{M}\p{L}\p{Nd} is exactly this
_ASCII_PRETTY_RUNS = re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+")
_WHITESPACE = re.compile(r"\s+")


def _is_word(ch: str) -> bool:
    """Jekyll's ``\\p{M}\\p{L}\\p{Nd}``."""
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


def _replace_runs(text: str, keep) -> str:
    out: list[str] = []
    in_run = False
    for ch in text:
        if keep(ch):
            out.append(ch)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def _transliterate(text: str) -> str:
    """Approximates Ruby I18n.transliterate: accents dropped, other non-ASCII become '?'."""
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if ord(ch) < 128:
            out.append(ch)
        elif unicodedata.category(ch) == "Mn":
            continue
        else:
            out.append({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                        "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th"}.get(ch, "?"))
    return "".join(out)


@lru_cache(maxsize=16384)
def slugify(text: object, mode: str | None = "default", cased: bool = False) -> str:
    """Jekyll's ``Utils.slugify``: runs of disallowed characters become one ``-``, one leading
    and one trailing ``-`` removed, lowercased unless ``cased``. Unknown modes (``none``,
    ``cjk``...) only lowercase, as Jekyll does. CJK letters are kept."""
    if text is None:
        return ""
    s = str(text)
    mode = "default" if mode is None else str(mode)
    if mode not in SLUGIFY_MODES:
        return s if cased else s.lower()
    if mode == "raw":
        s = _WHITESPACE.sub("-", s)
    elif mode == "ascii":
        s = _ASCII_ALNUM.sub("-", s)
    elif mode == "pretty":
        s = (_ASCII_PRETTY_RUNS.sub("-", s) if s.isascii()
             else _replace_runs(s, lambda c: _is_word(c) or c in _PRETTY_EXTRA))
    else:
        if mode == "latin":
            s = _transliterate(s)
        s = _ASCII_ALNUM.sub("-", s) if s.isascii() else _replace_runs(s, _is_word)
    if s.startswith("-"):
        s = s[1:]
    if s.endswith("-"):
        s = s[:-1]
    return s if cased else s.lower()


# --- escaping --------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z0-9./-]+$")
_SAFE = "/!$&'()*+,;=:@-._~?"


def escape_path(value: str) -> str:
    """Percent-encode a placeholder value as Jekyll 4.3.1 does (``?`` kept, ``#`` encoded)."""
    if not value or _PLAIN.match(value):
        return value
    return quote(value, safe=_SAFE)


def unescape_path(url: str) -> str:
    return unquote(url) if "%" in url else url


def normalize_url(url: str) -> str:
    """Percent-encode what a browser would (spaces, CJK), keep what is already encoded.
    Used by ``relative_url`` and friends."""
    return quote(url, safe="/!$&'()*+,;=:@-._~?#%[]")


# --- permalink styles ------------------------------------------------------------------------

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def style_template(permalink: str | None) -> str:
    """The document URL template a ``permalink:`` config value stands for."""
    value = "date" if permalink in (None, "") else str(permalink)
    return STYLES.get(value, value)


def add_permalink_suffix(template: str, permalink: str | None) -> str:
    """Jekyll's ``Utils.add_permalink_suffix``: how the site style ends page/collection URLs."""
    style = "date" if permalink in (None, "") else str(permalink)
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):   # Jekyll 4.3 forgets weekdate here
        return template + ":output_ext"
    if style.endswith("/"):
        return template + "/"
    if style.endswith(":output_ext"):
        return template + ":output_ext"
    return template


_PLACEHOLDER = re.compile(r":([a-z_]+)")


class UnknownPlaceholder(ValueError):
    pass


def fill_template(template: str, values: Mapping[str, str | None], *, strict: bool = True) -> str:
    """Substitute ``:name`` placeholders with escaped values; ``None``/empty values vanish.

    ``:month_:day`` works: a name not known is retried without trailing underscores. With
    ``strict`` an unknown name raises :class:`UnknownPlaceholder` (Jekyll is fatal on documents);
    otherwise it stays literal (pages).
    """

    def sub(match: re.Match) -> str:
        name = match.group(1)
        tail = ""
        while name not in values and name.endswith("_"):
            name, tail = name[:-1], "_" + tail
        if name not in values:
            if strict:
                raise UnknownPlaceholder(match.group(1))
            return match.group(0)
        value = values[name]
        return (escape_path(str(value)) if value else "") + tail

    return _PLACEHOLDER.sub(sub, template)


def sanitize_url(url: str) -> str:
    """Jekyll's ``URL#sanitize_url``: leading slash, no ``..`` or ``./``, no ``//``."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def document_placeholders(*, date: _dt.datetime | None, slug: str, basename: str,
                          categories: list[str], collection: str, output_ext: str,
                          rel_path: str) -> dict[str, str | None]:
    """Values for a post or collection document's URL template (Jekyll's UrlDrop)."""
    cats: list[str] = []
    for c in categories:
        low = to_s(c).lower()
        if low not in cats:
            cats.append(low)
    slug_cats: list[str] = []
    for c in categories:
        s = slugify(to_s(c))
        if s not in slug_cats:
            slug_cats.append(s)
    values: dict[str, str | None] = {
        "collection": collection,
        "output_ext": output_ext,
        "path": rel_path,
        "name": slugify(basename),
        "title": slugify(slug, "pretty", cased=True),
        "slug": slugify(slug),
        "categories": "/".join(cats),
        "slugified_categories": "/".join(slug_cats),
    }
    if date is not None:
        return _DateValues(values, date)
    return values


_DATE_FORMATS = {"year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M",
                 "second": "%S", "short_month": "%b", "long_month": "%B", "short_year": "%y",
                 "y_day": "%j", "short_day": "%a", "long_day": "%A"}
_DATE_KEYS = frozenset(_DATE_FORMATS) | {"i_day", "i_month", "week", "w_year", "w_day"}


class _DateValues(dict):
    """Placeholder values whose date parts are formatted only when a template uses them
    (a permalink uses three or four of seventeen; a site has thousands of posts)."""

    def __init__(self, values: dict, date: _dt.datetime):
        super().__init__(values)
        self._date = date

    def __contains__(self, key: object) -> bool:
        return key in _DATE_KEYS or dict.__contains__(self, key)

    def __missing__(self, key: str) -> str:
        d = self._date
        shift = getattr(d, "year_shift", 0)     # a year Python cannot hold (timeutil)
        if key == "year" and shift:
            value = format_year(d.year + shift)
        elif key in _DATE_FORMATS:
            value = d.strftime(_DATE_FORMATS[key])
        elif key == "i_day":
            value = str(d.day)
        elif key == "i_month":
            value = str(d.month)
        else:
            year, week, weekday = d.isocalendar()
            value = {"week": f"{week:02d}", "w_year": str(year + shift),
                     "w_day": str(weekday)}[key]
        self[key] = value
        return value


def document_url(template: str, values: Mapping[str, str | None],
                 permalink: str | None = None) -> str:
    """URL of a post/collection document. ``permalink`` is the front matter value, if any."""
    return sanitize_url(fill_template(permalink if permalink else template, values))


def page_template(*, html: bool, index: bool, permalink_style: str | None) -> str:
    if not html:
        return "/:path/:basename:output_ext"
    if index:
        return "/:path/"
    return add_permalink_suffix("/:path/:basename", permalink_style)


def page_url(*, dir: str, basename: str, output_ext: str, html: bool,
             permalink_style: str | None, permalink: str | None = None) -> str:
    """URL of a page. Only ``:path``, ``:basename`` and ``:output_ext`` are placeholders."""
    template = permalink if permalink else page_template(
        html=html, index=basename == "index", permalink_style=permalink_style)
    values = {"path": dir.strip("/") or None, "basename": basename, "output_ext": output_ext}
    return sanitize_url(fill_template(template, values, strict=False))


def url_to_path(url: str, output_ext: str, *, page: bool = False) -> str:
    """The destination path (relative, POSIX, decoded) a URL is written to. As Jekyll's
    ``sanitized_path``, ``.`` and ``..`` (also percent-encoded ones) are resolved from the
    destination's root and never climb above it."""
    path = posixpath.normpath("/" + unescape_path(url)).lstrip("/")
    if path == ".":
        path = ""
    if url.endswith("/") or not path:
        name = ("index" + output_ext) if page else "index.html"
        return posixpath.join(path, name)
    if not path.endswith(output_ext):
        path += output_ext
    return path


def titleize_slug(slug: str) -> str:
    """Jekyll's ``Utils.titleize_slug``: split on '-', Ruby-capitalize each piece."""
    return " ".join(p[:1].upper() + p[1:].lower() for p in slug.split("-"))
