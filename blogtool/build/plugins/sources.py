"""Plugins that change which pages exist and what their front matter says, run after the
site is read, in Jekyll's generator order (priority normal, low, lowest):

1. jekyll-optional-front-matter: Markdown files without front matter become pages;
2. jekyll-readme-index: a folder's ``README.md`` (any Markdown extension, any case) becomes
   its index page when the folder has no ``index.html``/``index.md``...; the README is still
   copied unless ``readme_index: {remove_originals: true}``; ``with_frontmatter: true`` also
   moves READMEs that have front matter; ``enabled: false`` turns it off;
3. jekyll-relative-links (:mod:`blogtool.build.ghpages`);
4. jekyll-titles-from-headings: a Markdown page without ``title`` takes its first ``#``,
   ``##``, ``###`` or Setext heading (Markdown and HTML stripped);
   ``titles_from_headings: {strip_title: true}`` removes the heading from the body,
   ``collections: true`` also does posts and documents;
5. jekyll-default-layout: Markdown pages and posts without ``layout`` get ``home`` (the page
   at ``/``), ``page`` (pages) or ``post`` (posts), whichever exists, else ``default``.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ... import filters as F
from ... import urls
from ...errors import Diagnostics
from ...models import Document, Sources
from ...timeutil import RubyTime
from .. import ghpages
from ..reader import HTML_EXTS, read_pages
from ..settings import Settings
from . import active

_TITLE = re.compile(r"\A\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$", re.M)
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S | re.I)
_STRIP_TAGS = re.compile(r"<.*?>", re.S)
_INDEX = re.compile(r"(?:$|index\.(html?|xhtml|xml)$)", re.I)


def _option(config: Mapping[str, Any], key: str, name: str) -> Any:
    block = config.get(key)
    return block.get(name) if isinstance(block, Mapping) else None


def _markdown(doc: Document, settings: Settings) -> bool:
    return doc.ext.lower() in settings.markdown_exts


def _set_permalink(doc: Document, settings: Settings, permalink: str) -> None:
    doc.data["permalink"] = permalink
    rel_dir = posixpath.dirname(doc.rel_path)
    doc.url = urls.page_url(dir=rel_dir, basename=doc.basename, output_ext=doc.output_ext,
                            html=doc.output_ext in HTML_EXTS,
                            permalink_style=settings.permalink, permalink=permalink)
    doc.dest = urls.url_to_path(doc.url, doc.output_ext, page=True)


# --- jekyll-optional-front-matter --------------------------------------------------------------

def optional_front_matter(config: dict, settings: Settings, sources: Sources, now: RubyTime,
                          diagnostics: Diagnostics) -> Sources:
    if not ghpages.optional_front_matter_enabled(config):
        return sources
    extra = ghpages.optional_front_matter_pages([f.rel_path for f in sources.static_files],
                                                config, settings.markdown_exts)
    if not extra:
        return sources
    pages = read_pages(config, settings, extra, now, diagnostics)
    statics = sources.static_files
    if ghpages.optional_front_matter_removes_originals(config):
        taken = set(extra)
        statics = [f for f in statics if f.rel_path not in taken]
    return replace(sources, pages=sources.pages + pages, static_files=statics)


# --- jekyll-readme-index ---------------------------------------------------------------------

def _readme(rel_path: str, settings: Settings) -> bool:
    name = rel_path.rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(name)
    return stem.lower() == "readme" and ext.lower() in settings.markdown_exts


def _dir_has_index(folder_url: str, sources: Sources) -> bool:
    prefix = folder_url if folder_url.endswith("/") else folder_url + "/"
    pattern = re.compile("^" + re.escape(prefix) + _INDEX.pattern, re.I)
    return any(pattern.match(p.url) for p in sources.pages) or \
        any(pattern.match(f.url) for f in sources.static_files)


def readme_index(config: dict, settings: Settings, sources: Sources, now: RubyTime,
                 diagnostics: Diagnostics) -> Sources:
    if _option(config, "readme_index", "enabled") is False:
        return sources
    pages = list(sources.pages)
    statics = list(sources.static_files)
    for f in [f for f in sources.static_files if _readme("/" + f.rel_path, settings)]:
        folder = posixpath.dirname(f.url)
        if _dir_has_index(folder, replace(sources, pages=pages, static_files=statics)):
            continue
        made = read_pages(config, settings, [f.rel_path], now, diagnostics)
        for page in made:
            _set_permalink(page, settings, folder.rstrip("/") + "/")
            pages.append(page)
        if _option(config, "readme_index", "remove_originals") is True:
            statics = [s for s in statics if s is not f]
    if _option(config, "readme_index", "with_frontmatter") is True:
        for page in pages:
            if _readme("/" + page.rel_path, settings) and page.data.get("permalink") is None:
                folder = posixpath.dirname(page.url)
                if not _dir_has_index(folder, replace(sources, pages=pages,
                                                      static_files=statics)):
                    _set_permalink(page, settings, folder.rstrip("/") + "/")
    return replace(sources, pages=pages, static_files=statics)


# --- jekyll-relative-links -------------------------------------------------------------------

def relative_links(config: dict, settings: Settings, sources: Sources) -> Sources:
    options = ghpages.relative_links_options(config)
    targets = {f.rel_path: f.url for f in sources.static_files}
    targets.update({d.rel_path: d.url for d in sources.all_documents() if d.write})
    for doc in sources.all_documents():
        if ghpages.relative_links_apply(doc.rel_path, doc.kind == "page", options,
                                        settings.markdown_exts):
            doc.body = ghpages.rewrite_relative_links(doc.body, doc.rel_path, targets,
                                                      settings.baseurl)
    return sources


# --- jekyll-titles-from-headings -------------------------------------------------------------

def _strip_markup(text: str, settings: Settings) -> str:
    html = F.markdownify(text, settings.markup)
    plain = _STRIP_TAGS.sub("", _STRIP_BLOCKS.sub("", html))
    return _FOOTNOTE.sub("", F.normalize_whitespace(plain))


def titles_from_headings(config: dict, settings: Settings, sources: Sources) -> Sources:
    if _option(config, "titles_from_headings", "enabled") is False:
        return sources
    docs: list[Document] = list(sources.pages)
    if _option(config, "titles_from_headings", "collections") is True:
        docs += [d for d in sources.posts + [x for v in sources.documents.values() for x in v]
                 if d.write]
    strip_default = _option(config, "titles_from_headings", "strip_title") is True
    for doc in docs:
        if not _markdown(doc, settings):
            continue
        inferred = doc.kind != "page"      # documents always have a title Jekyll made up
        if not inferred and doc.data.get("title") is not None:
            continue
        m = _TITLE.match(doc.body)
        if m is None:
            continue
        doc.data["title"] = _strip_markup(m.group(1) if m.group(1) is not None
                                          else m.group(2), settings)
        strip = doc.data["strip_title"] is True if "strip_title" in doc.data else strip_default
        if strip:
            doc.body = _TITLE.sub("", doc.body).strip()
    return sources


# --- jekyll-default-layout -------------------------------------------------------------------

def default_layout(config: dict, settings: Settings, sources: Sources) -> Sources:
    layouts = sources.layouts
    for doc in sources.pages + sources.posts:
        if not _markdown(doc, settings) or "layout" in doc.data:
            continue
        if doc.url == "/" and "home" in layouts:
            doc.data["layout"] = "home"
        elif doc.kind == "page" and "page" in layouts:
            doc.data["layout"] = "page"
        elif doc.kind == "post" and "post" in layouts:
            doc.data["layout"] = "post"
        elif "default" in layouts:
            doc.data["layout"] = "default"
    return sources


def transform(config: dict, settings: Settings, sources: Sources, now: RubyTime,
              diagnostics: Diagnostics) -> Sources:
    """Every source-level plugin the site turns on, in Jekyll's order."""
    names = set(active(config, settings))
    if "jekyll-optional-front-matter" in names:
        sources = optional_front_matter(config, settings, sources, now, diagnostics)
    if "jekyll-readme-index" in names:
        sources = readme_index(config, settings, sources, now, diagnostics)
    if "jekyll-relative-links" in names:
        sources = relative_links(config, settings, sources)
    if "jekyll-titles-from-headings" in names:
        sources = titles_from_headings(config, settings, sources)
    if "jekyll-default-layout" in names:
        sources = default_layout(config, settings, sources)
    return sources
