"""What the browser tests share: Debian's Chromium driven by Playwright, and a static HTTP
server over a built site."""
from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# no sandbox (CI runs as root), no GPU, and no calls to Google's hosts on a closed network
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; never a downloaded browser."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def start_server(directory: Path) -> ThreadingHTTPServer:
    """A real HTTP server over ``directory`` on a free port, serving from a thread; the
    caller shuts it down."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
    return httpd


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """The base URL of ``directory`` served over HTTP while the block runs."""
    httpd = start_server(directory)
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
