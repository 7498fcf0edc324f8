"""jekyll-redirect-from (0.16.0): a redirect page at every ``redirect_from:`` path, a document
with ``redirect_to:`` turned into a redirect, and ``redirects.json``, as the plugin writes them.

As in the plugin, a redirect (page or document) has empty content and the ``redirect`` layout:
the site's own layout of that name when it has one, else the plugin's small HTML page, written
by :func:`redirect_html`. A document with ``redirect_to:`` keeps its excerpt (Jekyll makes
excerpts when it reads the posts, before the plugin runs)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ... import filters, urls
from ...models import Document, Sources
from ..settings import Settings
from .pages import make_page, virtual_path
from .values import PageView, prop, text

PRODUCER = "jekyll-redirect"                  # empty content, the plugin's redirect page
OWN_LAYOUT_PRODUCER = "jekyll-redirect-own"   # empty content, the site's redirect layout
_HTTP = re.compile(r"^https?://")


def _as_list(value: Any) -> list[str]:
    if value in (None, "", False):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _target(to: str, settings: Settings) -> str:
    return to if _HTTP.match(to) else (filters.absolute_url(to, settings.url,
                                                            settings.baseurl) or "")


def _redirect_data(sources: Sources, source_from: str, to: str) -> tuple[dict, str]:
    """Front matter and producer of a redirect."""
    data: dict[str, Any] = {"sitemap": False, "layout": "redirect",
                            "redirect": {"from": source_from, "to": to}}
    return data, OWN_LAYOUT_PRODUCER if "redirect" in sources.layouts else PRODUCER


def jekyll_redirects(sources: Sources, config: dict, settings: Settings) -> list[Document]:
    redirects: dict[str, str] = {}
    out: list[Document] = []
    written = [d for d in sources.all_documents() if d.write]
    for doc in written:
        for path in _as_list(doc.data.get("redirect_from")):
            source_from = path if path.startswith("/") else "/" + path
            to = _target(doc.url, settings)
            data, producer = _redirect_data(sources, source_from, to)
            data["permalink"] = source_from
            url = urls.page_url(dir="", basename="redirect", output_ext=".html", html=True,
                                permalink_style=settings.permalink, permalink=source_from)
            page = make_page(virtual_path("redirect-from", url, "redirect.html"), url,
                             data=data, ext=".html")
            page.producer = producer
            out.append(page)
            redirects[source_from] = to
        targets = _as_list(doc.data.get("redirect_to"))
        if targets:
            to = _target(targets[0], settings)
            data, producer = _redirect_data(sources, doc.url, to)
            data["permalink"] = doc.url
            doc.data.update(data)          # the plugin merges the redirect over the document
            doc.producer = producer
            redirects[doc.url] = to
    json_enabled = (config.get("redirect_from") or {}).get("json", True) \
        if isinstance(config.get("redirect_from"), dict) else True
    if json_enabled is not False and not (Path(settings.source) / "redirects.json").exists():
        out.append(make_page(virtual_path("redirect-from", "redirects.json"), "/redirects.json",
                             output_ext=".json",
                             body=json.dumps(redirects, ensure_ascii=False,
                                             separators=(",", ":")),
                             data={"layout": None, "render_with_liquid": False}))
    return out


def redirect_html(view: PageView) -> str:
    """A page that sends the reader on to ``page.redirect.to`` (link, script and refresh) and
    keeps itself out of search indexes."""
    to = text(prop(view.page.get("redirect"), "to"))
    lines = ['<!DOCTYPE html>', '<html lang="en-US">',
             '  <meta charset="utf-8">',
             '  <title>Redirecting&hellip;</title>',
             f'  <link rel="canonical" href="{to}">',
             f'  <script>location="{to}"</script>',
             f'  <meta http-equiv="refresh" content="0; url={to}">',
             '  <meta name="robots" content="noindex">',
             '  <h1>Redirecting&hellip;</h1>',
             f'  <a href="{to}">Click here if you are not redirected.</a>',
             '</html>', '']
    return "\n".join(lines)
