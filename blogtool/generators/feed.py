"""Atom feeds: the theme's ``/feed.xml`` (latest ``feed_posts`` posts, full content; rendered by
the theme's ``feed.xml`` template), and the jekyll-feed plugin (0.17.0) for Jekyll sites: the
plugin's own Liquid template, minified as the plugin does, at the plugin's paths."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..config import Settings
from ..models import Document, Sources
from .pages import make_page, refs, virtual_path
from .plugin_sources import FEED_XML

FEED_URL = "/feed.xml"
# jekyll-feed's MINIFY_REGEX: whitespace after a '>' or a '}' goes.
_MINIFY = re.compile(r"(?<=>|})\s+")
_TAG_FEED_NAME = re.compile(r"[^a-zA-Z0-9_]")
FEED_TEMPLATE = _MINIFY.sub("", FEED_XML)


def theme_feed(posts: list[Document], limit: int, url: str = FEED_URL) -> Document:
    """Newest posts first; drafts only appear when the build shows them (as jekyll-feed)."""
    latest = list(reversed(posts))[:max(0, limit)]
    return make_page(virtual_path("feed", url), url, output_ext=".xml", template="feed.xml",
                     data={"layout": None, "sitemap": False, "posts": refs(latest),
                           "render_with_liquid": False})


def _exists(source: str, path: str) -> bool:
    return (Path(source) / path.lstrip("/")).exists()


def _page(path: str, settings: Settings, **data: Any) -> Document:
    url = path if path.startswith("/") else "/" + path
    name = url.rsplit("/", 1)[-1]
    ext = os.path.splitext(name)[1] or ".xml"
    return make_page(virtual_path("jekyll-feed", url), url, body=FEED_TEMPLATE, output_ext=ext,
                     data={"layout": None, "sitemap": False,
                           "xsl": _exists(settings.source, "feed.xslt.xml"),
                           "path": url.lstrip("/"), "name": name, **data})


def _collections(cfg: dict) -> dict[str, dict]:
    raw = cfg.get("collections")
    if isinstance(raw, list):
        cols = {str(c): {} for c in raw}
    elif isinstance(raw, dict):
        cols = {str(k): dict(v or {}) for k, v in raw.items()}
    else:
        cols = {}
    posts = cols.setdefault("posts", {})
    posts.setdefault("path", cfg.get("path"))
    if not posts.get("path"):
        posts["path"] = cfg.get("path")
    if not posts.get("categories"):
        posts["categories"] = cfg.get("categories")
    return cols


def jekyll_feed(sources: Sources, config: dict, settings: Settings) -> list[Document]:
    """The plugin's feed pages: one per collection (and per configured category), plus tag
    feeds for tags made only of ``[A-Za-z0-9_]`` when ``feed.tags`` is set."""
    cfg = config.get("feed") or {}
    if not isinstance(cfg, dict):
        cfg = {}
    if cfg.get("disable_in_development") and \
            (os.environ.get("JEKYLL_ENV") or "development") == "development":
        return []
    out: list[Document] = []
    for name, meta in _collections(cfg).items():
        prefix = "/feed" if name == "posts" else f"/feed/{name}"
        categories = list(dict.fromkeys(meta.get("categories") or []))
        for category in categories + [None]:
            path = f"{prefix}/{category}.xml" if category else (meta.get("path") or
                                                                 f"{prefix}.xml")
            if _exists(settings.source, path):
                continue
            out.append(_page(path, settings, collection=name, category=category, tags=None))
    tags_cfg = cfg.get("tags")
    if tags_cfg:
        tags_cfg = tags_cfg if isinstance(tags_cfg, dict) else {}
        all_tags: list[Any] = []
        for doc in sources.posts:
            for t in doc.tags:
                if t not in all_tags:
                    all_tags.append(t)
        only = tags_cfg.get("only") or all_tags
        except_ = tags_cfg.get("except") or []
        base = str(tags_cfg.get("path") or "/feed/by_tag/")
        for tag in [t for t in only if t not in except_]:
            if _TAG_FEED_NAME.search(str(tag)):
                continue
            path = f"{base}{tag}.xml"
            if _exists(settings.source, path):
                continue
            out.append(_page(path, settings, collection="posts", category=None, tags=tag))
    return out
