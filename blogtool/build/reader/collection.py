"""One collection's documents (files with front matter) and files (without), in Jekyll's
order."""
from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from ... import urls
from ...models import Document, StaticFile
from ...timeutil import RubyTime
from .. import frontmatter
from ..frontmatter_defaults import front_matter_defaults
from . import documents
from .context import POST_NAME, ReadContext
from .encoding import decode_or_stop
from .files import folder_entries, read_bytes
from .pages import static_file


def _collection_static(path: Path, rel: str, inner: str, label: str, template: str,
                       output: bool) -> StaticFile:
    """A file without front matter in a collection: placed by the collection's URL template
    (Jekyll's StaticFile#url: path, collection, name; no output extension), its own
    extension appended."""
    f = static_file(path, rel, collection=label, write=output)
    stem, ext = posixpath.splitext(inner)
    values = {"collection": label, "path": "/" + stem.rstrip("."), "output_ext": "",
              "name": posixpath.basename(stem), "title": ""}
    url = urls.sanitize_url(urls.fill_template(template, values, strict=False)).rstrip("/") + ext
    f.url = url
    f.dest = urls.unescape_path(url).lstrip("/")
    return f


def read_collection(ctx: ReadContext, label: str, output: bool,
                    permalink: str | None) -> tuple[list[Document], list[StaticFile]]:
    s = ctx.settings
    rel_base = posixpath.join(s.collections_dir.strip("/"), "_" + label) \
        if s.collections_dir.strip("/") else "_" + label
    base = ctx.source / rel_base
    if not base.is_dir():
        return [], []
    docs: list[Document] = []
    files: list[StaticFile] = []
    template = permalink or urls.add_permalink_suffix("/:collection/:path", s.permalink)
    own_dates: dict[str, RubyTime | None] = {}    # before Jekyll's "date ||= site.time"
    for inner, path in folder_entries(ctx, base, rel_base):
        rel = posixpath.join(rel_base, inner)
        raw = read_bytes(ctx, path, rel, document=True)
        if raw is None:
            continue
        if not frontmatter.has_front_matter(raw):
            files.append(_collection_static(Path(path), rel, inner, label, template, output))
            continue
        doc, own_dates[rel] = _read_document(ctx, label, inner, rel, raw, template, output)
        if doc is not None:
            docs.append(doc)
    meta = (ctx.config.get("collections") or {}).get(label) if isinstance(
        ctx.config.get("collections"), dict) else None
    sort_by = (meta or {}).get("sort_by") if isinstance(meta, dict) else None
    if sort_by:
        docs.sort(key=lambda d: (d.data.get(sort_by) is None, str(d.data.get(sort_by, "")),
                                 d.rel_path))
    else:
        docs.sort(key=functools.cmp_to_key(lambda a, b: _jekyll_order(
            own_dates.get(a.rel_path), a.rel_path, own_dates.get(b.rel_path), b.rel_path)))
    return docs, files


def _read_document(ctx: ReadContext, label: str, inner: str, rel: str, raw: bytes,
                   template: str, output: bool) -> tuple[Document | None, RubyTime | None]:
    """A document with front matter, and the date it has of its own (front matter or file
    name; None when it takes the site's time)."""
    s = ctx.settings
    text = decode_or_stop(ctx, raw, rel)
    split = documents.split_or_warn(ctx, text, rel)
    defaults = front_matter_defaults(ctx.config.get("defaults") or [], rel, label)
    data = {**defaults, **split.data}
    if data.get("published", True) is False and not s.unpublished:
        return None, None
    name = inner.rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(name)
    m = POST_NAME.match(inner)
    own_date = documents.own_date(ctx, data, m, rel)
    date = own_date if own_date is not None else ctx.site_time   # data["date"] ||= site.time
    slug = documents.slug_from_name(data, m.group(4) if m else stem)
    out_ext = documents.output_ext(ext, data, s)
    cleaned = "/" + inner[: len(inner) - len(ext)].rstrip(".")
    placeholders = urls.document_placeholders(
        date=date, slug=slug, basename=stem,
        categories=frontmatter.categories_of(data, []), collection=label,
        output_ext=out_ext, rel_path=cleaned)
    url = documents.document_url(rel, template, placeholders, data.get("permalink"),
                       split.key_lines.get("permalink"))
    return Document(
        kind="doc", collection=label, rel_path=rel, data=data, body=split.body,
        body_line=split.body_line, url=url, dest=urls.url_to_path(url, out_ext),
        ext=ext, output_ext=out_ext, markdown=ext.lower() in s.markdown_exts, date=date,
        slug=slug, categories=frontmatter.categories_of(data, []),
        tags=documents.plain_tags(ctx, rel, frontmatter.tags_of(data)), write=output,
        key_lines=split.key_lines), own_date


def _jekyll_order(date_a: RubyTime | None, path_a: str, date_b: RubyTime | None,
                  path_b: str) -> int:
    """Jekyll's Document#<=> when a collection is sorted: by date when both documents have
    one (from the front matter or the file name) and they differ, else by path."""
    if date_a is not None and date_b is not None and date_a != date_b:
        return -1 if date_a < date_b else 1
    return (path_a > path_b) - (path_a < path_b)
