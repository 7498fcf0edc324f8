"""Request heads gathered from every connection at once by one selector thread, under an
overall deadline, before a request takes a worker thread: clients that trickle their headers
(slowloris) never hold a worker."""
from __future__ import annotations

import io
import selectors
import socket
import threading
import time
from typing import Protocol


class HeadSink(Protocol):
    """What the head reader hands complete heads to (the server)."""

    request_timeout: float

    def dispatch(self, request: socket.socket, client_address: object, head: bytes) -> None: ...

    def shutdown_request(self, request: socket.socket) -> None: ...


class PrefixedStream(io.RawIOBase):
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


class HeadReader(threading.Thread):
    """Collects request heads (up to the blank line) from many connections in one thread with
    a selector. A connection that has not sent its whole head within ``request_timeout``
    seconds is closed; one that sends more than ``HEAD_LIMIT`` bytes of head gets 431."""

    HEAD_LIMIT = 256 * 1024
    MAX_PENDING = 2048

    def __init__(self, server: HeadSink) -> None:
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
