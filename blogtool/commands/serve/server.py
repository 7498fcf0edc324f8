"""The development HTTP server: the built site under ``baseurl``, live reload over SSE.

Standard library only (``http.server``), with Server-Sent Events for live reload: they need
no WebSocket dependency, ``EventSource`` reconnects by itself, and the events carry typed
payloads (the build error). Behaviour follows ``jekyll serve``: the site is mounted only under
``baseurl``, ``/about`` finds ``about.html``, a directory finds its ``index.html``,
``404.html`` answers misses with status 404, nothing is cached.

Safety, because a dev server is still a server: a request can never read outside the
destination (``..`` in any encoding, encoded slashes and backslashes, NUL bytes and symlinks
that point out are refused; every file is checked by its real path), request heads are
gathered by one selector thread under an overall deadline before a request takes one of the
bounded worker threads (so clients that trickle their headers cannot hold the workers), and
binding to a non-loopback address warns.

A build swaps a complete staging directory into place with two renames; a request that races
the swap (the destination briefly missing, or replaced while the file was looked up) waits for
the folder and retries once, so no request sees a half-written site or a spurious 404.
"""
from __future__ import annotations

import html
import io
import ipaddress
import json
import mimetypes
import os
import queue
import re
import selectors
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .loop import BuildState, Snapshot

LIVERELOAD_PATH = "/__blogtool/livereload"
PING_SECONDS = 15.0
INDEX_NAMES = ("index.html", "index.htm", "index.xhtml", "index.xml", "index.json")
EXTENSIONLESS = (".html", ".xhtml", ".htm")
CACHE_CONTROL = "no-store, no-cache, must-revalidate, max-age=0"

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
# Raw (still encoded) request paths that are refused before decoding: encoded slashes and
# backslashes would let a segment smuggle a separator past the ``..`` check.
_BAD_ENCODED = re.compile(r"%(?:2f|5c|00)", re.IGNORECASE)
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
               "application/rss+xml", "application/atom+xml", "image/svg+xml",
               "application/manifest+json", "application/xhtml+xml")

# The page side of live reload. ``textContent`` only: a build error quotes a post (its title,
# its Liquid), and nothing from a post may run as script on the developer's page.
_CLIENT_JS = """(function () {
  var epoch = __EPOCH__, file = __FILE__, source = null, overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = '__blogtool_overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
        'background:rgba(24,24,28,.96);color:#ffb4b4;padding:2em;margin:0;' +
        'font:15px/1.5 ui-monospace,Menlo,Consolas,monospace';
      var title = document.createElement('div');
      title.style.cssText = 'color:#fff;font-weight:bold;margin-bottom:1em';
      title.textContent = 'blogtool: the build failed; fix the file and save, this page reloads.';
      var pre = document.createElement('pre');
      pre.id = '__blogtool_error';
      pre.style.cssText = 'white-space:pre-wrap;margin:0';
      overlay.appendChild(title);
      overlay.appendChild(pre);
      (document.body || document.documentElement).appendChild(overlay);
    }
    overlay.querySelector('pre').textContent = message;
  }
  function open() {
    if (source) return;
    source = new EventSource('__PATH__?epoch=' + epoch);
    source.addEventListener('reload', function (e) {
      var data = JSON.parse(e.data);
      if (data.epoch === epoch) return;
      if (data.paths && file !== null && data.paths.indexOf(file) < 0) {
        epoch = data.epoch;   // other pages changed; this one is as it was
        return;
      }
      source.close(); location.reload();
    });
    source.addEventListener('build-error', function (e) {
      show(JSON.parse(e.data).message);
    });
  }
  function close() { if (source) { source.close(); source = null; } }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) { close(); } else { open(); }
  });
  window.addEventListener('pagehide', close);
  if (!document.hidden) open();
})();"""


def client_script(epoch: int, file: str | None = None) -> bytes:
    """The ``<script>`` element injected into served HTML pages. ``file``: the site file the
    page is (``2014/10/18/x.html``); the page then reloads only when a build changed that
    file, or changed files it cannot know about (None: any change reloads it)."""
    name = json.dumps(file, ensure_ascii=True).replace("<", "\\u003c")
    js = (_CLIENT_JS.replace("__EPOCH__", str(int(epoch))).replace("__FILE__", name)
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


def normalize_baseurl(baseurl: str | None) -> str:
    """``""`` or ``/blog`` (leading slash, no trailing slash), as the mount point."""
    value = (baseurl or "").strip().strip("/")
    return f"/{value}" if value else ""


@dataclass(frozen=True)
class Mount:
    """Where the site lives on disk and under which URL path it is served."""

    root: Path
    baseurl: str = ""

    @classmethod
    def make(cls, root: Path | str, baseurl: str | None) -> Mount:
        return cls(Path(os.path.abspath(root)), normalize_baseurl(baseurl))


@dataclass(frozen=True)
class Resolution:
    """The outcome of mapping a request path: a file to send, a redirect, or an error status."""

    status: int
    file: str | None = None          # real path of the file to send (status 200 or 404)
    location: str | None = None      # for redirects


BAD_REQUEST = Resolution(HTTPStatus.BAD_REQUEST)
NOT_FOUND = Resolution(HTTPStatus.NOT_FOUND)


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real + os.sep)


def _safe_file(path: str, root_real: str) -> str | None:
    """The real path of ``path`` when it is a regular file whose real path stays inside."""
    real = os.path.realpath(path)
    if not _inside(real, root_real):
        return None
    return real if os.path.isfile(real) else None


def decode_path(raw: str) -> str | None:
    """The decoded URL path, or None when it is malformed or tries to leave the site.

    Refused: encoded ``/``, ``\\`` or NUL, a literal backslash or NUL, invalid UTF-8, and any
    ``..`` segment in any encoding (checked after decoding, so ``%2e%2e`` is caught too).
    """
    path = urlsplit(raw).path if "://" in raw[:12] else raw.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or _BAD_ENCODED.search(path) or "\\" in path or "\x00" in path:
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded:
        return None
    if any(segment == ".." for segment in decoded.split("/")):
        return None
    return decoded


def resolve(mount: Mount, raw_path: str) -> Resolution:
    """Map a request target to a file of the site, the way ``jekyll serve`` does.

    ``/blog/`` -> ``index.html``, ``/blog/about`` -> ``about.html``, ``/blog/2014`` -> a
    redirect to ``/blog/2014/``; outside ``baseurl`` everything is 404.
    """
    decoded = decode_path(raw_path)
    if decoded is None:
        return BAD_REQUEST
    base = mount.baseurl
    if base:
        if decoded == base:
            return Resolution(HTTPStatus.MOVED_PERMANENTLY, location=quote(base + "/"))
        if not decoded.startswith(base + "/"):
            return NOT_FOUND
        decoded = decoded[len(base):]
    rel = "/".join(p for p in decoded.split("/") if p not in ("", "."))
    root_real = os.path.realpath(mount.root)
    candidate = os.path.join(root_real, *rel.split("/")) if rel else root_real
    real = os.path.realpath(candidate)
    if not _inside(real, root_real):
        return NOT_FOUND
    if os.path.isdir(real):
        if not decoded.endswith("/"):
            return Resolution(HTTPStatus.MOVED_PERMANENTLY,
                              location=quote(base + decoded + "/", safe="/"))
        for name in INDEX_NAMES:
            found = _safe_file(os.path.join(real, name), root_real)
            if found:
                return Resolution(HTTPStatus.OK, found)
        return NOT_FOUND
    if os.path.isfile(real):
        return Resolution(HTTPStatus.OK, real) if not decoded.endswith("/") else NOT_FOUND
    if rel and not decoded.endswith("/"):
        for ext in EXTENSIONLESS:
            found = _safe_file(candidate + ext, root_real)
            if found:
                return Resolution(HTTPStatus.OK, found)
    return NOT_FOUND


def not_found_file(mount: Mount) -> str | None:
    """The site's own ``404.html``, when it has one (served with status 404)."""
    return _safe_file(os.path.join(mount.root, "404.html"), os.path.realpath(mount.root))


def content_type(path: str) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind.startswith(_TEXT_TYPES):
        kind += "; charset=utf-8"
    return kind


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def sse_event(name: str, data: dict) -> bytes:
    payload = json.dumps(data, ensure_ascii=False)
    return f"event: {name}\ndata: {payload}\n\n".encode()


def error_page(message: str | None) -> bytes:
    """What a page request gets when there is no site yet (the first build failed)."""
    text = message or "The site has not been built yet."
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>blogtool: build failed"
            "</title></head>\n<body><h1>The site could not be built</h1>\n<pre>"
            f"{html.escape(text)}</pre>\n<p>Fix the file and save: this page reloads by itself."
            "</p>\n</body></html>\n").encode()


def default_not_found(mount: Mount) -> bytes:
    hint = f" The site is served under <a href=\"{html.escape(mount.baseurl)}/\">" \
           f"{html.escape(mount.baseurl)}/</a>." if mount.baseurl else ""
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404 Not Found</title>"
            f"</head>\n<body><h1>404 Not Found</h1><p>No such page.{hint}</p></body></html>\n"
            ).encode()


class DevRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the site, plus the SSE endpoint. HTTP/1.0: one request per connection,
    so idle keep-alive connections never hold one of the bounded worker threads."""

    server: DevServer
    server_version = "blogtool"
    timeout = 15  # seconds a client may take to send its request (socket timeout)

    def setup(self) -> None:
        self.timeout = self.server.request_timeout  # type: ignore[misc,assignment]
        super().setup()
        head = getattr(self.server._local, "head", b"")
        if head:  # the request head was already read by the server's head reader
            self.server._local.head = b""
            self.rfile = io.BufferedReader(_Prefixed(head, self.connection))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        if self.server.verbose:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:  # noqa: N802 (stdlib naming)
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        if path == LIVERELOAD_PATH:
            self._livereload()
        else:
            self._serve(head=False)

    # --- site files ------------------------------------------------------------------------

    def _serve(self, head: bool) -> None:
        state = self.server.state
        snap = state.snapshot()
        if not snap.epoch and snap.error is None:
            snap = state.wait_for_first_build(self.server.first_build_wait)
        mount = self.server.mount
        fh, path = None, None
        status: int = HTTPStatus.NOT_FOUND
        for attempt in range(3):  # a request racing a swap retries (twice at most)
            _wait_for_swap(mount)
            identity = _identity(mount.root)
            if identity is None and attempt < 2 and _swap_in_progress(mount.root):
                continue
            if identity is None:
                if decode_path(self.path) is None:
                    return self._send_bytes(HTTPStatus.BAD_REQUEST, b"Bad request\n",
                                            "text/plain; charset=utf-8", head)
                snap = state.snapshot()
                return self._send_page(HTTPStatus.SERVICE_UNAVAILABLE, error_page(snap.error),
                                       snap.epoch, head)
            res = resolve(mount, self.path)
            if res.status == HTTPStatus.MOVED_PERMANENTLY:
                self.send_response(res.status)
                self.send_header("Location", res.location or "/")
                self.send_header("Cache-Control", CACHE_CONTROL)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if res.status == HTTPStatus.BAD_REQUEST:
                return self._send_bytes(res.status, b"Bad request\n",
                                        "text/plain; charset=utf-8", head)
            status, path = res.status, res.file
            if status == HTTPStatus.NOT_FOUND:
                path = not_found_file(mount)
            try:
                fh = open(path, "rb") if path else None
            except OSError:
                fh = None
                status = HTTPStatus.NOT_FOUND
            if status == HTTPStatus.NOT_FOUND and attempt < 2 \
                    and identity != _identity(mount.root):
                if fh:
                    fh.close()
                fh = None
                continue   # the site was swapped while we looked: look again
            break
        if fh is None:
            return self._send_page(status, default_not_found(mount), state.snapshot().epoch,
                                   head)
        with fh:
            self._send_file(status, fh, path or "", head)

    def _send_file(self, status: int, fh: BinaryIO, path: str, head: bool) -> None:
        kind = content_type(path)
        if self.server.livereload and kind.startswith("text/html"):
            return self._send_page(status, fh.read(), self.server.state.snapshot().epoch, head,
                                   inject=True, file=self._site_file(path, status))
        size = os.fstat(fh.fileno()).st_size
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(size))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            while chunk := fh.read(64 * 1024):
                self.wfile.write(chunk)

    def _site_file(self, path: str, status: int) -> str | None:
        """The site-relative file a page was read from; None for a 404 page, which must
        reload whenever anything changed (the missing page may now exist)."""
        if status != HTTPStatus.OK or not path:
            return None
        rel = os.path.relpath(path, os.path.realpath(self.server.mount.root))
        return None if rel.startswith("..") else rel.replace(os.sep, "/")

    def _send_page(self, status: int, body: bytes, epoch: int, head: bool,
                   inject: bool = True, file: str | None = None) -> None:
        if inject and self.server.livereload:
            body = inject_script(body, epoch, file)
        self._send_bytes(status, body, "text/html; charset=utf-8", head)

    def _send_bytes(self, status: int, body: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    # --- live reload -----------------------------------------------------------------------

    def _livereload(self) -> None:
        if not self.server.livereload:
            return self._send_bytes(HTTPStatus.NOT_FOUND, b"live reload is off\n",
                                    "text/plain; charset=utf-8", False)
        with self.server.stream_slot() as granted:
            if not granted:
                return self._send_bytes(HTTPStatus.SERVICE_UNAVAILABLE,
                                        b"too many live-reload clients\n",
                                        "text/plain; charset=utf-8", False)
            self._stream(_client_epoch(self.path))

    def _stream(self, client_epoch: int | None) -> None:
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        seen = state.snapshot()
        try:
            self._write(b"retry: 1000\n\n")
            if seen.error is not None:
                self._write(sse_event("build-error", {"message": seen.error}))
            elif client_epoch is not None and seen.epoch and client_epoch != seen.epoch:
                self._write(sse_event("reload", {"epoch": seen.epoch,
                                                 "paths": state.changed_since(client_epoch),
                                                 "building": seen.building}))
            while not seen.closed:
                now = state.wait_for_change(seen, self.server.ping_seconds)
                if now.closed:
                    break
                self._write(_events_between(seen, now, state.changed_since(seen.epoch))
                            or b": ping\n\n")
                seen = now
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            pass  # the tab went away; its thread ends here
        self.close_connection = True

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


def _events_between(before: Snapshot, after: Snapshot,
                    paths: list[str] | None = None) -> bytes:
    """The SSE events that tell a page what changed from ``before`` to ``after``; ``paths``:
    the site files changed since ``before`` (None: unknown, every page reloads)."""
    if after.error is not None and after.error_seq != before.error_seq:
        return sse_event("build-error", {"message": after.error})
    if after.epoch != before.epoch and after.error is None:
        # "building": pages written ahead of a build still running (serve's fast path)
        return sse_event("reload", {"epoch": after.epoch, "paths": paths,
                                    "building": after.building})
    return b""


def _client_epoch(path: str) -> int | None:
    values = parse_qs(urlsplit(path).query).get("epoch")
    try:
        return int(values[0]) if values else None
    except ValueError:
        return None


def _swap_in_progress(root: Path) -> bool:
    """Between the two renames of a swap the old site sits beside the missing destination as
    ``.<name>.old-<pid>`` (see :class:`blogtool.build.output.Staging`)."""
    prefix = f".{root.name}.old-"
    try:
        return any(name.startswith(prefix) for name in os.listdir(root.parent))
    except OSError:
        return False


def _wait_for_swap(mount: Mount, limit: float = 2.0) -> None:
    """Wait (briefly) while the destination is missing because a swap is half done."""
    deadline = time.monotonic() + limit
    while not os.path.isdir(mount.root) and _swap_in_progress(mount.root) \
            and time.monotonic() < deadline:
        time.sleep(0.005)


def _identity(root: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(root)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class PortInUse(OSError):
    """The port is taken; the CLI prints one line about it."""


class DevServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` with a bounded pool of worker threads and a separate, bounded
    set of long-lived live-reload streams (a stream gives its worker slot back)."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 256
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: BuildState, mount: Mount, *,
                 livereload: bool = True, max_workers: int = 32, max_streams: int = 64,
                 verbose: bool = False, ping_seconds: float = PING_SECONDS,
                 first_build_wait: float = 300.0, request_timeout: float = 15.0) -> None:
        host = address[0]
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.state = state
        self.mount = mount
        self.livereload = livereload
        self.verbose = verbose
        self.ping_seconds = ping_seconds
        self.first_build_wait = first_build_wait
        self.request_timeout = request_timeout
        self._workers = threading.BoundedSemaphore(max_workers)
        self._streams = threading.BoundedSemaphore(max_streams)
        self._local = threading.local()
        self._heads: _HeadReader | None = None
        self._ready: queue.SimpleQueue = queue.SimpleQueue()
        self._dispatcher: threading.Thread | None = None
        try:
            super().__init__(address, DevRequestHandler)
        except OSError as exc:
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise PortInUse(exc.errno, f"{host}:{address[1]} is already in use") from None
            raise

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can hang
        # for seconds without network; the name is not needed.
        import socketserver
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = port

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        """Accepted connections first go to the head reader: one thread that collects request
        heads from every connection at once, each under an overall deadline, so clients that
        trickle their headers (slowloris) never hold a worker thread."""
        if self._heads is None:
            self._heads = _HeadReader(self)
            self._heads.start()
        self._heads.add(request, client_address)

    def dispatch(self, request: socket.socket, client_address: object, head: bytes) -> None:
        """A complete request head: queue it for a worker (the head reader never waits)."""
        if self._dispatcher is None:
            self._dispatcher = threading.Thread(target=self._dispatch_loop,
                                                name="blogtool-dispatch", daemon=True)
            self._dispatcher.start()
        self._ready.put((request, client_address, head))

    def _dispatch_loop(self) -> None:
        while True:
            item = self._ready.get()
            if item is None:
                return
            self._start_worker(*item)

    def _start_worker(self, request: socket.socket, client_address: object,
                      head: bytes) -> None:
        """Serve on a worker thread, or 503 when every worker stays busy for seconds."""
        if not self._workers.acquire(timeout=5.0):
            try:  # every worker is busy for seconds: say so instead of queueing forever
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                b"Retry-After: 1\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        thread = threading.Thread(target=self._work, args=(request, client_address, head),
                                  daemon=True)
        thread.start()

    def _work(self, request: socket.socket, client_address: object, head: bytes = b"") -> None:
        self._local.holds_worker = True
        self._local.head = head
        try:
            self.process_request_thread(request, client_address)
        finally:
            if self._local.holds_worker:
                self._local.holds_worker = False
                self._workers.release()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-response is normal (wrk, a closed tab): no traceback;
        anything else is one line, and the server carries on."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError,
                            TimeoutError)):
            return
        sys.stderr.write(f"serve: request from {client_address}: {type(exc).__name__}: {exc}\n")

    def stream_slot(self) -> _StreamSlot:
        """Trade this thread's worker slot for a stream slot (used by the SSE endpoint)."""
        return _StreamSlot(self)

    def serve_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                  name="blogtool-http", daemon=True)
        thread.start()
        self._serving = thread
        return thread

    def close(self) -> None:
        self.state.close()
        if getattr(self, "_serving", None) is not None:
            self.shutdown()     # waits for serve_forever, so only once it was started
        if self._heads is not None:
            self._heads.stop()
        self._ready.put(None)
        self.server_close()


class _Prefixed(io.RawIOBase):
    """A socket's byte stream with the already-read request head in front of it."""

    def __init__(self, head: bytes, sock: socket.socket) -> None:
        self._head = memoryview(head)
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._sock.recv_into(buffer)


class _HeadReader(threading.Thread):
    """Collects request heads (up to the blank line) from many connections in one thread with
    a selector. A connection that has not sent its whole head within ``request_timeout``
    seconds is closed; one that sends more than ``HEAD_LIMIT`` bytes of head gets 431."""

    HEAD_LIMIT = 256 * 1024
    MAX_PENDING = 2048

    def __init__(self, server: DevServer) -> None:
        super().__init__(name="blogtool-heads", daemon=True)
        self.server = server
        self.selector = selectors.DefaultSelector()
        self.inbox: list[tuple[socket.socket, object]] = []
        self.lock = threading.Lock()
        self.wake_r, self.wake_w = socket.socketpair()
        self.wake_r.setblocking(False)
        self.selector.register(self.wake_r, selectors.EVENT_READ, None)
        self.pending: dict[socket.socket, tuple[object, bytearray, float]] = {}
        self.running = True

    def add(self, sock: socket.socket, address: object) -> None:
        with self.lock:
            self.inbox.append((sock, address))
        try:
            self.wake_w.send(b"x")
        except OSError:
            pass

    def stop(self) -> None:
        self.running = False
        self.add_wake()

    def add_wake(self) -> None:
        try:
            self.wake_w.send(b"x")
        except OSError:
            pass

    def _drop(self, sock: socket.socket, reply: bytes = b"") -> None:
        self.pending.pop(sock, None)
        try:
            self.selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        if reply:
            try:
                sock.sendall(reply)
            except OSError:
                pass
        self.server.shutdown_request(sock)

    def run(self) -> None:
        while self.running:
            now = time.monotonic()
            wait = min((d for _, _, d in self.pending.values()), default=now + 1.0) - now
            for key, _ in self.selector.select(timeout=max(0.0, min(wait, 1.0))):
                if key.fileobj is self.wake_r:
                    try:
                        self.wake_r.recv(4096)
                    except OSError:
                        pass
                    continue
                self._read(key.fileobj)  # type: ignore[arg-type]
            with self.lock:
                arrived, self.inbox = self.inbox, []
            deadline = time.monotonic() + self.server.request_timeout
            for sock, address in arrived:
                if len(self.pending) >= self.MAX_PENDING:
                    self.server.shutdown_request(sock)
                    continue
                try:
                    sock.setblocking(False)
                    self.selector.register(sock, selectors.EVENT_READ, None)
                except (OSError, ValueError):
                    self.server.shutdown_request(sock)
                    continue
                self.pending[sock] = (address, bytearray(), deadline)
            now = time.monotonic()
            for sock in [s for s, (_, _, d) in self.pending.items() if d <= now]:
                self._drop(sock)
        for sock in list(self.pending):
            self._drop(sock)

    def _read(self, sock: socket.socket) -> None:
        entry = self.pending.get(sock)
        if entry is None:
            return
        address, buffer, _deadline = entry
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(sock)
            return
        if not data:
            self._drop(sock)
            return
        buffer += data
        if b"\r\n\r\n" in buffer or b"\n\n" in buffer:
            self.pending.pop(sock, None)
            self.selector.unregister(sock)
            sock.setblocking(True)
            self.server.dispatch(sock, address, bytes(buffer))
        elif len(buffer) > self.HEAD_LIMIT:
            self._drop(sock, b"HTTP/1.0 431 Request Header Fields Too Large\r\n"
                             b"Content-Length: 0\r\n\r\n")


class _StreamSlot:
    def __init__(self, server: DevServer) -> None:
        self.server = server
        self.granted = False

    def __enter__(self) -> bool:
        self.granted = self.server._streams.acquire(blocking=False)
        if self.granted and getattr(self.server._local, "holds_worker", False):
            self.server._local.holds_worker = False
            self.server._workers.release()
        return self.granted

    def __exit__(self, *exc: object) -> None:
        if self.granted:
            self.server._streams.release()


def server_url(host: str, port: int, baseurl: str = "") -> str:
    """The address printed and opened: ``http://127.0.0.1:4000/blog/``."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{normalize_baseurl(baseurl)}/"


def site_url(host: str, port: int) -> str:
    """``site.url`` in development, as ``jekyll serve`` sets it (loopback shown as localhost)."""
    if host in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "::", ""):
        return f"http://localhost:{port}"
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


__all__ = ["DevServer", "Mount", "PortInUse", "Resolution", "LIVERELOAD_PATH", "client_script",
           "decode_path", "inject_script", "is_loopback", "normalize_baseurl", "resolve",
           "server_url", "site_url", "sse_event"]
