"""Date and term archives: the theme's yearly archive page (``/archive/``), and the
jekyll-archives plugin (2.2.1) for Jekyll sites, with its config keys, URLs and ``page.*``
shapes (``type``, ``title``, ``date``, ``posts``), rendered with the site's own layout."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from ... import urls
from ...labels import label
from ...models import Document, Sources
from ..config import deep_merge
from .pages import make_page, refs, virtual_path

ARCHIVE_URL = "/archive/"

DEFAULTS: dict[str, Any] = {
    "layout": "archive",
    "enabled": [],
    "permalinks": {
        "year": "/:year/",
        "month": "/:year/:month/",
        "day": "/:year/:month/:day/",
        "tag": "/tag/:name/",
        "category": "/category/:name/",
    },
}



def _date(doc: Document) -> Any:
    """A post's date (posts always have one)."""
    assert doc.date is not None, doc.rel_path
    return doc.date

def theme_archive(posts: list[Document], lang: str) -> Document:
    """All posts grouped by year, newest year first."""
    years: dict[str, list[Document]] = {}
    for doc in reversed(posts):
        if doc.date is None:
            continue
        years.setdefault(doc.date.strftime("%Y"), []).append(doc)
    data = {"title": label(lang, "archive"), "kind": "archive", "layout": None,
            "years": [{"year": y, "count": len(items), "posts": refs(items)}
                      for y, items in years.items()]}
    return make_page(virtual_path("archive", "index.html"), ARCHIVE_URL, data=data,
                     template="archive.html")


# --- jekyll-archives ---------------------------------------------------------------------------

def _enabled(config: dict, kind: str) -> bool:
    enabled = config.get("enabled")
    if enabled is True or enabled == "all":
        return True
    return isinstance(enabled, list) and kind in enabled


def _post_attr_hash(posts: list[Document], attr: str) -> dict[Any, list[Document]]:
    """Jekyll's ``Site#post_attr_hash``: keys in first appearance, posts newest first."""
    out: dict[Any, list[Document]] = {}
    for doc in posts:
        for value in (doc.tags if attr == "tags" else doc.categories):
            out.setdefault(value, []).append(doc)
    return {k: list(reversed(v)) for k, v in out.items()}


def _archive(settings_config: dict, kind: str, title: Any, posts: list[Document]
             ) -> Document:
    layouts = settings_config.get("layouts") or {}
    layout = layouts.get(kind) if isinstance(layouts, dict) and layouts.get(kind) \
        else settings_config.get("layout")
    template = str((settings_config.get("permalinks") or {}).get(kind) or
                   DEFAULTS["permalinks"][kind])
    date = None
    if isinstance(title, dict):
        values = {**title, "type": kind}
        parts = [int(title["year"]), int(title.get("month", 1)), int(title.get("day", 1))]
        date = _dt.date(*parts)
        name = None
    else:
        name = str(title)
        values = {"name": urls.slugify(name), "type": kind}
    url = urls.sanitize_url(urls.fill_template(template, values, strict=False))
    path = urls.url_to_path(url, ".html", page=True)
    data = {"layout": layout, "type": kind, "title": name, "date": date, "posts": refs(posts),
            "name": "index", "path": path}
    return make_page(virtual_path("archives", kind, path), url, data=data)


def jekyll_archives(sources: Sources, config: dict) -> list[Document]:
    """The plugin's pages in its order: tags, categories, then years (months, days inside)."""
    cfg = deep_merge(DEFAULTS, config.get("jekyll-archives") or {})
    posts = sources.posts
    out: list[Document] = []
    for attr, kind in (("tags", "tag"), ("categories", "category")):
        if _enabled(cfg, attr):
            for title, items in _post_attr_hash(posts, attr).items():
                out.append(_archive(cfg, kind, title, items))
    years: dict[str, list[Document]] = {}
    for doc in posts:
        if doc.date is not None:
            years.setdefault(doc.date.strftime("%Y"), []).append(doc)
    for year, year_posts in years.items():
        if _enabled(cfg, "year"):
            out.append(_archive(cfg, "year", {"year": year}, list(reversed(year_posts))))
        months: dict[str, list[Document]] = {}
        for doc in year_posts:
            months.setdefault(_date(doc).strftime("%m"), []).append(doc)
        for month, month_posts in months.items():
            if _enabled(cfg, "month"):
                out.append(_archive(cfg, "month", {"year": year, "month": month},
                                    list(reversed(month_posts))))
            days: dict[str, list[Document]] = {}
            for doc in month_posts:
                days.setdefault(_date(doc).strftime("%d"), []).append(doc)
            for day, day_posts in days.items():
                if _enabled(cfg, "day"):
                    out.append(_archive(cfg, "day", {"year": year, "month": month, "day": day},
                                        list(reversed(day_posts))))
    return out
