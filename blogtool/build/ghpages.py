"""The parts of the ``github-pages`` profile that are not configuration: two plugins GitHub
Pages always runs and that change which files exist and where links point.

* jekyll-optional-front-matter (0.3.2): Markdown files *without* front matter become pages
  (``notes.md`` -> ``/notes.html``) instead of being copied raw; README, LICENSE and friends
  stay static unless listed in ``include:``; ``require_front_matter: true`` or
  ``optional_front_matter: {enabled: false}`` turn it off; with
  ``optional_front_matter: {remove_originals: true}`` the raw ``.md`` is no longer copied.
* jekyll-relative-links (0.6.1): in Markdown pages (and, with
  ``relative_links: {collections: true}``, posts and collection documents) a Markdown link or
  reference definition whose target is a file of the site (``[x](other.md)``,
  ``[x](../img/a.png#f "t")``) is rewritten, in the source text before Liquid and Markdown, to
  ``relative_url`` of that file's URL. Links to unknown files, absolute URLs and fragments are
  left alone. Its regexes are the plugin's, so it rewrites what the plugin rewrites (also
  inside code blocks).

Pure functions over paths and text; the pipeline decides when to call them (README,
"Migrating a Jekyll site", ``compat: github-pages``).
"""
from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from ..filters import relative_url

# --- jekyll-optional-front-matter ------------------------------------------------------------

FILENAME_BLACKLIST = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT",
                                "CONTRIBUTING", "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE"})


def _option(config: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = config.get(key)
    return value if isinstance(value, Mapping) else {}


def optional_front_matter_enabled(config: Mapping[str, Any]) -> bool:
    if config.get("require_front_matter"):
        return False
    return config.get("optional_front_matter") is not False and \
        _option(config, "optional_front_matter").get("enabled") is not False


def optional_front_matter_removes_originals(config: Mapping[str, Any]) -> bool:
    """True when the raw ``.md`` should no longer be copied next to the new page."""
    return _option(config, "optional_front_matter").get("remove_originals") is True


def _included(patterns: Iterable[str], rel_path: str) -> bool:
    """Jekyll's EntryFilter#included? (glob or prefix match against ``include:``)."""
    name = rel_path.rsplit("/", 1)[-1]
    for pattern in patterns:
        pattern = str(pattern).lstrip("/")
        if fnmatch.fnmatchcase(rel_path, pattern) or fnmatch.fnmatchcase(name, pattern) or \
                rel_path.startswith(pattern):
            return True
    return False


def optional_front_matter_pages(static_paths: Iterable[str], config: Mapping[str, Any],
                                markdown_exts: Iterable[str]) -> list[str]:
    """Source-relative paths of static files (files read without front matter) that GitHub
    Pages renders as pages: Markdown by extension, minus README/LICENSE/... (by base name,
    any case) unless ``include:`` lists them. Order is kept."""
    if not optional_front_matter_enabled(config):
        return []
    exts = {e.lower() for e in markdown_exts}
    include = config.get("include") or ()
    out = []
    for rel in static_paths:
        name = rel.rsplit("/", 1)[-1]
        stem, ext = posixpath.splitext(name)
        if ext.lower() not in exts:
            continue
        if stem.upper() in FILENAME_BLACKLIST and not _included(include, rel):
            continue
        out.append(rel)
    return out


# --- jekyll-relative-links -------------------------------------------------------------------

_LINK_TEXT = r"(.*?)"
_FRAGMENT = r"(#.+?|)?"
_TITLE = r"""(\s+"(?:\\"|[^"])*(?<!\\)"|\s+'(?:\\'|[^'])*(?<!\\)')?"""
_INLINE = rf"\[{_LINK_TEXT}\]\(([^)]+?){_FRAGMENT}{_TITLE}\)"
_REFERENCE = rf"^\s*?\[{_LINK_TEXT}\]: (.+?){_FRAGMENT}{_TITLE}\s*?$"
LINK_RE = re.compile(rf"({_INLINE}|{_REFERENCE})", re.M)
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class RelativeLinksOptions:
    """``relative_links:`` in ``_config.yml``."""

    enabled: bool = True
    collections: bool = False
    exclude: tuple[str, ...] = ()


def relative_links_options(config: Mapping[str, Any]) -> RelativeLinksOptions:
    raw = _option(config, "relative_links")
    exclude = raw.get("exclude") or ()
    if isinstance(exclude, str):
        exclude = (exclude,)
    return RelativeLinksOptions(enabled=raw.get("enabled") is not False,
                                collections=raw.get("collections") is True,
                                exclude=tuple(str(e) for e in exclude))


def relative_links_apply(rel_path: str, is_page: bool, options: RelativeLinksOptions,
                         markdown_exts: Iterable[str]) -> bool:
    """Whether the plugin rewrites this document: Markdown by extension, a page (or any
    written document with ``collections: true``), not excluded."""
    if not options.enabled or not (is_page or options.collections):
        return False
    ext = posixpath.splitext(rel_path)[1].lower()
    if ext not in {e.lower() for e in markdown_exts}:
        return False
    return not _included(options.exclude, rel_path)


def _resolve(link: str, rel_path: str) -> str | None:
    """The source-relative path a link names from ``rel_path`` (Ruby's File.expand_path
    against the document's directory); None when it leaves the site."""
    if link.startswith("/"):
        base, link = "", link.lstrip("/")
    else:
        base = posixpath.dirname(rel_path)
    joined = posixpath.normpath(posixpath.join("/", base, link))
    return joined.lstrip("/") if joined != "/" else ""


def rewrite_relative_links(text: str, rel_path: str, targets: Mapping[str, str],
                           baseurl: str = "") -> str:
    """``text`` (a document's source body) with every Markdown link to a site file replaced
    by ``relative_url`` of its URL. ``targets`` maps source-relative paths of pages, static
    files and written documents to their URLs."""
    def replace(m: re.Match) -> str:
        inline = m.group(2) is not None
        text_, path, fragment, title = (m.group(2, 3, 4, 5) if inline else m.group(6, 7, 8, 9))
        if path.startswith("#") or _ABSOLUTE.match(path):
            return m.group(0)
        resolved = _resolve(path, rel_path)
        if resolved is None:
            return m.group(0)
        url = targets.get(unquote_plus(resolved))
        if not url:
            return m.group(0)
        new = (relative_url(url, baseurl) or url) + (fragment or "")
        if inline:
            return f"[{text_}]({new}{title or ''})"
        return f"\n[{text_}]: {new}{title or ''}"

    if "](" not in text and "]:" not in text:
        return text
    return LINK_RE.sub(replace, text)
