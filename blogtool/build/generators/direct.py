"""Generated pages whose text is written by Python code rather than a template: the files of
jekyll-feed, jekyll-sitemap and jekyll-redirect-from. A document names its writer in
``Document.producer``; the render stage asks :func:`content` for ``page.content`` instead of
running Liquid and the converter on the body (or converts an empty body, :func:`body`, for a
producer that writes no content), and :func:`output` for the written file instead of the layout
chain when the producer stands in for a layout (jekyll-redirect-from's ``redirect`` layout,
used when the site has none)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from liquid.exceptions import LiquidError

from ...errors import BuildError
from ...models import Document
from . import feed, redirects, sitemap
from .values import PageView

Write = Callable[[PageView], str]


@dataclass(frozen=True)
class Producer:
    content: Write | None          # page.content; None: the conversion of an empty body
    output: Write | None = None    # the file, in place of the layout; None: the page's layout


PRODUCERS: dict[str, Producer] = {
    feed.PRODUCER: Producer(feed.jekyll_feed_xml),
    sitemap.SITEMAP_PRODUCER: Producer(sitemap.jekyll_sitemap_xml),
    sitemap.ROBOTS_PRODUCER: Producer(sitemap.jekyll_robots_txt),
    redirects.PRODUCER: Producer(None, redirects.redirect_html),
    redirects.OWN_LAYOUT_PRODUCER: Producer(None),
}


def writes_content(doc: Document) -> bool:
    return doc.producer is not None and PRODUCERS[doc.producer].content is not None


def content(doc: Document, view: PageView) -> str:
    """``page.content`` of a page whose producer writes it."""
    write = PRODUCERS[doc.producer].content if doc.producer is not None else None
    if write is None:
        raise ValueError(f"{doc.rel_path} has no producer that writes its content")
    return _run(write, view, doc.rel_path)


def body(doc: Document) -> str:
    """The text to convert for ``page.content``: empty for a produced page (a redirect), the
    document's own body otherwise."""
    return doc.body if doc.producer is None else ""


def output(doc: Document, view: PageView) -> str | None:
    """The produced page's file, or None when its layout makes it (or it is not produced)."""
    write = PRODUCERS[doc.producer].output if doc.producer is not None else None
    return None if write is None else _run(write, view, doc.rel_path)


def _run(write: Write, view: PageView, path: str) -> str:
    """What stops Jekyll while it renders a plugin's template (a date that is not one, nothing
    to sort, a limit that is not a number) stops the build, located at the page's ``path``."""
    try:
        return write(view)
    except ValueError as exc:            # filters: invalid date, cannot sort
        raise BuildError(path, None, str(exc)) from None
    except LiquidError as exc:           # Liquid's own argument errors (an invalid integer)
        raise BuildError(path, None, str(getattr(exc, "message", None) or exc)) from None
