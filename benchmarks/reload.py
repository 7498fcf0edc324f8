#!/usr/bin/env python3
"""Edit-to-reload time of ``blogtool serve``: a post saved on disk -> the SSE ``reload`` event
received by a real Server-Sent Events client, which is the moment an open page reloads.

    python benchmarks/reload.py [--repeat 5] [--posts 1000 | --corpus DIR]
                                [--only example|corpus] [--work DIR] [--tree DIR]
                                [--json FILE]

Sites measured:

* ``example``: the example blog at the repository root (default theme, Pagefind search),
  copied to a work folder (the benchmark edits a post, and must not edit the repository);
* ``corpus``: ``--posts`` generated posts, made by the repository's own generator
  (``benchmarks/gencorpus.py OUTDIR --posts N --force``), or a copy of ``--corpus DIR`` (such
  as ``benchmarks/corpora/jekyll-5000-s1``) whose layout footer then prints
  ``{{ site.time | date: "%Y" }}``, as Jekyll-Bootstrap's does.

``--work DIR`` keeps the copies there (default: a temporary folder); ``--tree DIR`` runs the
blogtool of another checkout (a frozen copy, to compare before and after a change). Run on
its own, this script starts blogtool from the checkout; ``bench.py --incremental`` hands
:func:`measure` its launcher (``Kit.blogtool``), so its ``serve`` rows run the blogtool its
other rows run (by default the one pip installed into a virtual environment).

For each site ``blogtool serve -P 0`` runs in a subprocess; after its first build an SSE client
connects to ``/__blogtool/livereload``; then, ``--repeat`` times, one post's body is changed by
an atomic save (temp file + rename, as editors do) and the clock runs until ``event: reload``
arrives. The figure includes the watcher's debounce (0.1 s), the build and the swap. When serve
takes its fast path (the saved post's page written first, event ``building: true``), the
time until the site is complete is reported too ("whole site updated": the first event with
``building: false``, which on a site with search comes after the search index caught up), and
the time until the last event that changed pages rather than the search bundle ("pages
updated"). The build time serve prints is reported beside it. Medians are reported, with min
and max.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE = "from blogtool.cli.serve import command; command(prog_name='blogtool serve')"
SERVE_ARGS = ["-H", "127.0.0.1", "-P", "0"]
#: A launcher: the argv and environment of a blogtool command line given as a template
#: (``{src}``, ``{out}`` filled in), as ``benchmarks.kit.Kit.blogtool`` answers them.
Launch = Callable[[str, Path, Path], tuple[list[str], dict[str, str]]]
COPY_IGNORE = shutil.ignore_patterns(".git", "benchmarks", "_site", ".blogtool-cache",
                                     "__pycache__", "*.egg-info", ".pytest_cache",
                                     ".hypothesis", "build", "dist")
_BUILT = re.compile(r"^Built .* in ([0-9.]+) s")


class Serve:
    """``blogtool serve`` in a subprocess; output lines are collected on a thread."""

    def __init__(self, source: Path, timeout: float, tree: Path | None = None,
                 launch: Launch | None = None):
        # -P: the site's folder (the working directory) is not on the import path: the
        # example blog's copy holds a partial copy of the package
        if launch is None:
            argv = [sys.executable, "-P", "-c", SERVE, "-s", str(source), *SERVE_ARGS]
            env = dict(os.environ)
            if tree is not None:
                env["PYTHONPATH"] = str(tree)
        else:
            argv, env = launch(" ".join(["blogtool serve -s {src}", *SERVE_ARGS]), source,
                               source / "_site")
            env = dict(env)
            if argv[1:2] == ["-c"]:     # an interpreter running code, not a console script
                argv = [argv[0], "-P", *argv[1:]]
        env["PYTHONUNBUFFERED"] = "1"
        env.pop("JEKYLL_ENV", None)
        self.argv = argv
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            cwd=source)
        self.lines: list[str] = []
        self.port: int | None = None
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(timeout) or self.port is None:
            self.stop()
            raise RuntimeError("serve did not start:\n" + "".join(self.lines[-20:]))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            match = re.match(r"Server address: http://[^:]+:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
                self.ready.set()
        self.ready.set()

    def build_times(self) -> list[float]:
        return [float(m.group(1)) for line in self.lines if (m := _BUILT.match(line))]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class SSEClient:
    """A plain-socket EventSource: reads ``event:``/``data:`` blocks as they arrive."""

    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.sock.sendall(b"GET /__blogtool/livereload HTTP/1.1\r\nHost: bench\r\n"
                          b"Accept: text/event-stream\r\n\r\n")
        self.buffer = b""
        head = self._block(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"SSE refused: {head[:100]!r}")

    def _block(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("the server closed the event stream")
            self.buffer += data
        block, self.buffer = self.buffer.split(marker, 1)
        return block

    def next_event(self) -> tuple[str, str]:
        while True:
            block = self._block(b"\n\n").decode("utf-8")
            fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line
                          and not line.startswith(":"))
            if "event" in fields:
                return fields["event"], fields.get("data", "")

    def close(self) -> None:
        self.sock.close()


def atomic_save(path: Path, text: str) -> None:
    tmp = path.parent / f".{path.name}.tmp.{os.getpid()}"
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def pick_post(source: Path) -> Path:
    posts = sorted((source / "_posts").rglob("*.md"))
    if not posts:
        raise RuntimeError(f"{source} has no posts")
    return posts[len(posts) // 2]


def _bundle_only(data: dict) -> bool:
    """An event for the search bundle alone (the index caught up after the pages)."""
    paths = data.get("paths") or []
    return bool(paths) and all(p.startswith("pagefind/") for p in paths)


def measure(name: str, source: Path, repeat: int, timeout: float,
            tree: Path | None = None, launch: Launch | None = None) -> dict:
    """Edit -> reload figures of ``blogtool serve`` on ``source``, started by ``launch``
    (else from the checkout, or ``tree``); ``"command"`` says what ran."""
    post = pick_post(source)
    original = post.read_text("utf-8")
    started = time.perf_counter()
    serve = Serve(source, timeout, tree, launch)
    first_build = time.perf_counter() - started
    samples: list[float] = []
    settled: list[float] = []    # until the site is complete (search index included)
    pages: list[float] = []      # until the last event that changed pages
    errors: list[str] = []
    try:
        client = SSEClient(serve.port or 0)
        try:
            for i in range(repeat):
                time.sleep(0.5)   # let the previous build's file events settle
                edited = original.rstrip("\n") + f"\n\n基准测试修改 {i}：benchmark edit {i}.\n"
                saved = time.perf_counter()
                atomic_save(post, edited)
                event, data = client.next_event()
                elapsed = time.perf_counter() - saved
                if event != "reload":
                    errors.append(f"{event}: {data}")
                    continue
                samples.append(elapsed)
                done = paged = elapsed
                fields = json.loads(data)
                while fields.get("building"):           # the page came first; the rest of
                    event, data = client.next_event()   # the site follows, then its index
                    done = time.perf_counter() - saved
                    if event != "reload":
                        errors.append(f"{event}: {data}")
                        break
                    fields = json.loads(data)
                    if not _bundle_only(fields):
                        paged = done
                settled.append(done)
                pages.append(paged)
                print(f"  {name}: edit {i + 1}/{repeat}: page reloaded {elapsed:.3f} s, "
                      f"pages {paged:.3f} s, site up to date {done:.3f} s", file=sys.stderr)
        finally:
            client.close()
    finally:
        serve.stop()
        post.write_text(original, "utf-8")
    builds = serve.build_times()
    return {
        "site": name,
        "posts": sum(1 for _ in (source / "_posts").rglob("*.md")),
        "edited": str(post.relative_to(source)),
        "startup_s": round(first_build, 3),
        "samples_s": [round(s, 3) for s in samples],
        "median_s": round(statistics.median(samples), 3) if samples else None,
        "min_s": round(min(samples), 3) if samples else None,
        "max_s": round(max(samples), 3) if samples else None,
        "rebuild_median_s": round(statistics.median(builds[1:]), 3) if len(builds) > 1 else None,
        "settled_median_s": round(statistics.median(settled), 3) if settled else None,
        "pages_median_s": round(statistics.median(pages), 3) if pages else None,
        "settled_s": [round(s, 3) for s in settled],
        "search": (source / "_site" / "pagefind").is_dir(),
        "command": serve.argv[0],
        "errors": errors,
    }


FOOTER = '&copy; {{ site.time | date: "%Y" }}'


def example_site(work: Path) -> Path:
    target = work / "example"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE, symlinks=True)
    return target


def corpus_site(work: Path, posts: int) -> Path:
    target = work / f"corpus-{posts}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gencorpus.py"), str(target),
                    "--posts", str(posts), "--force"], check=True, stdout=subprocess.DEVNULL)
    return target


def copied_corpus(work: Path, corpus: Path) -> Path:
    """A copy of ``corpus`` whose layout footer prints the year from ``site.time``."""
    target = work / f"{corpus.name}-footer"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus, target, ignore=shutil.ignore_patterns(".blogtool-cache", "_site"))
    layout = target / "_layouts" / "default.html"
    if layout.is_file():
        text = layout.read_text("utf-8")
        if "site.time" not in text:
            layout.write_text(text.replace("</footer>", f" {FOOTER}</footer>", 1), "utf-8")
    return target


def report(results: list[dict]) -> str:
    lines = ["| site | posts | search | first build + start (s) | edit -> reload median (s) "
             "| min | max | pages updated, median (s) | whole site updated, median (s) "
             "| min–max | rebuild median (s) | runs |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for r in results:
        spread = f"{min(r['settled_s'])}–{max(r['settled_s'])}" if r["settled_s"] else ""
        lines.append(f"| {r['site']} | {r['posts']} | {'yes' if r['search'] else 'no'} | "
                     f"{r['startup_s']} | {r['median_s']} | {r['min_s']} | {r['max_s']} | "
                     f"{r['pages_median_s']} | {r['settled_median_s']} | {spread} | "
                     f"{r['rebuild_median_s']} | {len(r['samples_s'])} |")
    for r in results:
        for error in r["errors"]:
            lines.append(f"\n{r['site']}: an edit gave {error}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--corpus", type=Path,
                        help="copy this corpus (its footer made to print the year) instead "
                             "of generating --posts posts")
    parser.add_argument("--only", choices=["example", "corpus"])
    parser.add_argument("--work", type=Path, help="keep the copies here (default: a "
                                                  "temporary folder)")
    parser.add_argument("--tree", type=Path, help="run the blogtool of this checkout")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds to wait for serve's first build")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = []
    tree = args.tree.resolve() if args.tree else None
    with tempfile.TemporaryDirectory(prefix="blogtool-reload-") as tmp:
        work = args.work.resolve() if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.only in (None, "example"):
            results.append(measure("example blog", example_site(work), args.repeat,
                                   args.timeout, tree))
        if args.only in (None, "corpus"):
            if args.corpus:
                name, site = args.corpus.name, copied_corpus(work, args.corpus)
            else:
                name, site = f"gencorpus {args.posts}", corpus_site(work, args.posts)
            results.append(measure(name, site, args.repeat, args.timeout, tree))
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    return 0 if all(r["samples_s"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
