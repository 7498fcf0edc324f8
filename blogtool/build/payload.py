"""The Liquid/Jinja view of the site: ``site.*`` and ``page.*`` shaped exactly as Jekyll
exposes them. Built once per build; documents' ``content`` and
``excerpt`` are filled in as the render waves finish."""
from __future__ import annotations

import datetime as _dt
import posixpath
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..models import Document, Sources, StaticFile
from ..timeutil import RubyTime
from .clock import KEY as TIME_KEY
from .clock import SiteTime
from .deps import IDLE, Recorder, TrackedDict

JEKYLL_VERSION = "4.3.1"

# site's own keys, in the order Jekyll's SiteDrop lists them before the configuration's
SITE_KEYS = ("posts", "time", "html_pages", "config", "documents", "pages", "data", "categories",
             "related_posts", "tags", "static_files", "collections")


class Drop(TrackedDict):
    """A payload Jekyll exposes as a Liquid drop rather than a hash (``site``, a post or a
    collection document): a ``for`` loop over it yields its keys, not ``[key, value]`` pairs
    (Jekyll's ``Drop#each``). Keys in ``hidden`` answer lookups but are not listed, as
    ``site.<collection label>`` in Jekyll."""

    __slots__ = ("hidden",)

    def __init__(self, owner: str, *args: Any, hidden: Iterable[Any] = (),
                 recorder: Recorder = IDLE, **kwargs: Any):
        super().__init__(owner, *args, recorder=recorder, **kwargs)
        self.hidden = frozenset(hidden)

    def __reduce__(self):
        self.settle()
        return (_rebuild_drop, (type(self), self.owner, dict(self), self.hidden))

    def copy(self) -> Drop:
        return type(self)(self.owner, dict.items(self), hidden=self.hidden,
                          recorder=self.recorder)

    def drop_keys(self) -> list[Any]:
        """The keys a ``for`` loop over the drop yields, in Jekyll's order."""
        return [k for k in self if k not in self.hidden]


def _rebuild_drop(cls: type, owner: str, items: dict, hidden: frozenset) -> Drop:
    return cls(owner, items, hidden=hidden)


class SiteDrop(Drop):
    """``site``: reading ``site.time`` records nothing by itself; the time records what is
    read of it (:mod:`blogtool.build.clock`)."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        if key == TIME_KEY:
            return dict.__getitem__(self, key)
        return Drop.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        if key == TIME_KEY:
            return dict.get(self, key, default)
        return Drop.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if key == TIME_KEY:
            return dict.__contains__(self, key)     # always there
        return Drop.__contains__(self, key)


def document_payload(doc: Document, recorder: Recorder = IDLE) -> dict[str, Any]:
    """``page.*`` for one document; front matter first, Jekyll's computed keys over it."""
    p: dict[str, Any] = (TrackedDict if doc.kind == "page" else Drop)(doc.rel_path, doc.data,
                                                                      recorder=recorder)
    p.update({
        "url": doc.url,
        "path": doc.data.get("path", doc.rel_path) if doc.kind == "page" else doc.rel_path,
        "name": doc.name,
        "content": doc.body,
        "output": None,
    })
    if doc.kind == "page":
        p["dir"] = (doc.url if doc.url.endswith("/")
                    else posixpath.dirname(doc.url).rstrip("/") + "/")
        p.setdefault("excerpt", None)
    else:
        p.update({
            "id": doc.id,
            "relative_path": doc.rel_path,
            "slug": doc.data.get("slug"),   # nil for a post whose front matter failed
            "ext": doc.ext,
            "collection": doc.collection,
            "date": doc.date,
            "categories": list(doc.categories),
            "tags": list(doc.tags),
            "draft": doc.draft,
            "excerpt": doc.data.get("excerpt"),
            "previous": None,
            "next": None,
        })
        p.setdefault("title", doc.data.get("title"))
    if doc.layout is None and "layout" in p and p["layout"] in ("none", "null"):
        p["layout"] = None
    return p


def static_payload(f: StaticFile) -> dict[str, Any]:
    name = f.name
    stem, ext = posixpath.splitext(name)
    return {
        "path": "/" + f.rel_path,
        "name": name,
        "basename": stem,
        "extname": ext,
        "modified_time": RubyTime.fromtimestamp(f.mtime, _dt.UTC),
        "collection": f.collection,
        "url": f.url,
    }


def site_payload(config: dict, sources: Sources, payloads: dict[str, dict],
                 site_time: RubyTime, recorder: Recorder = IDLE) -> dict[str, Any]:
    """``site.*``. ``payloads`` maps a document's rel_path to its ``page.*`` dict; the same
    dicts are shared so later updates (content, excerpt) are seen everywhere."""
    posts_asc = [payloads[d.rel_path] for d in sources.posts]
    for i, p in enumerate(posts_asc):
        p["previous"] = posts_asc[i - 1] if i > 0 else None
        p["next"] = posts_asc[i + 1] if i + 1 < len(posts_asc) else None
    posts = list(reversed(posts_asc))
    tags: dict[Any, list] = {}
    categories: dict[str, list] = {}
    for doc in sources.posts:       # oldest first: Jekyll's key order is first appearance
        p = payloads[doc.rel_path]
        for t in doc.tags:
            tags.setdefault(t, []).append(p)
        for c in doc.categories:
            categories.setdefault(c, []).append(p)
    for bucket in (tags, categories):
        for key in bucket:
            bucket[key].reverse()   # newest first
    pages = sorted((payloads[d.rel_path] for d in sources.pages), key=lambda p: p["name"])
    collections: list[dict[str, Any]] = []
    labels: dict[str, list] = {}
    documents = []
    for label, docs in sorted(sources.documents.items()):
        items = [payloads[d.rel_path] for d in docs]
        labels[label] = items
        documents.extend(items)
        collections.append({"label": label, "docs": items, "output": any(d.write for d in docs),
                            "relative_directory": "_" + label, "files": []})
    collections.append({"label": "posts", "docs": posts_asc, "output": True,
                        "relative_directory": "_posts", "files": []})
    collections.sort(key=lambda c: str(c["label"]))
    own: dict[str, Any] = {
        "posts": posts,
        "time": SiteTime.of(site_time, recorder, fixed=bool(config.get("time"))),
        "html_pages": [p for p in pages if str(p["url"]).endswith(("/", ".html", ".htm",
                                                                    ".xhtml"))],
        "config": None,              # Jekyll's site.config is private: nil in Liquid
        "documents": documents + posts_asc,
        "pages": pages,
        "data": sources.data,
        "categories": categories,
        "related_posts": None,       # set per document by site_for()
        "tags": tags,
        "static_files": [static_payload(f) for f in sources.static_files],
        "collections": collections,
    }
    # Jekyll lists its own keys first, then the configuration's (``serving`` last, set by
    # the build command); collection labels answer lookups only. blogtool's own ``blogtool``
    # and ``url`` keys are not listed unless the configuration gives them a value.
    hidden = {label for label in labels if label not in own and label not in config}
    if not config.get("url"):
        hidden.add("url")
    hidden.add("blogtool")
    site: dict[str, Any] = SiteDrop("site", hidden=hidden, recorder=recorder)
    site.update(own)
    for key, value in config.items():
        if key not in own:
            site[key] = value
    site.setdefault("serving", False)
    for label, items in labels.items():
        if label not in own:
            site[label] = items
    site["url"] = config.get("url") or ""
    site["baseurl"] = config.get("baseurl") or ""
    return site


# While a render wave runs (nothing changes ``site`` then): the view site_for made last for
# a post or document, and the one for pages, by owner (None); see :func:`wave_views`.
_VIEWS: dict[str | None, tuple[dict, dict]] | None = None


@contextmanager
def wave_views() -> Iterator[None]:
    """Within, :func:`site_for` gives the renders of one document (its content and excerpt,
    or its layouts) one view, and every page that is not a drop one view, instead of a copy
    of the whole site for each render. Only for spans in which ``site`` does not change."""
    global _VIEWS
    _VIEWS = {}
    try:
        yield
    finally:
        _VIEWS = None


@contextmanager
def fresh_views() -> Iterator[None]:
    """Within, :func:`site_for` makes a new view for every render, even inside a wave (for
    renders that change ``site``); the wave's views are kept for after."""
    global _VIEWS
    saved, _VIEWS = _VIEWS, None
    try:
        yield
    finally:
        _VIEWS = saved


def site_for(site: dict[str, Any], page: Any) -> dict[str, Any]:
    """``site`` as Jekyll shows it while rendering ``page``: ``related_posts`` is the ten most
    recent posts other than the document itself (Jekyll without LSI) for a post or collection
    document, and nil for a page."""
    if not isinstance(site, Drop):
        return site
    owner = page.owner if isinstance(page, Drop) else None
    views = _VIEWS
    if views is not None:
        known = views.get(owner)
        if known is not None and known[0] is site:
            return known[1]
    related = None
    if owner is not None:
        posts = dict.get(site, "posts") or []
        related = [p for p in posts[:11] if getattr(p, "owner", None) != owner][:10]
    view = site.copy()
    dict.__setitem__(view, "related_posts", related)
    if views is not None:
        if owner is not None:           # one document's renders follow each other
            views.pop(next((k for k in views if k is not None), None), None)
        views[owner] = (site, view)
    return view


def jekyll_payload(environment: str) -> dict[str, str]:
    return {"version": JEKYLL_VERSION, "environment": environment}
