"""jekyll-paginate-v2 (3.0) pagination: every page whose front matter has
``pagination: {enabled: true}`` (over ``pagination:`` in ``_config.yml``) is replaced by
numbered copies listing the documents of ``collection`` (posts by default), filtered by
``category``, ``tag`` and ``locale``, sorted by ``sort_field`` (``sort_reverse``),
``offset``, ``per_page`` and ``limit``, at ``permalink`` (``/page:num/``) below the page, with
``title`` (``:title - page :num``) from page 2 on, ``trail``, ``indexpage`` and
``extension``. The plugin's quirks are kept: page 1's URL names its file
(``/index.html``), ``offset`` drops documents from the end of the ascending sort, and a
site that also sets jekyll-paginate's ``paginate:`` stops the build. Auto-pages (tag and
category pages) are not made.
"""
from __future__ import annotations

import datetime as _dt
import math
import posixpath
import re
from collections.abc import Mapping
from functools import cmp_to_key
from typing import Any

from ... import urls
from ...errors import BuildError, Diagnostics
from ...models import Document, Sources
from ..config import deep_merge
from ..generators.pages import make_page, refs, virtual_path
from ..settings import Settings

DEFAULTS: dict[str, Any] = {
    "enabled": False, "collection": "posts", "offset": 0, "per_page": 10,
    "permalink": "/page:num/", "title": ":title - page :num", "page_num": 1,
    "sort_reverse": False, "sort_field": "date", "limit": 0,
    "trail": {"before": 0, "after": 0}, "indexpage": None, "extension": "html"}
_SPLIT = re.compile(r";|,|\s")


def _docs(sources: Sources, names: Any) -> list[Document]:
    if isinstance(names, str):
        names = _SPLIT.split(names)
    out: list[Document] = []
    for name in names or ():
        name = str(name).lower().strip()
        if name == "all":
            for docs in sources.documents.values():
                out += [d for d in docs if "pagination" not in d.data]
        elif name == "posts":
            out += [d for d in sources.posts if "pagination" not in d.data]
        elif name in sources.documents:
            out += [d for d in sources.documents[name] if "pagination" not in d.data]
    return [d for d in out if not d.data.get("hidden")]


def _values(doc: Document, key: str) -> list[str]:
    """The plugin's index keys of a document: the values of ``key``, lower case, a string
    split at ``;``, ``,`` and spaces, each value again at ``;`` and ``,``."""
    raw: Any = doc.categories if key == "categories" else doc.tags if key == "tags" \
        else doc.data.get(key)
    if raw is None or not str(raw).strip() or (hasattr(raw, "__len__") and len(raw) == 0):
        return []
    items = _SPLIT.split(raw) if isinstance(raw, str) else list(raw)
    return [part.lower().strip() for item in items
            for part in re.split(r";|,", str(item).lower().strip())]


def _filter(docs: list[Document], config: Mapping[str, Any], key: str, index_key: str
            ) -> list[Document]:
    wanted = config.get(key)
    if wanted is None:
        return docs
    if isinstance(wanted, str):
        wanted = re.split(r";|,", wanted)
    for value in wanted:
        value = str(value).lower().strip()
        docs = [d for d in docs if value in _values(d, index_key)]
    return docs


def _sort_value(doc: Document, field: str) -> Any:
    value: Any = dict(doc.data)
    value.setdefault("date", doc.date)
    for key in field.split(":"):
        key = key.lower().strip()
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return None if isinstance(value, Mapping) else value


def _compare(a: Any, b: Any) -> int:
    if a is None and b is not None:
        return -1
    if a is not None and b is None:
        return 1
    if isinstance(a, str) and isinstance(b, str):
        a, b = a.lower(), b.lower()
    elif isinstance(a, _dt.date) and isinstance(b, _dt.date):
        a = a if isinstance(a, _dt.datetime) else _dt.datetime(a.year, a.month, a.day)
        b = b if isinstance(b, _dt.datetime) else _dt.datetime(b.year, b.month, b.day)
        if (a.tzinfo is None) != (b.tzinfo is None):
            a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    try:
        return (a > b) - (a < b)
    except TypeError:
        return 0


def _full_path(url: str, index: str, ext: str) -> str:
    if url.endswith("/"):
        return url + index + ext
    if "." not in url:
        return url + index
    return url


def _number(text: str, n: int, total: int) -> str:
    return text.replace(":num", str(n), 1).replace(":max", str(total), 1)


def _join(a: str, b: str) -> str:
    """Ruby's File.join of two URL parts."""
    return a.rstrip("/") + "/" + b.lstrip("/")


def paginate(sources: Sources, config: dict, settings: Settings,
             diagnostics: Diagnostics) -> list[Document]:
    """The pages after page 1; page 1 is the template page itself, changed in place."""
    site_config = config.get("pagination")
    defaults = deep_merge(DEFAULTS, site_config if isinstance(site_config, Mapping) else {})
    if config.get("paginate") is not None:
        if site_config is not None:
            raise BuildError("_config.yml", None, "The new jekyll-paginate-v2 and the old "
                                                  "jekyll-paginate logic cannot both be "
                                                  "configured in the site config at the same "
                                                  "time.")
        raise BuildError("_config.yml", None, "Legacy jekyll-paginate configuration "
                                              "compatibility mode has expired. Please upgrade "
                                              "to jekyll-paginate-v2 configuration.")
    if not defaults.get("enabled"):
        return []
    templates = [p for p in sources.pages if isinstance(p.data.get("pagination"), Mapping)
                 and p.data["pagination"].get("enabled")]
    if not templates:
        diagnostics.info("Pagination: Pages must have 'pagination: enabled: true' in their "
                         "front-matter for pagination to work.")
        return []
    out: list[Document] = []
    for template in templates:
        conf = deep_merge(defaults, template.data["pagination"])
        if conf.get("title_suffix") is not None:
            conf.setdefault("title", ":title" + str(conf["title_suffix"]))
        if not conf.get("enabled"):
            continue
        out += _paginate_one(template, conf, sources, config)
    return out


def _paginate_one(template: Document, conf: Mapping[str, Any], sources: Sources,
                  config: Mapping[str, Any]) -> list[Document]:
    docs = _docs(sources, conf.get("collection"))
    docs = _filter(docs, conf, "category", "categories")
    docs = _filter(docs, conf, "tag", "tags")
    docs = _filter(docs, conf, "locale", "locale")
    if conf.get("sort_field"):
        field = str(conf["sort_field"])
        def order(a: Document, b: Document) -> int:
            return _compare(_sort_value(a, field), _sort_value(b, field))

        docs = sorted(docs, key=cmp_to_key(order))
        offset = max(0, int(conf.get("offset") or 0))
        if offset:
            docs = docs[:-offset] if offset < len(docs) else []
        if conf.get("sort_reverse"):
            docs.reverse()
    per_page = int(conf.get("per_page") or 0)
    total = math.ceil(len(docs) / per_page) if per_page > 0 else 0
    limit = int(conf.get("limit") or 0)
    if 0 < limit < total:
        total = limit
    total = max(total, 1)
    index_name = str(conf["indexpage"]).split(".")[0] if conf.get("indexpage") else ""
    ext = str(conf.get("extension") or "")
    ext = ext if not ext or ext.startswith(".") else "." + ext
    index_with_ext = index_name + ext
    ext_out = posixpath.splitext(index_with_ext)[1] if index_name else ".html"
    permalink = template.data.get("permalink")
    first = str(permalink) if permalink else posixpath.dirname("/" + template.rel_path)
    first = first if first.endswith("/") else first + "/"
    paginated = _join(first, str(conf.get("permalink") or ""))
    first_full, paginated_full = first, paginated
    if index_name:
        first_full = _full_path(first, index_name, ext)
        paginated_full = _full_path(paginated, index_name, ext)
    title = template.data.get("title") or config.get("title")
    pages: list[tuple[Document, dict[str, Any]]] = []
    for n in range(1, total + 1):
        this_url = _full_path(first if n == 1 else paginated, index_name or "index",
                              ext or ".html")
        page_path = _number(this_url, n, total)
        pager: dict[str, Any] = {
            "per_page": per_page,
            "posts": refs(docs[(n - 1) * per_page: n * per_page]),
            "total_posts": len(docs), "total_pages": total, "page": n,
            "page_path": page_path,
            "previous_page": n - 1 if n > 1 else None,
            "previous_page_path": None if n == 1 else (
                _number(first_full, 1, total) if n == 2
                else _number(paginated_full, n - 1, total)),
            "next_page": n + 1 if n < total else None,
            "next_page_path": _number(paginated_full, n + 1, total) if n < total else None,
            "first_page": 1, "first_page_path": _number(first_full, 1, total),
            "last_page": total, "last_page_path": _number(paginated_full, total, total),
            "page_trail": None,
        }
        if page_path.endswith("/"):
            url = _join(page_path, index_with_ext)
        elif ext and page_path.endswith(ext):
            url = page_path
        else:
            url = page_path + ext
        data = dict(template.data)
        data["pagination_info"] = {"curr_page": n, "total_pages": total}
        if permalink:
            data["permalink"] = page_path
        data["title"] = _number(str(conf["title"]).replace(":title", str(title or ""), 1),
                                n, total) if n > 1 and "title" in conf else title
        if n > 1:
            data["autogen"] = "jekyll-paginate-v2"
        data["paginator"] = pager
        if n == 1:
            doc = template
            doc.data, doc.url = data, url
        else:
            doc = make_page(virtual_path("paginate-v2", template.rel_path, str(n),
                                         template.name), url, data=data, body=template.body,
                            body_line=template.body_line, ext=template.ext)
        # the copies are pages named index.html (or indexpage + extension): the plugin's
        # page is converted by that name, so a Markdown template's text stays Markdown
        doc.markdown = False
        doc.output_ext = ext_out
        doc.dest = urls.unescape_path(url if not url.endswith("/")
                                      else url + "index" + ext_out).lstrip("/")
        pages.append((doc, pager))
    trail = conf.get("trail") if isinstance(conf.get("trail"), Mapping) else None
    if trail and len(pages) > 1:
        before = max(int(trail.get("before") or 0), 0)
        after = max(int(trail.get("after") or 0), 0)
        length = before + after + 1
        if before > 0 or after > 0:
            for _doc, pager in pages:
                start = max(int(pager["page"]) - before - 1, 0)
                end = min(start + length, len(pages))
                if end - start < length:
                    start = max(start - (length - (end - start)), 0)
                pager["page_trail"] = [
                    {"num": start + i + 1, "path": p["page_path"], "title": d.data.get("title")}
                    for i, (d, p) in enumerate(pages[start:end])]
    return [doc for doc, _ in pages[1:]]
