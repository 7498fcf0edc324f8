"""Generated pages whose text is written by Python code rather than a template: the files of
jekyll-feed, jekyll-sitemap and jekyll-redirect-from. A document names its writer in
``Document.producer``; the render stage calls :func:`produce` where it would run Liquid."""
from __future__ import annotations

from collections.abc import Callable

from liquid.exceptions import LiquidError

from ..errors import BuildError
from . import feed, redirects, sitemap
from .values import PageView

PRODUCERS: dict[str, Callable[[PageView], str]] = {
    feed.PRODUCER: feed.jekyll_feed_xml,
    sitemap.SITEMAP_PRODUCER: sitemap.jekyll_sitemap_xml,
    sitemap.ROBOTS_PRODUCER: sitemap.jekyll_robots_txt,
    redirects.PRODUCER: redirects.redirect_html,
}


def produce(name: str, view: PageView, path: str) -> str:
    """The page's text. What stops Jekyll while it renders the plugin's template (a date that
    is not one, nothing to sort, a limit that is not a number) stops the build, located at the
    page's ``path``."""
    try:
        return PRODUCERS[name](view)
    except ValueError as exc:            # filters: invalid date, cannot sort
        raise BuildError(path, None, str(exc)) from None
    except LiquidError as exc:           # Liquid's own argument errors (an invalid integer)
        raise BuildError(path, None, str(exc.message if hasattr(exc, "message") else exc)) \
            from None
