"""``blogtool serve`` under load and under attack, end to end through the real server process.

* wrk with 200 connections on loopback while the site rebuilds again and again: no socket
  error, no non-2xx/3xx, and a separate client never receives a half-written page;
* path traversal in its encodings, and symbolic links in the destination that point out: 4xx;
* a 100 KB header and slowloris clients (one header byte a second) do not stop other clients.
"""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from serving import ServeProcess
from support.corpus import generate_corpus

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("load")
    source, dest = root / "site", root / "out"
    generate_corpus(source, 60, "--theme", "default")
    serve = ServeProcess(source, "-d", str(dest), "--no-livereload")
    try:
        yield serve, dest, root
    finally:
        serve.stop()


def _raw(port: int, request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send bytes as they are (no client-side normalisation); status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    if not data.startswith(b"HTTP/"):
        return 0, data
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def _get(port: int, path: str) -> tuple[int, bytes]:
    return _raw(port, f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))


def test_wrk_200_connections_while_rebuilding() -> None:
    """The load benchmark as a user runs it: it fails on any socket error, non-2xx/3xx
    response or torn page; its report says how many requests, rebuilds and page versions."""
    run = subprocess.run([sys.executable, str(REPO / "benchmarks/load.py"), "--posts", "60",
                          "--connections", "200", "--seconds", "8", "--threads", "2"],
                         capture_output=True, text=True, timeout=900)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    busy = re.search(r"^while rebuilding \((\d+) rebuilds, \d+ saves\): (\d+) requests .*"
                     r"socket errors: (.*); non-2xx/3xx: (\d+)$", run.stdout, re.M)
    assert busy, report
    rebuilds, requests, socket_errors, non_2xx_3xx = busy.groups()
    assert int(requests) > 500, report
    assert socket_errors == "none" and non_2xx_3xx == "0", report
    # rebuilds really happened during the load (each takes 1-3 s on 2 busy cores)
    assert int(rebuilds) >= 2, report
    checker = re.search(r"^page checker: (\d+) fetches, (\d+) distinct versions seen, (\d+) bad$",
                        run.stdout, re.M)
    assert checker, report
    fetched, versions, bad = map(int, checker.groups())
    assert bad == 0 and fetched >= 5 and versions >= 2, report


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/..%5c..%5c..%5cetc%5cpasswd",
    "/..\\..\\..\\etc\\passwd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/.%2e/.%2e/.%2e/etc/passwd",
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "//etc/passwd",
    "/tags/../../../etc/passwd",
    "/index.html%00.txt",
    "/%00",
    "/./././../outside/secret.txt",
    "/../outside/secret.txt",
    "/leak-dir/secret.txt",
    "/leak-file.html",
    "/leak-dir/",
])
def test_traversal_and_links_out_are_refused(served, path: str) -> None:
    serve, dest, root = served
    outside = root / "outside"
    if not outside.exists():
        outside.mkdir()
        (outside / "secret.txt").write_text("TOP-SECRET", "utf-8")
    for name, target in (("leak-dir", outside), ("leak-file.html", outside / "secret.txt")):
        link = dest / name
        if not link.is_symlink():
            link.symlink_to(target)
    status, body = _get(serve.port, path)
    assert status in (400, 403, 404), (status, body[:200])
    assert b"TOP-SECRET" not in body and b"root:" not in body


def test_a_100_kb_header_is_refused_and_others_are_served(served) -> None:
    serve, *_ = served
    huge = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"
    results: list[tuple[int, bytes]] = []
    attacker = threading.Thread(target=lambda: results.append(_raw(serve.port, huge)))
    attacker.start()
    many = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-H: v\r\n" * 5000 + b"\r\n"
    attacker2 = threading.Thread(target=lambda: results.append(_raw(serve.port, many)))
    attacker2.start()
    started = time.monotonic()
    status, body = _get(serve.port, "/")
    assert status == 200 and body.rstrip().endswith(b"</html>")
    assert time.monotonic() - started < 5
    attacker.join(30)
    attacker2.join(30)
    for status, _ in results:
        assert status in (0, 400, 413, 431), status


def test_slowloris_clients_do_not_stop_others(served) -> None:
    serve, *_ = served
    stop = threading.Event()
    socks: list[socket.socket] = []

    def slow(sock: socket.socket) -> None:
        try:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            while not stop.wait(1.0):
                sock.sendall(b"a")
        except OSError:
            pass   # the server may cut a slow client off: that is allowed

    threads = []
    for _ in range(6):
        sock = socket.create_connection(("127.0.0.1", serve.port), timeout=30)
        socks.append(sock)
        t = threading.Thread(target=slow, args=(sock,), daemon=True)
        t.start()
        threads.append(t)
    try:
        time.sleep(1.5)
        for _ in range(20):
            started = time.monotonic()
            status, body = _get(serve.port, "/")
            assert status == 200 and body.rstrip().endswith(b"</html>")
            assert time.monotonic() - started < 3
            time.sleep(0.1)
    finally:
        stop.set()
        for sock in socks:
            sock.close()
        for t in threads:
            t.join(5)
