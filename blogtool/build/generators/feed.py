"""Atom feeds: the theme's ``/feed.xml`` (latest ``feed_posts`` posts, full content; rendered by
the theme's ``feed.xml`` template), and, for Jekyll sites with ``plugins: [jekyll-feed]``, the
files jekyll-feed 0.17.0 writes, at its paths and byte for byte in its shape (one line, no
whitespace between elements), written by :func:`jekyll_feed_xml` from the site payload."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ...liquid import jekyll_ruby as ruby
from ...liquid.standard_filters import capitalize, strip_, strip_html
from ...liquid.values import to_integer
from ...models import Document, Sources
from ..settings import Settings
from .pages import make_page, refs, virtual_path
from .values import PageView, contains, default, items, prop, select, text, truthy

FEED_URL = "/feed.xml"
PRODUCER = "jekyll-feed"
_TAG_FEED_NAME = re.compile(r"[^a-zA-Z0-9_]")
_ATOM = "http://www.w3.org/2005/Atom"
_MRSS = "http://search.yahoo.com/mrss/"


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
    doc = make_page(virtual_path("jekyll-feed", url), url, output_ext=ext,
                    data={"layout": None, "sitemap": False,
                          "xsl": _exists(settings.source, "feed.xslt.xml"),
                          "path": url.lstrip("/"), "name": name, **data})
    doc.producer = PRODUCER
    return doc


def _collections(cfg: dict) -> dict[str, dict]:
    raw = cfg.get("collections")
    if isinstance(raw, list):
        cols: dict[str, dict] = {str(c): {} for c in raw}
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


# --- the feed's text ---------------------------------------------------------------------------

def jekyll_feed_xml(view: PageView) -> str:
    """One jekyll-feed file: the feed's own head, then an ``<entry>`` for each of the newest
    posts of the page's collection (or tag), narrowed to its category."""
    site, page = view.site, view.page
    lang = site.get("lang")
    self_url = view.absolute(page.get("url"))
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if truthy(page.get("xsl")):
        out.append('<?xml-stylesheet type="text/xml" '
                   f'href="{text(view.absolute("/feed.xslt.xml"))}"?>')
    out.append(f'<feed xmlns="{_ATOM}" ' + (f'xml:lang="{text(lang)}"' if truthy(lang) else "")
               + ">")
    out.append(f'<generator uri="https://jekyllrb.com/" version="{text(view.jekyll_version)}">'
               "Jekyll</generator>")
    out.append(f'<link href="{text(self_url)}" rel="self" type="application/atom+xml" />')
    out.append(f'<link href="{text(view.absolute("/"))}" rel="alternate" type="text/html" '
               + (f'hreflang="{text(lang)}" ' if truthy(lang) else "") + "/>")
    out.append(f"<updated>{text(view.xmlschema(site.get('time')))}</updated>")
    out.append(f"<id>{_esc(self_url)}</id>")
    title = _feed_title(site, page)
    if truthy(title):
        out.append(f'<title type="html">{_esc(ruby.smartify(title))}</title>')
    if truthy(site.get("description")):
        out.append(f"<subtitle>{_esc(site.get('description'))}</subtitle>")
    author = site.get("author")
    if truthy(author):
        out.append(_author(default(prop(author, "name"), author), prop(author, "email"),
                           prop(author, "uri")))
    feed_config = site.get("feed")
    for post in _latest(_feed_posts(site, page), feed_config):
        out.append(_entry(post, site, feed_config, view))
    out.append("</feed>")
    return "".join(out)


def _esc(value: Any) -> str:
    return ruby.xml_escape(value)


def _feed_title(site: Any, page: Any) -> Any:
    """The site's title (or name), then `` | Collection`` and `` | Category``."""
    title = default(site.get("title"), site.get("name"))
    if page.get("collection") != "posts":
        title = text(title) + " | " + capitalize(page.get("collection"))
    if truthy(page.get("category")):
        title = text(title) + " | " + capitalize(page.get("category"))
    return title


def _feed_posts(site: Any, page: Any) -> list:
    """The tag's posts (tag feeds) or the collection's documents, in the category, drafts only
    when the build shows them, newest first. Jekyll stops on a feed with nothing to sort (a tag
    under ``feed.tags.only`` that no post has)."""
    tag = page.get("tags")
    posts = prop(site.get("tags"), tag) if truthy(tag) else prop(site, page.get("collection"))
    category = page.get("category")
    if truthy(category):
        posts = ruby.where(posts, "categories", category)
    if not truthy(site.get("show_drafts")):
        posts = select(posts, lambda post: prop(post, "draft") is not True)
    return list(reversed(ruby.sort(posts, "date")))


def _latest(posts: list, feed_config: Any) -> list:
    """The first ``feed.posts_limit`` posts (10 unless set)."""
    limit = to_integer(default(prop(feed_config, "posts_limit"), 10))
    return posts[:limit] if limit > 0 else []


def _entry(post: Any, site: Any, feed_config: Any, view: PageView) -> str:
    lang = prop(post, "lang")
    out = ["<entry" + (f' xml:lang="{text(lang)}"' if truthy(lang) else "") + ">"]
    title = _esc(ruby.normalize_whitespace(strip_html(ruby.smartify(prop(post, "title")))))
    link = view.absolute(prop(post, "url"))
    date = prop(post, "date")
    out.append(f'<title type="html">{title}</title>')
    out.append(f'<link href="{text(link)}" rel="alternate" type="text/html" title="{title}" />')
    out.append(f"<published>{text(view.xmlschema(date))}</published>")
    updated = default(prop(post, "last_modified_at"), date)
    out.append(f"<updated>{text(view.xmlschema(updated))}</updated>")
    out.append(f"<id>{_esc(view.absolute(prop(post, 'id')))}</id>")
    excerpt_only = default(prop(prop(post, "feed"), "excerpt_only"),
                           prop(feed_config, "excerpt_only"))
    if not truthy(excerpt_only):
        out.append(f'<content type="html" xml:base="{_esc(link)}"><![CDATA['
                   f"{strip_(prop(post, 'content'))}]]></content>")
    out.append(_post_author(post, site))
    out.extend(f'<category term="{_esc(term)}" />' for term in _terms(post))
    summary = default(prop(post, "description"), prop(post, "excerpt"))
    if truthy(summary) and not _empty(summary):
        out.append('<summary type="html"><![CDATA['
                   f"{ruby.normalize_whitespace(strip_html(summary))}]]></summary>")
    image = prop(post, "image")
    image = default(prop(image, "path"), image)
    if truthy(image):
        if not contains(image, "://"):
            image = view.absolute(image)
        out.append(f'<media:thumbnail xmlns:media="{_MRSS}" url="{_esc(image)}" />'
                   f'<media:content medium="image" url="{_esc(image)}" xmlns:media="{_MRSS}" />')
    out.append("</entry>")
    return "".join(out)


def _post_author(post: Any, site: Any) -> str:
    """The post's ``author`` (or first of ``authors``, or the site's), looked up in
    ``site.data.authors`` when it names an entry there."""
    author = default(default(prop(post, "author"), prop(prop(post, "authors"), 0)),
                     site.get("author"))
    author = default(prop(prop(site.get("data"), "authors"), author), author)
    name = default(default(prop(author, "name"), author), "")
    return _author(name, default(prop(author, "email"), None), default(prop(author, "uri"), None))


def _author(name: Any, email: Any, uri: Any) -> str:
    out = [f"<author><name>{_esc(name)}</name>"]
    if truthy(email):
        out.append(f"<email>{_esc(email)}</email>")
    if truthy(uri):
        out.append(f"<uri>{_esc(uri)}</uri>")
    out.append("</author>")
    return "".join(out)


def _terms(post: Any) -> list:
    """``category`` (or else every one of ``categories``), then every tag."""
    category = prop(post, "category")
    terms = [category] if truthy(category) else items(prop(post, "categories"))
    return terms + items(prop(post, "tags"))


def _empty(value: Any) -> bool:
    return isinstance(value, (str, list, tuple, dict)) and len(value) == 0
