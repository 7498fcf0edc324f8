"""Pagination: the theme's paginated lists (home, tag and category pages) and the
jekyll-paginate plugin (1.1.0) for Jekyll sites, in that plugin's shapes and URLs."""
from __future__ import annotations

import math
import posixpath
from typing import Any

from ...errors import Diagnostics
from ...models import Document, Sources
from .pages import chunk, make_page, refs, virtual_path


def numbered_url(first_url: str, number: int) -> str:
    """The theme's URL of page ``number`` of a list whose first page is ``first_url``:
    ``/tags/flume/`` -> ``/tags/flume/page/2/``. Nested under the first page, so page URLs
    of one list can never be the URL of another term."""
    if number <= 1:
        return first_url
    base = first_url if first_url.endswith("/") else posixpath.splitext(first_url)[0] + "/"
    return f"{base}page/{number}/"


def paginator(number: int, per_page: int, posts: list[Document], total_posts: int,
              total_pages: int, path_of) -> dict[str, Any]:
    """jekyll-paginate's ``paginator`` keys; paths without baseurl, as the plugin gives them."""
    prev_page = number - 1 if number > 1 else None
    next_page = number + 1 if number < total_pages else None
    return {
        "page": number,
        "per_page": per_page,
        "posts": refs(posts),
        "total_posts": total_posts,
        "total_pages": total_pages,
        "previous_page": prev_page,
        "previous_page_path": path_of(prev_page) if prev_page else None,
        "next_page": next_page,
        "next_page_path": path_of(next_page) if next_page else None,
    }


def theme_pages(posts: list[Document], per_page: int, first_url: str
                ) -> list[tuple[str, dict[str, Any]]]:
    """(url, paginator) for each page of a theme list; an empty list still has one page."""
    pages = chunk(posts, per_page)
    total = len(pages)
    path_of = lambda n: numbered_url(first_url, n)  # noqa: E731
    return [(numbered_url(first_url, i), paginator(i, per_page, items, len(posts), total,
                                                   path_of))
            for i, items in enumerate(pages, 1)]


# --- jekyll-paginate ---------------------------------------------------------------------------

def _in_hierarchy(page_dir: str, paginate_dir: str) -> bool:
    """The plugin's ``in_hierarchy``: the page's folder is the paginate_path's folder or one
    of its parents (paths relative to the source, "" for the root)."""
    current = paginate_dir
    while True:
        if page_dir == current:
            return True
        if current == "":
            return False
        current = posixpath.dirname(current)


def _template_page(pages: list[Document], paginate_path: str) -> Document | None:
    target = posixpath.dirname(paginate_path.strip("/")) if "/" in paginate_path.strip("/") \
        else ""
    candidates = [p for p in pages if p.name == "index.html"
                  and _in_hierarchy(posixpath.dirname(p.rel_path), target)]
    candidates.sort(key=lambda p: len(p.rel_path), reverse=True)
    return candidates[0] if candidates else None


def jekyll_paginate(sources: Sources, config: dict, diagnostics: Diagnostics) -> list[Document]:
    """Copies of the site's ``index.html`` at ``paginate_path`` (``/page2/`` ...); page 1 is the
    template itself, which gets its ``paginator`` in its own data."""
    raw = config.get("paginate")
    if raw is None or not sources.pages:
        return []
    try:
        per_page = int(str(raw).strip() or 0)
    except ValueError:
        per_page = 0
    if per_page <= 0:
        diagnostics.warn("_config.yml", None, f"paginate: '{raw}' is not a positive number; "
                                              f"pagination skipped")
        return []
    paginate_path = str(config.get("paginate_path") or "/page:num")
    template = _template_page(sources.pages, paginate_path)
    if template is None:
        diagnostics.info("Pagination: Pagination is enabled, but I couldn't find an index.html "
                         "page to use as the pagination template. Skipping pagination.")
        return []
    posts = [d for d in reversed(sources.posts) if not d.data.get("hidden")]
    total = math.ceil(len(posts) / per_page)

    def path_of(n: int) -> str:
        if n <= 1:
            return template.url
        path = paginate_path.replace(":num", str(n), 1)
        return path if path.startswith("/") else "/" + path

    out: list[Document] = []
    for number in range(1, total + 1):
        items = posts[(number - 1) * per_page: number * per_page]
        pager = paginator(number, per_page, items, len(posts), total, path_of)
        if number == 1:
            template.data["paginator"] = pager
            continue
        folder = path_of(number).rstrip("/")
        data = dict(template.data)
        data.update({"paginator": pager, "path": template.rel_path, "name": template.name})
        out.append(make_page(virtual_path("paginate", folder, template.name), folder + "/",
                             data=data, body=template.body, body_line=template.body_line,
                             ext=template.ext))
        out[-1].markdown = template.markdown
    return out
