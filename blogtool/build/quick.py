"""serve's fast path: the page of a saved document whose body alone changed, rendered from
the last good build of a :class:`~blogtool.build.site.BuildSession` and written in place
before the incremental build that follows."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Diagnostics
from .inplace import replace_file
from .reader import reread

if TYPE_CHECKING:
    from .site import BuildSession

QUICK_MAX = 4    # saved files; more than this is a checkout or a search-and-replace


def quick_render(session: BuildSession, changed: set[str]) -> list[str] | None:
    """Re-render only the saved documents, from the last good build of ``session``, when
    nothing but their bodies changed; write their pages in place and return the pages'
    destination paths. ``serve`` sends the reload at once, then runs the full incremental
    build, which finds the same bytes on disk for these pages and brings every other page
    that shows them (lists, feed, neighbours) up to date.

    Returns None, touching nothing, whenever the fast path does not apply: no earlier good
    build, a changed file that is not a post or page converted from Markdown, front matter
    (or anything but the body) that changed, GitHub Pages' link rewriting, or any problem
    while rendering (the full build then reports it)."""
    live = session.live
    if live is None or not changed or len(changed) > QUICK_MAX or \
            live.settings.compat == "github-pages":
        return None
    quiet = Diagnostics()
    renderer = replace(live.renderer, diagnostics=quiet)
    pages: list[tuple[str, bytes]] = []
    try:
        for rel in sorted(changed):
            old = live.docs.get(rel)
            if old is None or old.kind not in ("post", "page") or not old.markdown or \
                    not old.write or old.generated:
                return None
            new = reread(live.config, live.settings, live.now, quiet, old)
            if new is None or quiet.warnings or replace(new, body=old.body) != old:
                return None
            page = live.payloads[rel].copy()
            page["content"] = new.body
            renderer.render_content(new, page)
            html = renderer.render_output(new, page, paginator=page.get("paginator"))
            if quiet.warnings:
                return None
            pages.append((new.dest, html.encode("utf-8")))
    except Exception:   # noqa: BLE001 - the full build that follows reports every problem
        return None
    root = Path(live.settings.destination)
    written = []
    for rel, data in pages:
        target = root / rel
        try:
            before = replace_file(target, data)
        except OSError:
            break       # the site folder is gone or full: the full build sorts it out
        session.quick_backup.setdefault(str(target), before)
        written.append(rel)
    return written or None
