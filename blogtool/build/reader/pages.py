"""Pages (files with front matter outside the special folders) and static files."""
from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from ... import urls
from ...models import Document, StaticFile
from .. import frontmatter
from ..frontmatter_defaults import front_matter_defaults
from .context import HTML_EXTS, SASS_EXTS, ReadContext
from .documents import checked_permalink, output_ext, split_or_warn
from .encoding import decode, decode_or_stop


def read_page(ctx: ReadContext, rel_dir: str, rel: str, raw: bytes) -> Document | None:
    s = ctx.settings
    text = decode_or_stop(ctx, raw, rel)
    split = split_or_warn(ctx, text, rel)
    defaults = front_matter_defaults(ctx.config.get("defaults") or [], rel, "pages")
    data = {**defaults, **split.data}
    if data.get("published", True) is False and not s.unpublished:
        return None
    name = rel.rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(name)
    stem = stem.rstrip(".")        # Jekyll's Page#process: trailing dots leave the basename
    low = ext.lower()
    out_ext = output_ext(ext, data, s)
    permalink = checked_permalink(rel, data.get("permalink"), split.key_lines.get("permalink"))
    url = urls.page_url(dir=rel_dir, basename=stem, output_ext=out_ext,
                        html=out_ext in HTML_EXTS, permalink_style=s.permalink,
                        permalink=permalink)
    return Document(
        kind="page", collection=None, rel_path=rel, data=data, body=split.body,
        body_line=split.body_line, url=url, dest=urls.url_to_path(url, out_ext, page=True),
        ext=ext, output_ext=out_ext, markdown=low in s.markdown_exts,
        date=None, slug=stem, key_lines=split.key_lines)


def static_file(path: Path, rel: str, collection: str | None = None,
                write: bool = True) -> StaticFile:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return StaticFile(rel_path=rel, abs_path=str(path), dest=rel, url="/" + rel, mtime=mtime,
                      collection=collection, write=write)


def undecodable_page(ctx: ReadContext, path: Path, rel_dir: str, rel: str,
                     raw: bytes) -> StaticFile | None:
    """A page that is not text in the site's encoding: Jekyll warns that it cannot read its
    front matter and writes the file unprocessed, unless a converter or Liquid has to read it
    (then the build stops, as :func:`read_page` reports)."""
    if decode(ctx, raw) is not None:
        return None
    name = rel.rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(name)
    low = ext.lower()
    if low in ctx.settings.markdown_exts or low in SASS_EXTS or b"{{" in raw or b"{%" in raw:
        return None
    try:
        raw.decode(ctx.settings.encoding.lower().replace("bom|", "").replace("utf8", "utf-8"))
    except (UnicodeDecodeError, LookupError):
        ctx.diagnostics.warn(rel, None, f"Error reading file: invalid byte sequence in "
                                        f"{ctx.settings.encoding}; written unprocessed")
    url = urls.page_url(dir=rel_dir, basename=stem.rstrip("."), output_ext=ext,
                        html=low in HTML_EXTS, permalink_style=ctx.settings.permalink)
    static = static_file(path, rel)
    return dataclasses.replace(static, dest=urls.url_to_path(url, ext, page=True), url=url)


def bom_page(ctx: ReadContext, raw: bytes, rel: str) -> bool:
    """Jekyll copies a page whose front matter follows a BOM verbatim; blogtool reads it."""
    if ctx.settings.improved and raw.startswith(b"\xef\xbb\xbf") and \
            frontmatter.has_front_matter(raw[3:]):
        ctx.diagnostics.warn(rel, 1, "starts with a byte order mark; Jekyll would copy it "
                                     "unprocessed, blogtool reads its front matter")
        return True
    return False
