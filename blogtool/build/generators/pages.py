"""Making generated documents: one factory, so every generator's pages look alike to the later
stages (a ``Document`` with ``generated=True``), and post references that ``attach`` turns
into the posts' ``page.*`` dicts once those exist."""
from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from ... import urls
from ...models import Document

GENERATED_DIR = "_generated"


class PostRefs(tuple):
    """Source paths of posts, in order; resolved to payload dicts by ``attach``.

    A tuple subclass, so it pickles with the document and cannot be confused with a list a
    user wrote in front matter."""

    __slots__ = ()


def refs(docs: Iterable[Document]) -> PostRefs:
    return PostRefs(d.rel_path for d in docs)


def make_page(rel_path: str, url: str, *, data: dict[str, Any], body: str = "",
              template: str | None = None, output_ext: str = ".html",
              body_line: int = 1, ext: str | None = None) -> Document:
    """A generated page at ``url``. ``rel_path`` is a virtual path, unique per document."""
    url = urls.sanitize_url(url)
    name = rel_path.rsplit("/", 1)[-1]
    stem, src_ext = posixpath.splitext(name)
    return Document(
        kind="page", collection=None, rel_path=rel_path, data=data, body=body,
        body_line=body_line, url=url, dest=urls.url_to_path(url, output_ext, page=True),
        ext=src_ext if ext is None else ext, output_ext=output_ext, markdown=False,
        date=None, slug=stem, generated=True, template=template)


def virtual_path(*parts: str) -> str:
    """``_generated/<parts>``: never a real source path (``_`` folders are not read)."""
    clean = [p.strip("/") for p in parts if p and p.strip("/")]
    return "/".join([GENERATED_DIR, *clean])


def chunk(items: list, size: int) -> list[list]:
    """Pages of ``size`` items; no items still make one (empty) page."""
    if size <= 0 or not items:
        return [list(items)]
    return [items[i:i + size] for i in range(0, len(items), size)]
