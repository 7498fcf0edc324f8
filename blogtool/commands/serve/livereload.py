"""The page side of live reload: the script injected into served HTML pages (package data,
``blogtool/builtin/serve/livereload.js``) and the Server-Sent Events it listens to.

The script sets the build error with ``textContent`` only: an error quotes a post (its title,
its Liquid), and nothing from a post may run as script on the developer's page.
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources
from urllib.parse import parse_qs, urlsplit

from .loop import Snapshot

LIVERELOAD_PATH = "/__blogtool/livereload"
PING_SECONDS = 15.0

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@functools.cache
def _client_js() -> str:
    script = resources.files("blogtool").joinpath("builtin", "serve", "livereload.js")
    return script.read_text("utf-8").rstrip("\n")


def client_script(epoch: int, file: str | None = None) -> bytes:
    """The ``<script>`` element injected into served HTML pages. ``file``: the site file the
    page is (``2014/10/18/x.html``); the page then reloads only when a build changed that
    file, or changed files it cannot know about (None: any change reloads it)."""
    name = json.dumps(file, ensure_ascii=True).replace("<", "\\u003c")
    js = (_client_js().replace("__EPOCH__", str(int(epoch))).replace("__FILE__", name)
          .replace("__PATH__", LIVERELOAD_PATH))
    return f'<script data-blogtool-livereload>\n{js}\n</script>\n'.encode()


def inject_script(page: bytes, epoch: int, file: str | None = None) -> bytes:
    """Insert the live-reload script before the last ``</body>`` (or at the end)."""
    script = client_script(epoch, file)
    last = None
    for last in _BODY_END.finditer(page):  # noqa: B007 - the last match is used below
        pass
    if last is None:
        return page + script
    return page[: last.start()] + script + page[last.start():]


def sse_event(name: str, data: dict) -> bytes:
    payload = json.dumps(data, ensure_ascii=False)
    return f"event: {name}\ndata: {payload}\n\n".encode()


def events_between(before: Snapshot, after: Snapshot, paths: list[str] | None = None) -> bytes:
    """The SSE events that tell a page what changed from ``before`` to ``after``; ``paths``:
    the site files changed since ``before`` (None: unknown, every page reloads)."""
    if after.error is not None and after.error_seq != before.error_seq:
        return sse_event("build-error", {"message": after.error})
    if after.epoch != before.epoch and after.error is None:
        # "building": pages written ahead of a build still running (serve's fast path)
        return sse_event("reload", {"epoch": after.epoch, "paths": paths,
                                    "building": after.building})
    return b""


def client_epoch(path: str) -> int | None:
    """The build a page was served from, as its event stream request says (``?epoch=N``)."""
    values = parse_qs(urlsplit(path).query).get("epoch")
    try:
        return int(values[0]) if values else None
    except ValueError:
        return None
