"""Layouts: the files of ``_layouts``, by name without extension."""
from __future__ import annotations

import posixpath

from ...models import Layout
from .context import ReadContext
from .documents import split_or_warn
from .encoding import decode_or_stop
from .files import folder_entries, read_bytes


def read_layouts(ctx: ReadContext) -> dict[str, Layout]:
    rel_base = ctx.settings.layouts_dir.strip("/")
    base = ctx.source / rel_base
    layouts: dict[str, Layout] = {}
    if not base.is_dir():
        return layouts
    for inner, path in folder_entries(ctx, base, rel_base):
        rel = posixpath.join(rel_base, inner)
        raw = read_bytes(ctx, path, rel)
        if raw is None:
            continue
        text = decode_or_stop(ctx, raw, rel)
        split = split_or_warn(ctx, text, rel)
        name = inner.rsplit(".", 1)[0] if "." in inner.rsplit("/", 1)[-1] else inner
        layouts[name] = Layout(name, rel, split.data, split.body, split.body_line)
    return layouts
