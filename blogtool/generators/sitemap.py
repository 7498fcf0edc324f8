"""Sitemaps: the theme's ``/sitemap.xml`` and ``/robots.txt`` (every page, written directly as
text), and the jekyll-sitemap plugin (1.4.0) for Jekyll sites: the plugin's own Liquid
templates, minified as the plugin does."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .. import filters
from ..config import Settings
from ..models import Document, Sources
from ..payload import static_payload
from .pages import make_page, virtual_path
from .plugin_sources import ROBOTS_TXT, SITEMAP_XML

# jekyll-sitemap's MINIFY_REGEX: whitespace after a '>' and newline, or after a '}'.
_MINIFY = re.compile(r"(?:(?<=>\n)|(?<=}))\s+")
SITEMAP_TEMPLATE = _MINIFY.sub("", SITEMAP_XML)
SITEMAP_EXTS = (".htm", ".html", ".xhtml", ".pdf")
_INDEX = "/index.html"
_HTML_URL = (".html", ".htm", ".xhtml", "/")


def _loc(url: str, settings: Settings) -> str:
    return escape(filters.absolute_url(url.replace(_INDEX, "/", 1), settings.url,
                                       settings.baseurl) or "")


def _in_sitemap(doc: Document) -> bool:
    return doc.write and doc.data.get("sitemap") is not False and doc.url != "/404.html" \
        and doc.url.endswith(_HTML_URL)


def theme_sitemap(sources: Sources, generated: list[Document], settings: Settings
                  ) -> list[Document]:
    """``sitemap.xml`` listing every post and HTML page (read or generated), and a
    ``robots.txt`` pointing at it; a site's own file of either name wins."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    docs = list(reversed(sources.posts))
    for items in sources.documents.values():
        docs.extend(items)
    docs.extend(sources.pages)
    docs.extend(generated)
    seen: set[str] = set()
    for doc in docs:
        if not _in_sitemap(doc) or doc.url in seen:
            continue
        seen.add(doc.url)
        modified = doc.data.get("last_modified_at") or doc.date
        lastmod = f"<lastmod>{filters.date_to_xmlschema(modified)}</lastmod>" if modified \
            else ""
        lines.append(f"<url><loc>{_loc(doc.url, settings)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    taken = {d.url for d in sources.pages} | {f.url for f in sources.static_files}
    out = []
    if "/sitemap.xml" not in taken:
        out.append(make_page(virtual_path("sitemap.xml"), "/sitemap.xml", output_ext=".xml",
                             body="\n".join(lines), data={"layout": None, "sitemap": False,
                                                          "render_with_liquid": False}))
    if "/robots.txt" not in taken:
        robots = f"Sitemap: {_loc('/sitemap.xml', settings)}\n"
        out.append(make_page(virtual_path("robots.txt"), "/robots.txt", output_ext=".txt",
                             body=robots, data={"layout": None, "sitemap": False,
                                                "render_with_liquid": False}))
    return out


def jekyll_sitemap(sources: Sources, settings: Settings) -> list[Document]:
    """The plugin's ``sitemap.xml`` and ``robots.txt``, each unless a page or static file
    already has that URL."""
    taken = {d.url for d in sources.pages} | {f.url for f in sources.static_files}
    out = []
    if "/sitemap.xml" not in taken:
        statics = [static_payload(f) for f in sources.static_files
                   if f.name.endswith(SITEMAP_EXTS) and "." + f.name.rsplit(".", 1)[-1]
                   in SITEMAP_EXTS]
        out.append(make_page(virtual_path("jekyll-sitemap", "sitemap.xml"), "/sitemap.xml",
                             output_ext=".xml", body=SITEMAP_TEMPLATE,
                             data={"layout": None, "static_files": statics,
                                   "xsl": "/sitemap.xsl" in taken, "path": "sitemap.xml"}))
    if "/robots.txt" not in taken:
        out.append(make_page(virtual_path("jekyll-sitemap", "robots.txt"), "/robots.txt",
                             output_ext=".txt", body=ROBOTS_TXT,
                             data={"layout": None, "path": "robots.txt"}))
    return out
