"""Search and the error index (README "Search" and "Error index").

* :mod:`.signatures`: the errors in one block's text, as signatures;
* :mod:`.blocks`: a rendered document's blocks scanned once, ids on the ones with errors
  (``page.errors``);
* :mod:`.index`: ``site.errors``, grouped by exception, built after the posts are converted;
* :mod:`.pagefind`: the Pagefind index of the new site, staged with it;
* :mod:`.refresh`: serve's index of a site patched in place, brought up to date after it;
* :mod:`.pages`: the ``/search/`` and ``/errors/`` pages of theme sites.

Switches, under ``blogtool:`` in ``_config.yml``: ``search`` and ``errors`` (on for theme
sites; off for Jekyll sites, where ``search: true`` also turns the error data on unless
``errors: false``), ``search_url`` and ``errors_url``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BuildError
from ..models import Document

if TYPE_CHECKING:
    from .refresh import Refresh

# The scanning, index and Pagefind modules are imported by the functions that use them, when
# the site has search or the error index on: a Jekyll site (both off by default) does not pay
# for their import (their patterns compile at import time: about 15 ms of every build).

__all__ = ["SearchOptions", "options", "scan_document", "attach_site", "indexable",
           "index_site"]


@dataclass(frozen=True)
class SearchOptions:
    search: bool
    errors: bool
    search_url: str
    errors_url: str


def _switch(bt: Mapping[str, Any], key: str) -> bool | None:
    value = bt.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise BuildError("_config.yml", None, f"blogtool.{key} must be true or false, "
                                          f"not '{value}'")


def _url(bt: Mapping[str, Any], key: str, default: str) -> str:
    value = bt.get(key)
    if value in (None, ""):
        return default
    text = str(value).strip()
    if not text.startswith("/") or any(c in text for c in " ?#\"'<>"):
        raise BuildError("_config.yml", None, f"blogtool.{key} must be a path starting "
                                              f"with '/', not '{value}'")
    return text


def options(config: Mapping[str, Any], theme_site: bool) -> SearchOptions:
    """The site's search and error-index switches (``config`` is the site config or the
    ``site`` payload: both carry ``blogtool``)."""
    bt = dict.get(config, "blogtool") if isinstance(config, dict) else config.get("blogtool")
    bt = bt if isinstance(bt, Mapping) else {}
    search = _switch(bt, "search")
    errors = _switch(bt, "errors")
    search = theme_site if search is None else search
    errors = (theme_site or search) if errors is None else errors
    return SearchOptions(search, errors, _url(bt, "search_url", "/search/"),
                         _url(bt, "errors_url", "/errors/"))


def scan_document(doc: Document, page: dict, site: Mapping[str, Any], theme_site: bool) -> None:
    """Give a converted document its ``page.errors`` (and ids on the blocks they come
    from), when the site has the error index on."""
    if not (doc.markdown or doc.kind == "post") or doc.output_ext != ".html":
        return
    if not options(site, theme_site).errors:
        return
    content = dict.get(page, "content")
    if not isinstance(content, str):
        return
    from .blocks import scan_html
    page["content"], page["errors"] = scan_html(content)


def indexable(doc: Document) -> bool:
    """Pages worth finding: posts, collection documents and Markdown pages (front matter
    ``search: false`` leaves one out, ``search: true`` takes any HTML page in)."""
    wanted = doc.data.get("search")
    if doc.output_ext != ".html" or not doc.write or wanted is False:
        return False
    if wanted is True:
        return True
    return not doc.generated and (doc.kind != "page" or doc.markdown)


def attach_site(site: dict, docs: list[dict[str, Any]], theme_site: bool) -> None:
    """``site.blogtool_search`` (the switches and URLs, for layouts) and ``site.errors`` (the
    error index of ``docs``, the converted posts and documents, newest first)."""
    opts = options(site, theme_site)
    site["blogtool_search"] = {"enabled": opts.search, "url": opts.search_url,
                               "errors": opts.errors, "errors_url": opts.errors_url}
    if opts.errors:
        from .index import site_errors
        dated = [d for d in docs if dict.get(d, "errors")]
        dated.sort(key=lambda d: str(dict.get(d, "date") or ""), reverse=True)
        site["errors"] = site_errors(dated)


def index_site(staged: Path, live: Path, docs: Iterable[Document], site: Mapping[str, Any],
               theme_site: bool, patch: bool, later: bool = False
               ) -> tuple[list[str], Refresh | None]:
    """Build the search index of the new site (when search is on); returns the bundle's
    paths, which the caller records as outputs of the build. ``later`` (serve), for a site
    patched in place: the live bundle is kept as it is, and the second value, when the
    indexed pages changed, is the run to start once the pages are live."""
    if not options(site, theme_site).search:
        return [], None
    pages = [d.dest for d in docs if indexable(d)]
    if later and patch:
        from .refresh import plan_refresh
        return plan_refresh(staged, live, pages)
    from .pagefind import build_index
    return build_index(staged, live, pages, patch=patch), None
