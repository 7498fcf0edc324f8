"""Site-wide generators: documents made from the whole site (tag and category pages,
pagination, feed, sitemap, archives) and theme assets. Later stages treat generated documents
like any other page: no special cases after this point.

Two kinds of site (README "Two kinds of site"):

* theme sites (no ``_layouts/``) get blogtool's pages: home (paginated), tag and category
  pages and their indexes, a yearly archive, 404, Atom feed, sitemap and robots.txt; a site's
  own file at any of those URLs wins;
* Jekyll sites get only what their ``plugins:`` ask for (jekyll-feed, jekyll-sitemap,
  jekyll-paginate, jekyll-archives, jekyll-redirect-from), in those plugins' shapes, rendered
  with the site's Liquid layouts.

Generated documents refer to posts by source path (:class:`PostRefs`); :func:`attach` swaps
them for the posts' ``page.*`` dicts, which the render waves later fill with content.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...errors import BuildError, Diagnostics
from ...labels import label, site_lang
from ...models import Document, Sources
from ..settings import Settings
from . import archives, assets, feed, paginate, redirects, searchpages, sitemap, taxonomy
from .pages import PostRefs, make_page, virtual_path

__all__ = ["generate", "attach", "write_assets", "PostRefs"]

HTML_URL_ENDINGS = ("/", ".html", ".htm", ".xhtml")


def generate(sources: Sources, config: dict, settings: Settings,
             diagnostics: Diagnostics) -> list[Document]:
    """Documents to add to the site. Theme sites get taxonomy, archive, feed and sitemap
    pages; Jekyll sites only what their ``plugins:`` turn on."""
    if settings.jekyll_site:
        docs = jekyll_plugins(sources, config, settings, diagnostics)
    else:
        docs = theme_site(sources, config, settings)
    return _unique_paths(docs)


def theme_site(sources: Sources, config: dict, settings: Settings) -> list[Document]:
    options = settings.blogtool
    options.check_counts()
    lang = site_lang(config)
    posts = sources.posts
    taken = {d.url for d in sources.all_documents() if d.write} | \
        {f.url for f in sources.static_files if f.write}
    docs: list[Document] = []
    visible = [d for d in reversed(posts) if not d.data.get("hidden")]
    per_page = options.paginate
    if "/" not in taken and "/index.html" not in taken:
        for url, pager in paginate.theme_pages(visible, per_page, "/"):
            title = None if pager["page"] == 1 else \
                label(lang, "page_n").format(n=pager["page"])
            docs.append(make_page(virtual_path("home", f"page{pager['page']}", "index.html"),
                                  url, data={"title": title, "kind": "home", "layout": None,
                                             "paginator": pager},
                                  template="home.html"))
    for kind in ("tag", "category"):
        made, _terms = taxonomy.taxonomy_pages(posts, kind, options, lang)
        docs.extend(made)
    docs.append(archives.theme_archive(posts, lang))
    if "/404.html" not in taken and "/404/" not in taken:
        docs.append(make_page(virtual_path("404.html"), "/404.html",
                              data={"title": label(lang, "not_found"), "kind": "404",
                                    "layout": None, "sitemap": False},
                              template="404.html"))
    if feed.FEED_URL not in taken:
        docs.append(feed.theme_feed(posts, options.feed_posts))
    docs.extend(searchpages.theme_pages(config, lang))
    docs = [d for d in docs if d.url not in taken]
    docs.extend(sitemap.theme_sitemap(sources, docs, settings))
    return docs


def jekyll_plugins(sources: Sources, config: dict, settings: Settings,
                   diagnostics: Diagnostics) -> list[Document]:
    """The files Jekyll's plugins would add, in the order Jekyll runs their generators:
    normal priority first (archives, redirect-from), then lowest (paginate, feed, sitemap),
    each group in the order ``plugins:`` lists (requires) them, so ``site.pages`` ends the
    same way."""
    makers: dict[str, tuple[int, Callable[[], list[Document]]]] = {
        "jekyll-archives": (0, lambda: archives.jekyll_archives(sources, config)),
        "jekyll-redirect-from": (0, lambda: redirects.jekyll_redirects(sources, config,
                                                                        settings)),
        "jekyll-paginate": (1, lambda: paginate.jekyll_paginate(sources, config, diagnostics)),
        "jekyll-feed": (1, lambda: feed.jekyll_feed(sources, config, settings)),
        "jekyll-sitemap": (1, lambda: sitemap.jekyll_sitemap(sources, settings)),
    }
    order = list(dict.fromkeys(p for p in settings.plugins if p in makers))
    docs: list[Document] = []
    for name in sorted(order, key=lambda n: (makers[n][0], order.index(n))):
        docs.extend(makers[name][1]())
    return docs


def _unique_paths(docs: list[Document]) -> list[Document]:
    """Virtual paths are keys of the build; two generated pages at one URL (a Jekyll
    archive with an empty slug, say) must still be two documents."""
    seen: set[str] = set()
    for doc in docs:
        if doc.rel_path in seen:
            n = 2
            while f"{doc.rel_path}~{n}" in seen:
                n += 1
            doc.rel_path = f"{doc.rel_path}~{n}"
        seen.add(doc.rel_path)
    return docs


def _resolve(value: Any, payloads: dict[str, dict]) -> Any:
    if isinstance(value, PostRefs):
        return [payloads[p] for p in value if p in payloads]
    if isinstance(value, dict):
        return {k: _resolve(v, payloads) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, payloads) for v in value]
    return value


def attach(site: dict[str, Any], generated: list[Document], payloads: dict[str, dict]) -> None:
    """Expose generated documents in ``site.pages``/``site.html_pages`` (after the site's own
    pages, in generator order, as Jekyll's plugins append them: verified with jekyll-sitemap's
    order) and turn post references into the posts' ``page.*`` dicts."""
    for doc in generated:
        payload = payloads[doc.rel_path]
        for key, value in list(payload.items()):
            if isinstance(value, (PostRefs, dict, list)):
                payload[key] = _resolve(value, payloads)
        if "name" in doc.data:
            payload["name"] = doc.data["name"]
    for payload in payloads.values():   # jekyll-paginate's page 1 is the site's own index
        pager = payload.get("paginator")
        if isinstance(pager, dict) and isinstance(pager.get("posts"), PostRefs):
            payload["paginator"] = _resolve(pager, payloads)
    if not generated:
        return
    taxonomy_urls: dict[str, dict[str, str]] = {}
    index: dict[str, str] = {}
    for doc in generated:
        if doc.template in ("tags.html", "categories.html"):
            kind = "tag" if doc.template == "tags.html" else "category"
            taxonomy_urls[kind] = {taxonomy.term_key(t["name"]): t["url"]
                                   for t in doc.data.get("terms") or []}
            index[kind] = doc.url
    if taxonomy_urls:
        site["taxonomy_urls"] = taxonomy_urls
        site["taxonomy_index"] = index
    pages = list(site.get("pages") or []) + [payloads[d.rel_path] for d in generated
                                             if d.write]
    site["pages"] = pages
    site["html_pages"] = [p for p in pages if str(p.get("url", "")).endswith(HTML_URL_ENDINGS)]


def write_assets(staging, settings: Settings, config: dict, theme_site: bool) -> int:
    """Files the theme needs (its stylesheet with code colours); nothing for Jekyll sites,
    and nothing where the site has its own file. Returns how many files it wrote."""
    if not theme_site:
        return 0
    if (Path(settings.source) / assets.STYLESHEET).exists():
        return 0
    options = settings.blogtool
    try:
        css = assets.stylesheet(settings.source, options.code_style, options.code_style_dark)
    except Exception as exc:   # pygments.util.ClassNotFound for an unknown style
        raise BuildError("_config.yml", None, f"blogtool.code_style: {exc}") from None
    staging.write(assets.STYLESHEET, css.encode("utf-8"))
    return 1
