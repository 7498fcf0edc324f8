"""The dev server against hand-made destination folders: path safety in every encoding,
baseurl mounting, extension-less URLs, 404.html, script injection, SSE events, bounded workers,
and requests racing the build's directory swap."""
from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.commands.serve.addresses import is_loopback, server_url, site_url
from blogtool.commands.serve.livereload import LIVERELOAD_PATH, inject_script
from blogtool.commands.serve.loop import BuildState
from blogtool.commands.serve.paths import Mount, decode_path, normalize_baseurl, resolve
from blogtool.commands.serve.server import DevServer, PortInUse

SECRET = "TOP-SECRET-OUTSIDE-THE-SITE"
CJK_NAME = "中文路径"


def make_site(root: Path) -> Path:
    """A destination folder as a build would leave it, plus a secret file beside it."""
    site = root / "_site"
    (site / "2014" / "10" / "15").mkdir(parents=True)
    (site / "about").mkdir()
    (site / "css").mkdir()
    (site / "empty").mkdir()
    (site / "index.html").write_text("<html><body><p>home</p></body></html>", "utf-8")
    (site / "about.html").write_text("<html><body>about page</body></html>", "utf-8")
    (site / "about" / "index.html").write_text("<html><body>about dir</body></html>", "utf-8")
    (site / "contact.html").write_text("<html><BODY>contact</BODY></html>", "utf-8")
    (site / "2014" / "10" / "15" / f"{CJK_NAME}.html").write_text(
        "<html><body>中文文章</body></html>", "utf-8")
    (site / "404.html").write_text("<html><body>custom not found</body></html>", "utf-8")
    (site / "css" / "main.css").write_text("body { color: red } </body>", "utf-8")
    (site / "feed.xml").write_text("<?xml version='1.0'?><feed></feed>", "utf-8")
    (site / "data.json").write_text('{"a": "</body>"}', "utf-8")
    (site / "fragment.html").write_text("<p>no body tag</p>", "utf-8")
    (root / "secret.txt").write_text(SECRET, "utf-8")
    (root / "outside").mkdir()
    (root / "outside" / "index.html").write_text(SECRET, "utf-8")
    os.symlink(root / "secret.txt", site / "leak.html")
    os.symlink(root / "outside", site / "leakdir")
    os.symlink(site / "about.html", site / "alias.html")
    return site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


class Running:
    """An in-process server on a free loopback port."""

    def __init__(self, mount: Mount, state: BuildState | None = None, **kwargs):
        self.state = state or BuildState()
        if not self.state.snapshot().epoch and self.state.snapshot().error is None:
            self.state.succeeded()
        self.server = DevServer(("127.0.0.1", 0), self.state, mount, **kwargs)
        self.server.serve_in_thread()
        self.port = self.server.port

    def get(self, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body

    def raw(self, request: bytes, timeout: float = 10) -> bytes:
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(request)
            chunks = []
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                chunks.append(data)
        return b"".join(chunks)

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def server(site: Path):
    running = Running(Mount.make(site, ""))
    yield running
    running.close()


@pytest.fixture
def blog(site: Path):
    running = Running(Mount.make(site, "/blog"))
    yield running
    running.close()


def status_of(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1])


# --- path safety -----------------------------------------------------------------------------

TRAVERSALS = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/.%2e/secret.txt",
    "/%2e./secret.txt",
    "/css/%2e%2e/%2e%2e/secret.txt",
    "/css/../../secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/%2e%2e%2Fsecret.txt",
    "/..%5csecret.txt",
    "/..%5Csecret.txt",
    "/%2e%2e%5csecret.txt",
    "/..\\secret.txt",
    "/css\\..\\..\\secret.txt",
    "/%00",
    "/index.html%00.txt",
    "/%c0%ae%c0%ae/secret.txt",          # overlong UTF-8 dots: invalid UTF-8
    "/%252e%252e/secret.txt",            # double encoding: a literal name, not a parent
    "/leak.html",                        # symlink to a file outside
    "/leakdir/",                         # symlink to a folder outside
    "/leakdir/index.html",
    "/leakdir",
    "/leak",                             # extension-less lookup must not follow it either
    "http://127.0.0.1/../secret.txt",    # absolute-form request target
    "/blog/../../secret.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_request_reads_outside_the_destination(server: Running, target: str):
    raw = server.raw(f"GET {target} HTTP/1.0\r\nHost: x\r\n\r\n".encode("latin-1"))
    assert SECRET.encode() not in raw
    assert status_of(raw) in (400, 404)


def test_nul_byte_and_backslash_are_bad_requests(server: Running):
    for target in ("/%00", "/a%00b.html", "/..%5csecret.txt", "/a\\b", "/..%2fsecret.txt"):
        raw = server.raw(f"GET {target} HTTP/1.0\r\n\r\n".encode())
        assert status_of(raw) == 400, target


def test_symlink_pointing_inside_is_served(server: Running):
    status, _, body = server.get("/alias.html")
    assert status == 200 and b"about page" in body


def test_decode_path_refuses_every_parent_segment():
    assert decode_path("/a/b/c.html") == "/a/b/c.html"
    assert decode_path("/%E4%B8%AD.html?x=1#frag") == "/中.html"
    for bad in ("/..", "/a/..", "/%2e%2e", "/%2e%2E/x", "/a%2fb", "/a%5Cb", "/a\\b", "/%00",
                "relative", "/%ff%fe"):
        assert decode_path(bad) is None, bad


_SEGMENT = st.text(alphabet=list("./%25eEfF2c0\\ab"), min_size=0, max_size=8)


@pytest.fixture(scope="module")
def prop_site(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("prop"))


@settings(max_examples=300, deadline=None)
@given(segments=st.lists(_SEGMENT, min_size=1, max_size=6))
def test_resolution_never_leaves_the_root(prop_site: Path, segments: list[str]):
    real_root = os.path.realpath(prop_site)
    res = resolve(Mount.make(prop_site, ""), "/" + "/".join(segments))
    if res.file is not None:
        assert res.file.startswith(real_root + os.sep)
        assert SECRET not in Path(res.file).read_text("utf-8", "replace")


# --- URL mapping -------------------------------------------------------------------------------

def test_extensionless_urls_and_directories(server: Running):
    assert server.get("/")[2].startswith(b"<html><body><p>home</p>")
    assert b"contact" in server.get("/contact")[2]
    status, headers, _ = server.get("/about")
    assert status == 301 and headers["location"] == "/about/"
    assert b"about dir" in server.get("/about/")[2]
    assert b"about page" in server.get("/about.html")[2]
    assert server.get("/empty/")[0] == 404          # a folder without index: no listing
    assert server.get("/about.html/")[0] == 404


def test_percent_encoded_cjk_paths(server: Running):
    from urllib.parse import quote
    path = quote(f"/2014/10/15/{CJK_NAME}.html")
    assert "%E4%B8%AD" in path
    status, _, body = server.get(path)
    assert status == 200 and "中文文章".encode() in body
    status, _, body = server.get(path[: -len(".html")])
    assert status == 200 and "中文文章".encode() in body


def test_misses_get_the_sites_404_page_with_status_404(server: Running):
    status, headers, body = server.get("/no/such/page")
    assert status == 404
    assert b"custom not found" in body
    assert headers["content-length"] == str(len(body))


def test_default_404_when_the_site_has_none(site: Path):
    (site / "404.html").unlink()
    running = Running(Mount.make(site, "/blog"))
    try:
        status, _, body = running.get("/")
        assert status == 404 and b'href="/blog/"' in body
    finally:
        running.close()


def test_baseurl_mount(blog: Running):
    status, _, body = blog.get("/blog/")
    assert status == 200 and b"home" in body
    status, _, body = blog.get("/")
    assert status == 404 and b"custom not found" in body
    assert blog.get("/index.html")[0] == 404
    assert blog.get("/about.html")[0] == 404
    assert blog.get("/blogx/")[0] == 404
    status, headers, _ = blog.get("/blog")
    assert status == 301 and headers["location"] == "/blog/"
    assert b"about page" in blog.get("/blog/about.html")[2]
    assert b"contact" in blog.get("/blog/contact")[2]
    status, headers, _ = blog.get("/blog/about")
    assert status == 301 and headers["location"] == "/blog/about/"


def test_cjk_baseurl(site: Path):
    from urllib.parse import quote
    running = Running(Mount.make(site, "博客"))
    try:
        assert running.get(quote("/博客/"))[0] == 200
        status, headers, _ = running.get(quote("/博客"))
        assert status == 301 and headers["location"] == quote("/博客/")
    finally:
        running.close()


def test_normalize_baseurl_and_addresses():
    assert normalize_baseurl("") == "" and normalize_baseurl(None) == ""
    assert normalize_baseurl("/blog/") == "/blog" == normalize_baseurl("blog")
    assert normalize_baseurl("/") == ""
    assert server_url("127.0.0.1", 4000, "/blog/") == "http://127.0.0.1:4000/blog/"
    assert server_url("::1", 4000) == "http://[::1]:4000/"
    assert site_url("127.0.0.1", 4123) == "http://localhost:4123"
    assert site_url("192.168.1.5", 80) == "http://192.168.1.5:80"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert not is_loopback("") and not is_loopback("::")


# --- headers and injection -------------------------------------------------------------------

def test_script_injected_only_into_html_responses(server: Running, site: Path):
    status, headers, body = server.get("/index.html")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-length"] == str(len(body))
    assert "no-store" in headers["cache-control"]
    assert body.count(b"data-blogtool-livereload") == 1
    assert body.index(b"data-blogtool-livereload") < body.index(b"</body>")
    assert body.endswith(b"</body></html>")
    # the file on disk is untouched
    assert (site / "index.html").read_bytes() == b"<html><body><p>home</p></body></html>"
    # uppercase </BODY>
    body = server.get("/contact.html")[2]
    assert body.index(b"data-blogtool-livereload") < body.index(b"</BODY>")
    # no </body>: appended
    body = server.get("/fragment.html")[2]
    assert body.startswith(b"<p>no body tag</p>") and b"data-blogtool-livereload" in body
    for path, kind in (("/css/main.css", "text/css"), ("/data.json", "application/json"),
                       ("/feed.xml", "xml")):
        status, headers, body = server.get(path)
        assert status == 200 and kind in headers["content-type"]
        assert b"blogtool-livereload" not in body
        assert body == (site / path.lstrip("/")).read_bytes()
        assert headers["content-length"] == str(len(body))
    assert "charset=utf-8" in server.get("/css/main.css")[1]["content-type"]


def test_head_has_headers_and_no_body(server: Running):
    status, headers, body = server.get("/index.html", method="HEAD")
    assert status == 200 and body == b""
    full = server.get("/index.html")[2]
    assert headers["content-length"] == str(len(full))


def test_no_injection_without_livereload(site: Path):
    running = Running(Mount.make(site, ""), livereload=False)
    try:
        body = running.get("/index.html")[2]
        assert body == (site / "index.html").read_bytes()
        assert running.get(LIVERELOAD_PATH)[0] == 404
    finally:
        running.close()


def test_inject_script_carries_the_epoch_and_uses_text_content():
    page = inject_script(b"<html><body>x</body></html>", 1234)
    assert b"var epoch = 1234" in page
    assert b"textContent" in page and b"innerHTML" not in page
    assert b"visibilitychange" in page and LIVERELOAD_PATH.encode() in page


def test_page_names_its_own_file_for_targeted_reloads(server: Running, blog: Running):
    """A page knows which site file it is, so a build that changed other files only does
    not reload it; a 404 page names none (the missing page may exist after any build)."""
    from urllib.parse import quote
    assert b'file = "index.html"' in server.get("/")[2]
    assert b'file = "index.html"' in server.get("/index.html")[2]
    cjk = server.get(quote(f"/2014/10/15/{CJK_NAME}"))[2]   # extensionless URL, CJK name
    assert b"file = " + json.dumps(f"2014/10/15/{CJK_NAME}.html").encode() in cjk
    assert b"file = null" in server.get("/no/such/page")[2]
    assert b'file = "index.html"' in blog.get("/blog/")[2]      # under a baseurl
    page = inject_script(b"<body></body>", 1, '</script><script>alert(1)//')
    assert b"</script><script>" not in page.split(b"data-blogtool-livereload", 1)[1][:400]


def test_no_site_yet_serves_an_error_page(tmp_path: Path):
    state = BuildState()
    state.failed("_posts/2014-01-01-x.md:3: invalid date '2014-13-45'")
    running = Running(Mount.make(tmp_path / "_site", ""), state)
    try:
        status, _, body = running.get("/any/page")
        assert status == 503
        assert b"_posts/2014-01-01-x.md:3: invalid date" in body
        assert b"data-blogtool-livereload" in body
    finally:
        running.close()


def test_error_page_escapes_the_message(tmp_path: Path):
    state = BuildState()
    state.failed("_posts/x.md:1: title <script>alert(1)</script>")
    running = Running(Mount.make(tmp_path / "_site", ""), state)
    try:
        body = running.get("/")[2]
        assert b"<script>alert(1)</script>" not in body
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body
    finally:
        running.close()


# --- Server-Sent Events ----------------------------------------------------------------------

class SSE:
    """A minimal real SSE client over a socket."""

    def __init__(self, port: int, query: str = ""):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(f"GET {LIVERELOAD_PATH}{query} HTTP/1.1\r\nHost: x\r\n"
                          f"Accept: text/event-stream\r\n\r\n".encode())
        self.buffer = b""
        head = self._until(b"\r\n\r\n")
        self.status = int(head.split(b" ", 2)[1])
        self.headers = head.decode("latin-1").lower()

    def _until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            data = self.sock.recv(4096)
            if not data:
                raise EOFError
            self.buffer += data
        block, self.buffer = self.buffer.split(marker, 1)
        return block

    def next(self) -> tuple[str | None, str | None]:
        """The next block: (event name, data) or (None, comment/retry line)."""
        block = self._until(b"\n\n").decode("utf-8")
        event = data = None
        for line in block.split("\n"):
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line.startswith((":", "retry:")):
                data = line
        return event, data

    def next_event(self) -> tuple[str, dict]:
        while True:
            event, data = self.next()
            if event:
                return event, json.loads(data)

    def close(self):
        self.sock.close()


def test_sse_reload_and_build_error_events(server: Running):
    client = SSE(server.port, f"?epoch={server.state.snapshot().epoch}")
    try:
        assert client.status == 200 and "content-type: text/event-stream" in client.headers
        assert client.next() == (None, "retry: 1000")
        server.state.started()
        server.state.failed("_posts/2014-10-18-x.md:3: invalid date '2014-13-45'")
        assert client.next_event() == ("build-error", {
            "message": "_posts/2014-10-18-x.md:3: invalid date '2014-13-45'"})
        server.state.failed("_posts/2014-10-18-x.md:3: invalid date '2014-13-45'")
        assert client.next_event()[0] == "build-error"   # the same error again is news
        epoch = server.state.succeeded()
        assert client.next_event() == ("reload", {"epoch": epoch, "paths": None,
                                                  "building": False})
        server.state.started()
        epoch = server.state.published(["2014/10/18/x.html"])     # serve's fast path
        assert client.next_event() == ("reload", {"epoch": epoch, "building": True,
                                                  "paths": ["2014/10/18/x.html"]})
        epoch = server.state.succeeded(["index.html", "feed.xml"])
        assert client.next_event() == ("reload", {"epoch": epoch, "building": False,
                                                  "paths": ["feed.xml", "index.html"]})
    finally:
        client.close()


def test_client_connecting_after_a_failed_build_gets_the_error_at_once(server: Running):
    server.state.failed("_config.yml:2: bad YAML")
    client = SSE(server.port, "?epoch=1")
    try:
        assert client.next_event() == ("build-error", {"message": "_config.yml:2: bad YAML"})
    finally:
        client.close()


def test_stale_page_is_told_to_reload_at_once(server: Running):
    current = server.state.snapshot().epoch
    client = SSE(server.port, f"?epoch={current - 5}")
    try:
        assert client.next_event() == ("reload", {"epoch": current, "paths": None,
                                                  "building": False})
    finally:
        client.close()


def test_pings_keep_the_stream_alive(site: Path):
    running = Running(Mount.make(site, ""), ping_seconds=0.2)
    try:
        client = SSE(running.port, f"?epoch={running.state.snapshot().epoch}")
        assert client.next() == (None, "retry: 1000")
        assert client.next() == (None, ": ping")
        client.close()
    finally:
        running.close()


def test_page_epoch_matches_the_stream(server: Running):
    body = server.get("/")[2]
    assert f"var epoch = {server.state.snapshot().epoch}".encode() in body


# --- robustness ------------------------------------------------------------------------------

def test_streams_do_not_use_up_worker_slots(site: Path):
    running = Running(Mount.make(site, ""), max_workers=1)
    clients = []
    try:
        clients = [SSE(running.port, "?epoch=0") for _ in range(3)]
        status, _, body = running.get("/index.html")
        assert status == 200 and b"home" in body
    finally:
        for c in clients:
            c.close()
        running.close()


def test_slow_clients_time_out_and_free_their_threads(site: Path):
    running = Running(Mount.make(site, ""), max_workers=2, request_timeout=0.5)
    idle = [socket.create_connection(("127.0.0.1", running.port)) for _ in range(2)]
    try:
        idle[0].sendall(b"GET /index.html HTTP/1.0\r\n")  # never finishes its headers
        started = time.monotonic()
        status, _, body = running.get("/index.html")
        assert status == 200 and b"home" in body
        assert time.monotonic() - started < 5
        for sock in idle:
            sock.settimeout(5)
            assert sock.recv(1024) == b""  # the server hung up on them
    finally:
        for sock in idle:
            sock.close()
        running.close()


def test_slowloris_clients_never_hold_the_workers(site: Path):
    """Many more slow clients than workers, each trickling one header byte at a time: their
    heads are gathered by one thread under a deadline, so normal requests are still served."""
    running = Running(Mount.make(site, ""), max_workers=4, request_timeout=3.0)
    slow = []
    try:
        for _ in range(40):
            sock = socket.create_connection(("127.0.0.1", running.port))
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(sock)
        for round_ in range(3):
            for sock in slow:
                sock.sendall(b"a")
            started = time.monotonic()
            status, _, body = running.get("/index.html")
            assert status == 200 and b"home" in body
            assert time.monotonic() - started < 3.0, round_   # a busy pool would make it wait 5 s, then 503
        time.sleep(3.5)   # past the head deadline: the server has hung up on all of them
        for sock in slow:
            sock.settimeout(2)
            try:
                assert sock.recv(1024) == b""
            except ConnectionResetError:
                pass
    finally:
        for sock in slow:
            sock.close()
        running.close()


def test_huge_headers_are_rejected(server: Running):
    many = "".join(f"X-H{i}: v\r\n" for i in range(150))
    raw = server.raw(f"GET / HTTP/1.0\r\n{many}\r\n".encode())
    assert status_of(raw) == 431
    raw = server.raw(b"GET / HTTP/1.0\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n")
    assert status_of(raw) == 431
    raw = server.raw(b"GET /" + b"a" * 70000 + b" HTTP/1.0\r\n\r\n")
    assert status_of(raw) == 414


def test_port_in_use_is_reported(site: Path):
    running = Running(Mount.make(site, ""))
    try:
        with pytest.raises(PortInUse):
            DevServer(("127.0.0.1", running.port), BuildState(), Mount.make(site, ""))
    finally:
        running.close()


def test_requests_wait_for_the_first_build(site: Path):
    state = BuildState()
    server = DevServer(("127.0.0.1", 0), state, Mount.make(site, ""))
    server.serve_in_thread()
    try:
        result = {}

        def fetch():
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            conn.request("GET", "/")
            resp = conn.getresponse()
            result["status"], result["body"] = resp.status, resp.read()

        thread = threading.Thread(target=fetch)
        thread.start()
        time.sleep(0.3)
        assert thread.is_alive()          # still waiting for the first build
        epoch = state.succeeded()
        thread.join(5)
        assert result["status"] == 200 and f"var epoch = {epoch}".encode() in result["body"]
    finally:
        server.close()


def _swap(site: Path, version: int) -> None:
    """What output.Staging.commit does: a complete folder renamed into place."""
    staging = site.parent / f".{site.name}.blogtool-staging-{os.getpid()}"
    staging.mkdir()
    (staging / "index.html").write_text(f"<html><body>v{version}</body></html>", "utf-8")
    (staging / "page.html").write_text(f"<html><body>page v{version}</body></html>", "utf-8")
    old = site.parent / f".{site.name}.old-{os.getpid()}"
    os.rename(site, old)
    time.sleep(0.002)                     # widen the window between the two renames
    os.rename(staging, site)
    for child in old.iterdir():
        child.unlink()
    old.rmdir()


def test_requests_racing_the_swap_never_miss(tmp_path: Path):
    site = tmp_path / "_site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>v0</body></html>", "utf-8")
    (site / "page.html").write_text("<html><body>page v0</body></html>", "utf-8")
    running = Running(Mount.make(site, ""))
    stop = threading.Event()

    def swapper():
        version = 0
        while not stop.is_set():
            version += 1
            _swap(site, version)
            time.sleep(0.01)

    thread = threading.Thread(target=swapper)
    thread.start()
    try:
        statuses = []
        for i in range(150):
            status, _, body = running.get("/page" if i % 2 else "/")
            statuses.append(status)
            assert status == 200, body[:200]
            assert b"<body>" in body and b"</body>" in body
    finally:
        stop.set()
        thread.join()
        running.close()
    assert set(statuses) == {200}
