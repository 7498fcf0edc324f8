"""The search page and the error index page of theme sites (``blogtool.search_url``,
``blogtool.errors_url``); their lists are filled in the browser (search) and from
``site.errors`` (errors) when they render."""
from __future__ import annotations

from ...labels import label
from ...models import Document
from ...search import options
from .pages import make_page, virtual_path


def theme_pages(config: dict, lang: str) -> list[Document]:
    opts = options(config, theme_site=True)
    docs = []
    if opts.search:
        docs.append(make_page(virtual_path("search", "index.html"), opts.search_url,
                              data={"title": label(lang, "search"), "kind": "search",
                                    "layout": None, "sitemap": False, "search": False},
                              template="search.html"))
    if opts.errors:
        docs.append(make_page(virtual_path("errors", "index.html"), opts.errors_url,
                              data={"title": label(lang, "errors"), "kind": "errors",
                                    "layout": None},
                              template="errors.html"))
    return docs
