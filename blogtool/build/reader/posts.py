"""Posts and drafts: the files of a ``_posts`` or ``_drafts`` folder, read in parallel on a
big site, with a memo of parsed posts that a build session keeps between rebuilds."""
from __future__ import annotations

import os
import pickle
import posixpath
import re
from pathlib import Path

from ... import urls
from ...errors import BuildError
from ...models import Document
from ...timeutil import RubyTime
from .. import frontmatter, pool
from ..deps import content_hash, file_body_hash
from ..frontmatter_defaults import front_matter_defaults
from ..gcpause import paused
from ..readmemo import pack_parts, shard_of
from .context import DRAFT_NAME, POST_NAME, YAML_EXTS, ReadContext
from .documents import document_url, output_ext, own_date, plain_tags, slug_from_name
from .encoding import decode_or_report
from .files import folder_entries, read_bytes

PARALLEL_READ = 400     # posts; below this, forking readers costs more than it saves


def read_posts(ctx: ReadContext, rel_dir: str, magic: str) -> list[Document]:
    base = (ctx.source / rel_dir / magic) if rel_dir else ctx.source / magic
    rel_base = posixpath.join(rel_dir, magic) if rel_dir else magic
    draft = magic == "_drafts"
    path_categories = [c for c in rel_dir.split("/") if c] if rel_dir else []
    items = []
    for inner, path in folder_entries(ctx, base, rel_base):
        m = (DRAFT_NAME if draft else POST_NAME).match(inner)
        if m and posixpath.splitext(inner)[1] not in YAML_EXTS:   # Jekyll loads those as
            items.append((posixpath.join(rel_base, inner), path, m))  # data: no content, no post
    now = int(ctx.site_time.timestamp())
    return [doc for doc in _read_post_items(ctx, items, path_categories, draft)
            if doc is not None and _publishable(ctx, doc, now)]


def _read_post_items(ctx: ReadContext, items: list[tuple[str, str, re.Match]],
                     path_categories: list[str], draft: bool) -> list[Document | None]:
    """The posts of one ``_posts`` folder, in order; parsed in parallel on a big site (the
    memo's posts are taken as they are). Warnings, notes and the first error come out in
    file order, as when one process reads them all."""
    out: list[Document | None] = [None] * len(items)
    signatures = [_signature(ctx, path, path_categories, draft) for _rel, path, _m in items]
    todo = []
    if ctx.listed is not None:
        ctx.listed.update(rel for rel, _path, _m in items)
    seen = ctx.stat_stamps
    for i, (rel, _path, _m) in enumerate(items):
        known = ctx.memo.get(rel) if ctx.memo is not None else None
        if known is not None and known[0] == signatures[i]:
            out[i] = _copy(known[1])
            if seen is not None:
                seen[rel] = known[0][:2]
        else:
            todo.append(i)
    jobs = ctx.jobs if len(todo) >= PARALLEL_READ else 1
    parts = ctx.memo_parts if jobs > 1 and ctx.stamps is not None else None
    if parts is not None:
        # the memo is pickled by the processes that parse, by shard: a chunk holds few
        # shards when the posts go out shard by shard (each chunk read in file order)
        todo.sort(key=lambda i: (shard_of(items[i][0]), i))
        chunks = [sorted(chunk) for chunk in pool.split(todo, jobs)]
    else:
        chunks = pool.split(todo, jobs)
    shared = (ctx, items, path_categories, draft, signatures, parts is not None, os.getpid())
    results = pool.run_chunks(_read_chunk, shared, chunks, jobs)
    rows: list[tuple] = []
    for chunk_rows, chunk_parts, forked in results:
        unpacked: dict = {}
        for shard, (paths, blob) in chunk_parts.items():
            if parts is not None:
                parts.setdefault(shard, []).append((paths, blob))
            if forked:       # the worker's posts come in its parts only
                unpacked.update(_unpack(blob))
        for row in chunk_rows:
            entry = unpacked.get(items[row[0]][0]) if row[1] is None else None
            rows.append(row if entry is None else (row[0], entry[1], *row[2:6], entry[2]))
    if parts is not None:
        rows.sort(key=lambda row: row[0])
    for i, doc, warnings, notes, error, digest, hashed in rows:
        ctx.diagnostics.replay(warnings, notes)
        if error is not None:
            raise error
        signature = signatures[i]
        if digest is not None and signature is not None and ctx.stamps is not None:
            ctx.stamps[items[i][0]] = (signature[0], signature[1], digest)
        if doc is not None and ctx.memo is not None and signature is not None \
                and not warnings:                      # clean reads only: a memo
            ctx.memo[items[i][0]] = (signature, doc) if hashed is None \
                else (signature, doc, hashed)          # never hides a warning
            doc = _copy(doc)
        out[i] = doc
    return out


def _unpack(blob: bytes) -> dict:
    with paused():
        return pickle.loads(blob)


def _copy(doc: Document) -> Document:
    """A shallow copy, as ``dataclasses.replace(doc)`` makes, without calling ``__init__``:
    the build may change its copy, the memo keeps its own (5,000 of them each build)."""
    new = object.__new__(Document)
    new.__dict__.update(doc.__dict__)
    return new


def _read_chunk(shared: tuple, indexes: list[int]) -> tuple[list[tuple], dict, bool]:
    """Read some posts (in this process or a forked reader); each with what it reported,
    and with ``parts`` the memo entries of the clean reads pickled by shard (from a forked
    reader, the posts in them are not sent a second time)."""
    ctx, items, path_categories, draft, signatures, parts, parent = shared
    diagnostics = ctx.diagnostics
    results = []
    for i in indexes:
        rel, path, m = items[i]
        mark = diagnostics.mark()
        doc, error, digest, hashed = None, None, None, None
        try:
            raw = read_bytes(ctx, path, rel, document=True)
            if raw is not None:
                if ctx.stamps is not None:
                    digest = content_hash(raw)
                doc = read_post(ctx, rel, path, m, path_categories, draft, raw)
                if digest is not None and doc is not None:   # a cached build's memo keeps
                    hashed = file_body_hash(digest)          # it: named by the file's bytes
        except BuildError as exc:
            error = exc
        warnings, notes = diagnostics.take(mark)
        results.append((i, doc, warnings, notes, error, digest, hashed))
        if error is not None:
            break
    if not parts:
        return results, {}, False
    entries = {items[i][0]: (signatures[i], doc, hashed)
               for i, doc, warnings, _notes, error, _digest, hashed in results
               if doc is not None and signatures[i] is not None and not warnings}
    packed = pack_parts(entries)
    forked = os.getpid() != parent
    if forked:
        inside = {rel for paths, _ in packed.values() for rel in paths}
        results = [(r[0], None, *r[2:]) if items[r[0]][0] in inside else r for r in results]
    return results, packed, forked


def _signature(ctx: ReadContext, path: str, path_categories: list[str],
               draft: bool) -> tuple | None:
    """What a memo entry is valid for: the file's identity and the configuration."""
    if ctx.memo is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, ctx.config_key, draft,
            tuple(path_categories))


def _publishable(ctx: ReadContext, doc: Document, now: int) -> bool:
    """``now``: the site's time in whole seconds since 1970."""
    published = doc.data.get("published", True)
    if published is False and not ctx.settings.unpublished:
        return False
    if doc.date is not None and not ctx.settings.future and doc.kind != "page" and \
            int(doc.date.timestamp()) > now:
        ctx.diagnostics.info(f"Skipping: {doc.rel_path} has a future date")
        return False
    return True


def read_post(ctx: ReadContext, rel: str, path: str | Path, m: re.Match,
              path_categories: list[str], draft: bool, raw: bytes | None = None) -> Document | None:
    """One post; ``raw``: its file's bytes when the caller read them already."""
    if raw is None:
        raw = read_bytes(ctx, path, rel, document=True)
    if raw is None:
        return None
    text = decode_or_report(ctx, raw, rel, fatal=False)
    if text is None:
        return None
    s = ctx.settings
    defaults = front_matter_defaults(ctx.config.get("defaults") or [], rel,
                                     "drafts" if draft else "posts")
    yaml_ok = True
    try:
        split = frontmatter.split(text, rel)
        data = {**defaults, **split.data}
    except BuildError as exc:
        if s.strict_front_matter:
            raise
        ctx.diagnostics.warn(exc.problem.path, exc.problem.line,
                             exc.problem.message + "; the post is built without its front matter")
        yaml_ok = False
        data = dict(defaults)
        split = frontmatter.without_data(text)
    name = rel.rsplit("/", 1)[-1]
    file_slug, ext = (m.group(1), m.group(2)) if draft else (m.group(4), m.group(5))
    basename = name[: len(name) - len(ext)]
    if not yaml_ok:
        # Jekyll skips its post data: no date or slug from the name, no path categories
        date = ctx.site_time
        slug = basename
        categories: list[str] = []
    else:
        own = own_date(ctx, data, None if draft else m, rel)   # a draft's name has no date:
        date = own if own is not None else RubyTime.fromtimestamp(   # the file's time
            os.stat(path).st_mtime, ctx.zone)
        slug = slug_from_name(data, file_slug)
        categories = frontmatter.categories_of(data, path_categories)
    tags = plain_tags(ctx, rel, frontmatter.tags_of(data))
    out_ext = output_ext(ext, data, s)
    template = urls.style_template(s.permalink)
    placeholders = urls.document_placeholders(
        date=date, slug=slug, basename=basename, categories=categories, collection="posts",
        output_ext=out_ext, rel_path=rel[: len(rel) - len(ext)].replace(
            "_drafts" if draft else "_posts", "", 1).rstrip("."))
    url = document_url(rel, template, placeholders, data.get("permalink"),
                       split.key_lines.get("permalink") if yaml_ok else None)
    return Document(
        kind="post", collection="posts", rel_path=rel, data=data, body=split.body,
        body_line=split.body_line, url=url, dest=urls.url_to_path(url, out_ext), ext=ext,
        output_ext=out_ext, markdown=ext.lower() in s.markdown_exts, date=date, slug=slug,
        categories=categories, tags=tags, draft=draft,
        key_lines=split.key_lines if yaml_ok else {})
