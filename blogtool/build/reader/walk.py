"""The entry points: the whole source tree (:func:`read_site`), single pages, one document read
again, a theme's layouts and data; and the walk that sorts the tree's files into posts, pages
and static files."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
from pathlib import Path

from ...errors import Diagnostics
from ...models import Document, Layout, Sources, StaticFile
from ...timeutil import RubyTime
from .. import frontmatter
from ..gcpause import paused
from ..settings import Settings
from .collection import read_collection
from .context import DRAFT_NAME, POST_NAME, ReadContext, make_context
from .data import read_data
from .files import keep_entry, nfc, read_bytes, safe_dir, safe_file, scandir
from .layouts import read_layouts
from .pages import bom_page, read_page, static_file, undecodable_page
from .posts import read_post, read_posts


def read_site(config: dict, settings: Settings, site_time: RubyTime,
              diagnostics: Diagnostics, memo: dict | None = None, jobs: int = 1,
              stamps: dict[str, tuple[int, int, str]] | None = None,
              listed: set[str] | None = None, parts: dict | None = None,
              stat_stamps: dict[str, tuple[int, int]] | None = None) -> Sources:
    """``memo`` (kept by a build session) holds parsed posts by file identity and
    configuration, so a rebuild parses only the files that changed. ``jobs``: processes that
    parse posts on a big site. ``stamps`` (with a memo) gets the mtime, size and content
    hash of each post file parsed, ``listed`` the paths of the post files found, ``parts``
    the memo's new entries as the parsing processes pickled them (``readmemo.pack_parts``),
    ``stat_stamps`` the mtime and size of each post file taken from the memo."""
    with paused():
        return _read_site(config, settings, site_time, diagnostics, memo, jobs, stamps, listed,
                          parts, stat_stamps)


def _read_site(config: dict, settings: Settings, site_time: RubyTime,
               diagnostics: Diagnostics, memo: dict | None, jobs: int,
               stamps: dict[str, tuple[int, int, str]] | None = None,
               listed: set[str] | None = None, parts: dict | None = None,
               stat_stamps: dict[str, tuple[int, int]] | None = None) -> Sources:
    ctx = make_context(config, settings, site_time, diagnostics, jobs)
    if memo is not None:
        ctx.memo = memo
        ctx.stamps = stamps
        ctx.listed = listed
        ctx.memo_parts = parts
        ctx.stat_stamps = stat_stamps
        ctx.config_key = hashlib.blake2b(json.dumps(config, sort_keys=True, default=str)
                                         .encode(), digest_size=12).hexdigest()
    posts: list[Document] = []
    pages: list[Document] = []
    statics: list[StaticFile] = []
    _walk(ctx, "", posts, pages, statics)
    posts.sort(key=lambda d: (d.date, d.rel_path))
    pages.sort(key=lambda d: d.name)   # Jekyll's order; of two pages writing one file the last wins
    if settings.limit_posts > 0:
        posts = posts[-settings.limit_posts:]
    documents: dict[str, list[Document]] = {}
    for label, output, permalink in settings.collections:
        docs, files = read_collection(ctx, label, output, permalink)
        documents[label] = docs
        statics.extend(files)
    statics.sort(key=lambda f: f.rel_path)
    return Sources(
        posts=posts,
        pages=pages,
        documents=documents,
        static_files=statics,
        layouts=read_layouts(ctx),
        data=read_data(ctx),
    )


def read_pages(config: dict, settings: Settings, rel_paths: list[str], site_time: RubyTime,
               diagnostics: Diagnostics) -> list[Document]:
    """Read files the walk classified as static as pages (GitHub Pages' optional front
    matter makes Markdown files without front matter pages)."""
    ctx = make_context(config, settings, site_time, diagnostics)
    pages = []
    for rel in rel_paths:
        raw = read_bytes(ctx, ctx.source / rel, rel)
        if raw is None:
            continue
        page = read_page(ctx, posixpath.dirname(rel), rel, raw)
        if page is not None:
            pages.append(page)
    return pages


def reread(config: dict, settings: Settings, site_time: RubyTime, diagnostics: Diagnostics,
           doc: Document) -> Document | None:
    """``doc`` read again from its file, exactly as the walk read it (``serve``'s fast path
    compares the two to see whether only the body changed). None for kinds it does not
    re-read (collection documents) or when the file is gone."""
    rel = doc.rel_path
    if doc.kind == "page":
        pages = read_pages(config, settings, [rel], site_time, diagnostics)
        return pages[0] if pages else None
    if doc.kind != "post":
        return None
    magic = "_drafts" if doc.draft else "_posts"
    rel_dir, sep, inner = rel.partition(magic + "/")
    if not sep or (rel_dir and not rel_dir.endswith("/")):
        return None
    m = (DRAFT_NAME if doc.draft else POST_NAME).match(inner)
    if not m:
        return None
    path_categories = [c for c in rel_dir.split("/") if c]
    ctx = make_context(config, settings, site_time, diagnostics)
    return read_post(ctx, rel, ctx.source / rel, m, path_categories, doc.draft)


def read_theme_layers(config: dict, settings: Settings, site_time: RubyTime,
                      diagnostics: Diagnostics, root: str) -> tuple[dict[str, Layout], dict]:
    """Layouts and data of a theme folder, read as the site's own are."""
    theme = dataclasses.replace(settings, source=root, layouts_dir="_layouts", data_dir="_data")
    ctx = make_context(config, theme, site_time, diagnostics)
    return read_layouts(ctx), read_data(ctx)


def _walk(ctx: ReadContext, rel_dir: str, posts: list, pages: list, statics: list) -> None:
    base = ctx.source / rel_dir if rel_dir else ctx.source
    if not safe_dir(ctx, base, rel_dir or "."):
        return
    entries = scandir(base)
    names = {e.name for e in entries}
    coll_dir = ctx.settings.collections_dir.strip("/")
    if not coll_dir or rel_dir == coll_dir or rel_dir.startswith(coll_dir + "/"):
        if "_posts" in names:
            posts.extend(read_posts(ctx, rel_dir, "_posts"))
        if ctx.settings.show_drafts and "_drafts" in names:
            posts.extend(read_posts(ctx, rel_dir, "_drafts"))
    for entry in entries:
        rel = nfc(ctx, posixpath.join(rel_dir, entry.name) if rel_dir else entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not keep_entry(ctx, rel, is_dir):
            continue
        path = Path(entry.path)
        if is_dir:
            _walk(ctx, rel, posts, pages, statics)
            continue
        if not safe_file(ctx, path, rel):
            continue
        raw = read_bytes(ctx, path, rel)
        if raw is None:
            continue
        if frontmatter.has_front_matter(raw) or bom_page(ctx, raw, rel):
            copy = undecodable_page(ctx, path, rel_dir, rel, raw)
            if copy is not None:
                statics.append(copy)
                continue
            page = read_page(ctx, rel_dir, rel, raw)
            if page is not None:
                pages.append(page)
        else:
            statics.append(static_file(path, rel))
