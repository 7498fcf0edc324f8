"""Load on ``blogtool serve`` while the site rebuilds: wrk's figures, and whether any response
was a failure or a half-written page.

    python benchmarks/load.py [--posts 200] [--connections 200] [--seconds 8] [--threads 2]

A generated corpus (``gencorpus.py``) is served by the real ``blogtool serve`` on a free
loopback port. While wrk hammers several pages (index, a post that is rewritten, a tag page),
one thread edits that post in a loop (each save triggers a rebuild) and another fetches it
continuously, checking that every body is one complete version: it ends with ``</html>`` and
carries exactly one ``LOADCHECK-VERSION-n`` marker. The exit status is 1 when any response
failed or a page was torn; ``tests/test_server_load.py`` runs this script and reads its report.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVE = "from blogtool.cli.serve import command; command(prog_name='blogtool serve')"
MARKER = re.compile(rb"LOADCHECK-VERSION-(\d+)")
CHECK_POST = "_posts/2020-01-01-loadcheck.md"


# --- the server --------------------------------------------------------------------------------

class ServeProcess:
    """``blogtool serve -P 0`` in a subprocess; ``port`` is read from its "Server address" line."""

    def __init__(self, source: Path, dest: Path, *args: str, ready_timeout: float = 180) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, "-s", str(source), "-d", str(dest), "-H", "127.0.0.1",
             "-P", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=env)
        self.lines: list[str] = []
        self.port = 0
        self.builds = 0
        ready = threading.Event()

        def read() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                self.lines.append(line)
                m = re.match(r"Server address: http://[^:]+:(\d+)/", line)
                if m:
                    self.port = int(m.group(1))
                if line.startswith("Built "):
                    self.builds += 1
                if self.port and self.builds:
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(ready_timeout) or not self.port:
            self.stop()
            raise RuntimeError("blogtool serve did not start:\n" + "".join(self.lines))

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()


def make_site(root: Path, posts: int) -> Path:
    """A generated corpus plus the post that gets rewritten (``CHECK_POST``)."""
    subprocess.run([sys.executable, str(REPO / "benchmarks/gencorpus.py"), str(root),
                    "--posts", str(posts), "--theme", "default"], check=True,
                   capture_output=True)
    write_check_post(root, 0)
    return root


def write_check_post(root: Path, version: int) -> None:
    """Each version is a complete, differently sized page (so a torn read would show)."""
    filler = "Flume 的 sink 卡住了，排查日志与线程栈。\n\n" * (20 + version % 7 * 15)
    text = (f"---\ntitle: loadcheck\ntags: [loadcheck]\n---\nLOADCHECK-VERSION-{version}\n\n"
            f"{filler}\nend of LOADCHECK-VERSION-{version}\n")
    path = root / CHECK_POST
    tmp = path.with_name(".loadcheck.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)   # an editor's atomic save: the watcher sees one complete file


def find_url(dest: Path, needle: bytes) -> str:
    for path in dest.rglob("*.html"):
        if needle in path.read_bytes():
            rel = path.relative_to(dest).as_posix()
            return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    raise LookupError(needle)


# --- wrk -----------------------------------------------------------------------------------

@dataclass
class WrkResult:
    requests: int = 0
    seconds: float = 0.0
    requests_per_second: float = 0.0
    latency_avg_ms: float = 0.0
    latency_max_ms: float = 0.0
    latency_p99_ms: float = 0.0
    socket_errors: dict[str, int] = field(default_factory=dict)
    non_2xx_3xx: int = 0
    raw: str = ""

    @property
    def failed(self) -> int:
        return sum(self.socket_errors.values()) + self.non_2xx_3xx

    def summary(self) -> str:
        errors = ", ".join(f"{k} {v}" for k, v in self.socket_errors.items()) or "none"
        return (f"{self.requests} requests in {self.seconds:.1f} s = "
                f"{self.requests_per_second:.0f} req/s; latency avg {self.latency_avg_ms:.1f} ms,"
                f" p99 {self.latency_p99_ms:.1f} ms, max {self.latency_max_ms:.1f} ms; "
                f"socket errors: {errors}; non-2xx/3xx: {self.non_2xx_3xx}")


def _ms(value: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        return 0.0
    number, unit = float(m.group(1)), m.group(2)
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(text: str) -> WrkResult:
    r = WrkResult(raw=text)
    m = re.search(r"(\d+) requests in ([\d.]+)(m?s)", text)
    if m:
        r.requests = int(m.group(1))
        r.seconds = float(m.group(2)) * (0.001 if m.group(3) == "ms" else 1.0)
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    r.requests_per_second = float(m.group(1)) if m else 0.0
    m = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", text)
    if m:
        r.latency_avg_ms, r.latency_max_ms = _ms(m.group(1)), _ms(m.group(3))
    m = re.search(r"99%\s+(\S+)", text)
    r.latency_p99_ms = _ms(m.group(1)) if m else 0.0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        r.socket_errors = {k: int(v) for k, v in zip(("connect", "read", "write", "timeout"),
                                                      m.groups(), strict=True) if int(v)}
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r.non_2xx_3xx = int(m.group(1)) if m else 0
    return r


_LUA = """local paths = {%s}
local n = 0
request = function()
  n = n %% #paths + 1
  return wrk.format("GET", paths[n])
end
"""


def run_wrk(base_url: str, paths: list[str], connections: int, seconds: float,
            threads: int = 2) -> WrkResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(_LUA % ", ".join(f'"{p}"' for p in paths))
        script = fh.name
    try:
        proc = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d",
                               f"{max(1, round(seconds))}s", "--timeout", "10s", "--latency",
                               "-s", script, base_url], capture_output=True, text=True,
                              timeout=seconds + 60)
    finally:
        os.unlink(script)
    return parse_wrk(proc.stdout + proc.stderr)


# --- rebuilds and the torn-page checker ----------------------------------------------------------

class Rebuilder(threading.Thread):
    """Saves a new version of the check post every ``interval`` seconds until stopped."""

    def __init__(self, root: Path, interval: float = 0.4) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.stop_event = threading.Event()
        self.version = 0

    def run(self) -> None:
        while not self.stop_event.wait(self.interval):
            self.version += 1
            write_check_post(self.root, self.version)


@dataclass
class CheckStats:
    fetched: int = 0
    versions: set[int] = field(default_factory=set)
    bad: list[str] = field(default_factory=list)


class PageChecker(threading.Thread):
    """Fetches one page in a loop; every body must be one whole version of it."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.stop_event = threading.Event()
        self.stats = CheckStats()

    def run(self) -> None:
        while not self.stop_event.is_set():
            try:
                with urllib.request.urlopen(self.url, timeout=15) as resp:
                    status, body = resp.status, resp.read()
            except urllib.error.HTTPError as err:
                status, body = err.code, err.read()
            except OSError as exc:
                self.stats.bad.append(f"request failed: {exc}")
                continue
            self.stats.fetched += 1
            problem = check_body(status, body)
            found = MARKER.search(body)
            if problem or found is None:     # check_body found no problem: it has a marker
                self.stats.bad.append(problem or "no version marker")
            else:
                self.stats.versions.add(int(found.group(1)))


def check_body(status: int, body: bytes) -> str | None:
    """None when ``body`` is one complete version of the check page."""
    if status != 200:
        return f"status {status}"
    if not body.rstrip().endswith(b"</html>"):
        return f"truncated body ({len(body)} bytes) ending {body[-60:]!r}"
    versions = set(MARKER.findall(body))
    if len(versions) != 1:
        return f"versions mixed or missing: {sorted(versions)}"
    return None


# --- the benchmark ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, default=200)
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="blogtool-load-") as tmp:
        root = make_site(Path(tmp) / "site", args.posts)
        dest = Path(tmp) / "out"
        serve = ServeProcess(root, dest, "--no-livereload")
        try:
            post_url = find_url(dest, b"LOADCHECK-VERSION-0")
            paths = ["/", post_url, "/tags/loadcheck/"]
            quiet = run_wrk(serve.url(), paths, args.connections, args.seconds, args.threads)
            print(f"static site, no rebuilds ({args.connections} connections): {quiet.summary()}")
            if not quiet.requests:
                print(quiet.raw)
            rebuilder, checker = Rebuilder(root), PageChecker(serve.url(post_url))
            builds_before, lines_before = serve.builds, len(serve.lines)
            rebuilder.start()
            checker.start()
            busy = run_wrk(serve.url(), paths, args.connections, args.seconds, args.threads)
            rebuilder.stop_event.set()
            checker.stop_event.set()
            rebuilder.join()
            checker.join()
            print(f"while rebuilding ({serve.builds - builds_before} rebuilds, "
                  f"{rebuilder.version} saves): {busy.summary()}")
            times = [float(m.group(1)) for line in serve.lines[lines_before:]
                     for m in [re.search(r"^Built .* in ([\d.]+) s", line)] if m]
            if times:
                print(f"rebuild times under load: {', '.join(f'{t:.2f}' for t in times)} s")
            print(f"page checker: {checker.stats.fetched} fetches, "
                  f"{len(checker.stats.versions)} distinct versions seen, "
                  f"{len(checker.stats.bad)} bad")
            for problem in checker.stats.bad[:5]:
                print(f"  {problem}")
            return 0 if busy.failed == 0 and not checker.stats.bad else 1
        finally:
            serve.stop()


if __name__ == "__main__":
    sys.exit(main())
