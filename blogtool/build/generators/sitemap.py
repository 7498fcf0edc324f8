"""Sitemaps: the theme's ``/sitemap.xml`` and ``/robots.txt`` (every page, written directly as
text), and, for Jekyll sites with ``plugins: [jekyll-sitemap]``, the two files jekyll-sitemap
1.4.0 writes, byte for byte in its shape, by :func:`jekyll_sitemap_xml` and
:func:`jekyll_robots_txt` from the site payload."""
from __future__ import annotations

from typing import Any

from ... import filters
from ...liquid import jekyll_ruby as ruby
from ...models import Document, Sources
from ..payload import static_payload
from ..settings import Settings
from .pages import make_page, virtual_path
from .values import PageView, default, items, prop, select, text, truthy

SITEMAP_PRODUCER = "jekyll-sitemap"
ROBOTS_PRODUCER = "jekyll-sitemap-robots"
SITEMAP_EXTS = (".htm", ".html", ".xhtml", ".pdf")
_INDEX = "/index.html"
_HTML_URL = (".html", ".htm", ".xhtml", "/")


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what a URL in the theme's sitemap needs; the
    standard library's XML helper imports its URL-fetching modules, 3 ms of every build)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _loc(url: str, settings: Settings) -> str:
    return _escape(filters.absolute_url(url.replace(_INDEX, "/", 1), settings.url,
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
    for collection_docs in sources.documents.values():
        docs.extend(collection_docs)
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
                             output_ext=".xml",
                             data={"layout": None, "static_files": statics,
                                   "xsl": "/sitemap.xsl" in taken, "path": "sitemap.xml"}))
        out[-1].producer = SITEMAP_PRODUCER
    if "/robots.txt" not in taken:
        out.append(make_page(virtual_path("jekyll-sitemap", "robots.txt"), "/robots.txt",
                             output_ext=".txt", data={"layout": None, "path": "robots.txt"}))
        out[-1].producer = ROBOTS_PRODUCER
    return out


# --- jekyll-sitemap's text ---------------------------------------------------------------------

_URLSET = ('<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
           'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
           'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')


def jekyll_sitemap_xml(view: PageView) -> str:
    """A ``<url>`` per document of every written collection, then per HTML page, then per
    listed static file (each unless ``sitemap: false``; never the 404 page), one element per
    line. Documents carry their ``last_modified_at`` or date, pages only ``last_modified_at``,
    static files their modification time."""
    site = view.site
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if truthy(view.page.get("xsl")):
        out.append(f'<?xml-stylesheet type="text/xsl" '
                   f'href="{text(view.absolute("/sitemap.xsl"))}"?>\n')
    out.append(_URLSET + "\n")
    for collection in _listed(select(site.get("collections"),
                                     lambda c: prop(c, "output") is not False)):
        for doc in _listed(prop(collection, "docs")):
            modified = prop(doc, "last_modified_at")
            date = prop(doc, "date")
            out.append(_url(view, prop(doc, "url"), default(modified, date),
                            truthy(modified) or truthy(date)))
    pages = [p for p in _listed(site.get("html_pages")) if prop(p, "url") != "/404.html"]
    for page in pages:
        modified = prop(page, "last_modified_at")
        out.append(_url(view, prop(page, "url"), modified, truthy(modified)))
    files = [f for f in _listed(view.page.get("static_files")) if prop(f, "name") != "404.html"]
    for file in files:
        out.append(_url(view, prop(file, "path"), prop(file, "modified_time"), True))
    out.append("</urlset>\n")
    return "".join(out)


def _listed(entries: Any) -> list:
    """The entries that do not say ``sitemap: false``."""
    return items(select(entries, lambda e: prop(e, "sitemap") is not False))


def _url(view: PageView, path: Any, stamp: Any, dated: bool) -> str:
    """One ``<url>``: its ``/index.html`` turned into ``/``, made absolute, and, when
    ``dated``, a ``<lastmod>`` with ``stamp`` as an XML Schema time."""
    loc = view.absolute(text(path).replace(_INDEX, "/"))
    lines = [f"<url>\n<loc>{ruby.xml_escape(loc)}</loc>\n"]
    if dated:
        lines.append(f"<lastmod>{text(view.xmlschema(stamp))}</lastmod>\n")
    lines.append("</url>\n")
    return "".join(lines)


def jekyll_robots_txt(view: PageView) -> str:
    """One line pointing crawlers at the sitemap."""
    return f"Sitemap: {text(view.absolute('sitemap.xml'))}\n"
