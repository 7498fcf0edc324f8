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
import os
import queue
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, BinaryIO

from .heads import HeadReader, PrefixedStream
from .livereload import (
    LIVERELOAD_PATH,
    PING_SECONDS,
    client_epoch,
    events_between,
    inject_script,
    sse_event,
)
from .loop import BuildState
from .paths import (
    Mount,
    content_type,
    decode_path,
    folder_identity,
    not_found_file,
    resolve,
    swap_in_progress,
    wait_for_swap,
)

CACHE_CONTROL = "no-store, no-cache, must-revalidate, max-age=0"


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
            self.rfile = io.BufferedReader(PrefixedStream(head, self.connection))

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
            wait_for_swap(mount)
            identity = folder_identity(mount.root)
            if identity is None and attempt < 2 and swap_in_progress(mount.root):
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
                    and identity != folder_identity(mount.root):
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
            self._stream(client_epoch(self.path))

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
                self._write(events_between(seen, now, state.changed_since(seen.epoch))
                            or b": ping\n\n")
                seen = now
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            pass  # the tab went away; its thread ends here
        self.close_connection = True

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


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
        self._heads: HeadReader | None = None
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
            self._heads = HeadReader(self)
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


__all__ = ["DevServer", "PortInUse"]
