#!/usr/bin/env python3
"""Cold/warm build benchmark: blogtool against Jekyll, Hugo and the I/O floor.

    python benchmarks/bench.py [--sizes 1000,5000] [--runs 3]
        [--tools blogtool,jekyll,hugo,floor] [--blogtool-cmd "..."] [--output FILE]
    python benchmarks/bench.py --markdown [--runs 9] [--markdown-baseline CHECKOUT]
    python benchmarks/bench.py --incremental [--sizes 5000] [--runs 3] [--real-blog PATH]
        [--real-blog-name NAME] [--no-serve] [--blogtool-tree CHECKOUT] [--launcher venv|path]
    python benchmarks/bench.py --search --tools blogtool [--theme default]

Why it is built this way:

* Corpora come from ``benchmarks/gencorpus.py`` (deterministic), cached under
  ``benchmarks/corpora/`` and regenerated only when the generator version or size changes.
* Tools are run in alternation (run 1: A B C D, run 2: B C D A, ...) so a slow spell of the
  shared machine hits every tool, and each figure is the median of ``--runs`` cold builds:
  the output directory and every tool cache are removed first.
* Peak memory is the largest *sum* of RSS over the tool's whole process tree, sampled from
  ``/proc`` every 50 ms (a tool using worker processes would look small if only one process
  were counted, which is all ``getrusage(RUSAGE_CHILDREN)`` can report); the ``wait4`` maximum
  of a single process is folded in so a short spike between samples is not lost.
* A missing or failing tool is reported in the table, never a crash: blogtool's CLI may not
  exist yet when this runs.
* The I/O floor reads every post and writes one output file per post: no build can beat it.

Progress goes to stderr; stdout is a Markdown report ready for ``benchmarks/RESULTS.md``.
Standard library only.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:  # `python benchmarks/bench.py` puts benchmarks/ on sys.path; `-m benchmarks.bench` not
    from benchmarks import bench_incremental, bench_markdown, gencorpus, realblog, targets
    from benchmarks.kit import Kit
except ImportError:  # pragma: no cover - depends on how the script is started
    import bench_incremental  # type: ignore[no-redef]
    import bench_markdown  # type: ignore[no-redef]
    import gencorpus  # type: ignore[no-redef]
    import realblog  # type: ignore[no-redef]
    import targets  # type: ignore[no-redef]
    from kit import Kit  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPORA = HERE / "corpora"
DEFAULT_WORK = HERE / "out"
SAMPLE_INTERVAL = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TOOL_ORDER = ("blogtool", "blogtool-search", "jekyll", "hugo", "floor")
TOOL_LABELS = {"blogtool": "blogtool", "blogtool-search": "blogtool + search",
               "jekyll": "Jekyll", "hugo": "Hugo", "floor": "I/O floor"}
DEFAULT_BLOGTOOL_CMD = "blogtool build -s {src} -d {out} --no-cache"
DEFAULT_BLOGTOOL_WARM_CMD = "blogtool build -s {src} -d {out}"
#: Used when no `blogtool` script is on PATH: the console-script entry point, run in place.
BLOGTOOL_FALLBACK = [sys.executable, "-c",
                     "import sys; from blogtool.cli import main; sys.argv[0] = 'blogtool'; "
                     "sys.exit(main())"]


# --------------------------------------------------------------------------------------------
# Measuring one process tree.
# --------------------------------------------------------------------------------------------


@dataclass
class Measurement:
    """One timed run of one command."""

    wall: float
    cpu: float  # user + system of the process and the children it waited for
    peak_rss: int  # bytes, summed over the process tree
    returncode: int
    error: str = ""  # last lines of stderr when the run failed


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (all its threads), from /proc; [] once it is gone."""
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                kids.extend(int(x) for x in fh.read().split())
        except OSError:
            continue
    return kids


def _children_by_scan() -> dict[int, list[int]]:
    """Parent → children for every process, for kernels without ``/proc/PID/task/TID/children``."""
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(name))
    return tree


HAVE_CHILDREN_FILE = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def tree_rss(root: int) -> int:
    """Summed resident set size, in bytes, of ``root`` and all its descendants right now."""
    scan = None if HAVE_CHILDREN_FILE else _children_by_scan()
    pending, total, seen = [root], 0, set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        pending.extend(_children(pid) if scan is None else scan.get(pid, ()))
    return total


def measure(argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 1800.0, log: Path | None = None) -> Measurement:
    """Run ``argv`` once; wall time, CPU time and the peak RSS summed over its process tree."""
    log_fh = open(log, "wb") if log else subprocess.DEVNULL
    peak = 0
    done = threading.Event()
    try:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                    stdout=log_fh, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        except OSError as exc:
            return Measurement(0.0, 0.0, 0, 127, f"cannot run {argv[0]}: {exc.strerror}")

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(proc.pid))
                done.wait(SAMPLE_INTERVAL)

        def kill() -> None:
            try:
                os.killpg(proc.pid, 9)  # the group we created for this run only
            except OSError:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if not isinstance(log_fh, int):
            log_fh.close()
    rc = proc.returncode
    peak = max(peak, usage.ru_maxrss * 1024)
    error = ""
    if rc != 0:
        error = "timed out" if rc == -9 else f"exit status {rc}"
        if log:
            tail = [ln for ln in log.read_text("utf-8", "replace").splitlines() if ln.strip()]
            if tail:
                error += ": " + " | ".join(tail[-2:])[:300]
    return Measurement(wall, usage.ru_utime + usage.ru_stime, peak, rc, error)


# --------------------------------------------------------------------------------------------
# The I/O floor.
# --------------------------------------------------------------------------------------------


def floor_copy(posts: Path, out: Path) -> int:
    """Read every post and write its bytes to ``out/<name>/index.html``: a build's bare I/O."""
    count = 0
    for entry in sorted(os.scandir(posts), key=lambda e: e.name):
        if not entry.is_file():
            continue
        with open(entry.path, "rb") as fh:
            data = fh.read()
        target = out / entry.name.rsplit(".", 1)[0]
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_bytes(data)
        count += 1
    return count


# --------------------------------------------------------------------------------------------
# Tools.
# --------------------------------------------------------------------------------------------


@dataclass
class Tool:
    """How to build one corpus with one tool, cold (and warm for blogtool)."""

    name: str
    src: Path
    out: Path
    cold: list[str]
    warm: list[str] | None
    env: dict[str, str]
    cache_dirs: tuple[str, ...]  # relative to the source, removed before a cold build
    available: bool = True
    why_unavailable: str = ""


def _utf8_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for tools: a UTF-8 locale (Ruby reads CJK files by it)."""
    env = dict(os.environ)
    env.setdefault("LANG", "C.UTF-8")
    env["LC_ALL"] = env.get("LC_ALL") or "C.UTF-8"
    env.update(extra or {})
    return env


def _blogtool_argv(template: str, src: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """Expand the configurable blogtool command; run in place if no script is installed."""
    argv = [a.format(src=src, out=out) for a in shlex.split(template)]
    env: dict[str, str] = {}
    beside = Path(sys.executable).with_name("blogtool")   # not a version manager's shim
    if argv and argv[0] == "blogtool" and beside.is_file():
        argv[0] = str(beside)
    elif argv and argv[0] == "blogtool" and shutil.which("blogtool") is None:
        argv = BLOGTOOL_FALLBACK + argv[1:]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO),
                                                          os.environ.get("PYTHONPATH")]))
    return argv, env


def make_tool(name: str, src: Path, out: Path, args: argparse.Namespace) -> Tool:
    """The command lines for ``name`` building ``src`` into ``out``."""
    if name in ("blogtool", "blogtool-search"):
        cold, env = _blogtool_argv(args.blogtool_cmd, src, out)
        warm = None if args.no_warm or name != "blogtool" else \
            _blogtool_argv(args.blogtool_warm_cmd, src, out)[0]
        if args.search:      # the search index (Pagefind) off in one row, on in the other
            cold = cold + _search_config(src, args.work, name == "blogtool-search")
            warm = warm + _search_config(src, args.work, False) if warm else None
        return Tool(name, src, out, cold, warm, _utf8_env(env), (".blogtool-cache",))
    if name == "jekyll":
        tool = Tool(name, src, out, ["jekyll", "build", "-s", str(src), "-d", str(out)], None,
                    _utf8_env({"JEKYLL_NO_BUNDLER_REQUIRE": "true"}), (".jekyll-cache",))
    elif name == "hugo":
        tool = Tool(name, src, out, ["hugo", "-s", str(src), "-d", str(out)], None,
                    _utf8_env(), ("resources", ".hugo_build.lock"))
    elif name == "floor":
        return Tool(name, src, out, [sys.executable, str(Path(__file__).resolve()),
                                     "--floor-copy", str(src / "_posts"), str(out)],
                    None, _utf8_env(), ())
    else:
        raise ValueError(f"unknown tool {name!r}")
    if shutil.which(tool.cold[0]) is None:
        tool.available, tool.why_unavailable = False, f"`{tool.cold[0]}` not installed"
    return tool


def _search_config(src: Path, work: Path, on: bool) -> list[str]:
    """``--config`` arguments: the corpus's configuration, then search switched on or off."""
    extra = work / f"search-{'on' if on else 'off'}.yml"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(f"blogtool:\n  search: {'true' if on else 'false'}\n", encoding="utf-8")
    return ["--config", f"{src / '_config.yml'},{extra}"]


def _remove(path: Path) -> None:
    """Remove a file or directory if present."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def count_files(root: Path) -> int:
    """Files a build wrote: a tool that "succeeds" writing nothing must be visible."""
    return sum(len(files) for _, _, files in os.walk(root))


# --------------------------------------------------------------------------------------------
# Corpora.
# --------------------------------------------------------------------------------------------


def corpus(root: Path, posts: int, seed: int, flavor: str, theme: str) -> Path:
    """The cached corpus for these parameters, generated if missing or stale."""
    suffix = "-default" if theme == "default" else ""
    path = root / f"{flavor}-{posts}-s{seed}{suffix}"
    marker = path / gencorpus.MARKER
    want = gencorpus.marker_data(posts, seed, flavor, theme)
    try:
        if json.loads(marker.read_text("utf-8")) == want:
            return path
    except (OSError, ValueError):
        pass
    print(f"generating {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ...",
          file=sys.stderr)
    gencorpus.write_site(path, posts, seed, flavor, theme, force=True)
    return path


# --------------------------------------------------------------------------------------------
# Running and reporting.
# --------------------------------------------------------------------------------------------


@dataclass
class Result:
    """All runs of one tool at one size."""

    tool: Tool
    cold: list[Measurement] = field(default_factory=list)
    warm: list[Measurement] = field(default_factory=list)
    files: int = 0
    failure: str = ""

    def median_wall(self, warm: bool = False) -> float | None:
        """Median wall time of the successful runs (None if there are none)."""
        runs = self.warm if warm else self.cold
        return statistics.median(m.wall for m in runs) if runs else None


def run_size(size: int, tools: Sequence[str], args: argparse.Namespace) -> dict[str, Result]:
    """Alternating cold builds of every tool at one corpus size, then warm blogtool builds."""
    results: dict[str, Result] = {}
    for name in tools:
        flavor = "hugo" if name == "hugo" else "jekyll"
        theme = args.theme if name.startswith("blogtool") else "site"
        src = corpus(args.corpora, size, args.seed, flavor, theme)
        out = args.work / f"{name}-{size}"
        results[name] = Result(make_tool(name, src, out, args))
        if not results[name].tool.available:
            results[name].failure = results[name].tool.why_unavailable
    for run in range(args.runs):
        order = list(tools[run % len(tools):]) + list(tools[:run % len(tools)])
        for name in order:
            result = results[name]
            if result.failure:
                continue
            tool = result.tool
            _remove(tool.out)
            for rel in tool.cache_dirs:
                _remove(tool.src / rel)
            log = args.work / f"{name}-{size}.log"
            print(f"[{size} posts] run {run + 1}/{args.runs}: {TOOL_LABELS[name]} ...",
                  file=sys.stderr, end=" ", flush=True)
            m = measure(tool.cold, tool.env, cwd=REPO, timeout=args.timeout, log=log)
            print(f"{m.wall:.2f} s, {m.peak_rss / 2**20:.0f} MB"
                  + (f" FAILED ({m.error})" if m.returncode else ""), file=sys.stderr)
            if m.returncode:
                result.failure = m.error or f"exit status {m.returncode}"
                continue
            result.cold.append(m)
            result.files = count_files(tool.out)
    blog = results.get("blogtool")
    if blog and blog.tool.warm and not blog.failure:
        log = args.work / f"blogtool-{size}-warm.log"
        prime = measure(blog.tool.warm, blog.tool.env, cwd=REPO, timeout=args.timeout, log=log)
        if prime.returncode:
            blog.warm = []
            print(f"[{size} posts] blogtool warm priming FAILED ({prime.error})", file=sys.stderr)
        else:
            for run in range(args.runs):
                m = measure(blog.tool.warm, blog.tool.env, cwd=REPO, timeout=args.timeout,
                            log=log)
                print(f"[{size} posts] warm run {run + 1}/{args.runs}: blogtool {m.wall:.2f} s",
                      file=sys.stderr)
                if m.returncode:
                    break
                blog.warm.append(m)
    return results


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _version(argv: Sequence[str], env: dict[str, str] | None = None) -> str:
    """First line a ``--version`` style command prints, or why it could not."""
    try:
        done = subprocess.run(list(argv), env=env, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc.__class__.__name__})"
    text = (done.stdout or done.stderr).strip().splitlines()
    if done.returncode or not text:
        return "unavailable"
    return text[0].strip()


def machine() -> str:
    """nproc, CPU model, memory and kernel: what a reader needs to compare figures."""
    model = platform.processor() or "unknown CPU"
    mem = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 2**20:.1f} GiB RAM"
                break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, {model}{mem}, {platform.system()} {platform.release()}"


def versions(tools: Sequence[str], args: argparse.Namespace) -> list[str]:
    """Version lines for Python and every tool measured."""
    lines = [f"Python {platform.python_version()}"]
    git = _version(["git", "-C", str(REPO), "describe", "--always", "--dirty"])
    if "blogtool" in tools:
        argv, env = _blogtool_argv("blogtool --version", Path("."), Path("."))
        lines.append(f"blogtool: {_version(argv, _utf8_env(env))} (git {git})")
    if "jekyll" in tools:
        lines.append(f"Jekyll: {_version(['jekyll', '--version'], _utf8_env())}; "
                     f"{_version(['ruby', '--version'])}")
    if "hugo" in tools:
        lines.append(f"Hugo: {_version(['hugo', 'version'])}")
    return lines


def report(all_results: dict[int, dict[str, Result]], tools: Sequence[str],
           args: argparse.Namespace, command: str) -> str:
    """The Markdown report."""
    sizes = sorted(all_results)
    out = [f"## Build benchmark, {_dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z}", ""]
    out.append(f"- Machine: {machine()}")
    for line in versions(tools, args):
        out.append(f"- {line}")
    sample = [len(gencorpus.make_post(i, args.seed)[1].encode()) for i in range(200)]
    out.append(f"- Corpus: `benchmarks/gencorpus.py`, seed {args.seed}, about "
               f"{statistics.mean(sample) / 1024:.1f} KB per post; jekyll flavor"
               f"{' (--theme default)' if args.theme == 'default' else ''} for blogtool, "
               "Jekyll and the floor, hugo flavor (same Markdown bodies) for Hugo")
    out.append(f"- Command: `{command}`")
    out.append(f"- Median of {args.runs} cold runs per cell, tools alternating; output and "
               "caches removed before each cold run. Peak RSS: largest sum of RSS over the "
               "tool's process tree (50 ms samples of /proc, plus wait4's max)."
               + (" Warm: blogtool again with its cache and output present (after one "
                  "priming build)." if "blogtool" in tools and not args.no_warm else ""))
    if "hugo" in tools:
        out.append("- Hugo also writes a page per tag and per category (Jekyll needs a plugin "
                   "for those), hence more files written.")
    out.append("")
    out.append("| posts | tool | wall s (median) | min–max s | CPU s | peak RSS MB "
               "| files written | warm s |")
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        for name in tools:
            r = all_results[size][name]
            label = TOOL_LABELS[name]
            if not r.cold:
                out.append(f"| {size} | {label} | failed: {r.failure.replace('|', '/')} "
                           "| | | | | |")
                continue
            walls = [m.wall for m in r.cold]
            warm = _fmt(r.median_wall(warm=True)) if name == "blogtool" else ""
            note = f" (then failed: {r.failure.replace('|', '/')})" if r.failure else ""
            out.append(
                f"| {size} | {label} | {_fmt(r.median_wall())}{note} "
                f"| {min(walls):.2f}–{max(walls):.2f} "
                f"| {_fmt(statistics.median(m.cpu for m in r.cold))} "
                f"| {statistics.median(m.peak_rss for m in r.cold) / 2**20:.0f} "
                f"| {r.files} | {warm} |")

    def ratio(a: str, b: str, size: int) -> str:
        ra, rb = all_results[size].get(a), all_results[size].get(b)
        wa = ra.median_wall() if ra else None
        wb = rb.median_wall() if rb else None
        return "–" if wa is None or not wb else f"{wa / wb:.2f}×"

    pairs = [("blogtool-search", "blogtool")]
    pairs += [("blogtool", other) for other in ("hugo", "jekyll", "floor")]
    pairs.append(("jekyll", "hugo"))
    pairs = [(a, b) for a, b in pairs if a in tools and b in tools]
    if pairs:
        out += ["", "| wall-time ratio | " + " | ".join(f"{s} posts" for s in sizes) + " |",
                "|---|" + "---:|" * len(sizes)]
        for a, b in pairs:
            out.append(f"| {TOOL_LABELS[a]} / {TOOL_LABELS[b]} | "
                       + " | ".join(ratio(a, b, s) for s in sizes) + " |")
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        out.append("")
        out.append(f"| growth {big}/{small} posts (ideal {big / small:.0f}×) | wall | peak RSS |")
        out.append("|---|---:|---:|")
        for name in tools:
            at_small, at_big = all_results[small][name], all_results[big][name]
            w_small, w_big = at_small.median_wall(), at_big.median_wall()
            if w_small and w_big:
                mem = (statistics.median(m.peak_rss for m in at_big.cold)
                       / statistics.median(m.peak_rss for m in at_small.cold))
                out.append(f"| {TOOL_LABELS[name]} | {w_big / w_small:.2f}× | {mem:.2f}× |")
            else:
                out.append(f"| {TOOL_LABELS[name]} | – | – |")
    out.append("")
    out.append("Exact command lines (largest size):")
    out.append("")
    size = sizes[-1]
    for name in tools:
        tool = all_results[size][name].tool
        prefix = "JEKYLL_NO_BUNDLER_REQUIRE=true " if name == "jekyll" else ""
        out.append(f"- {TOOL_LABELS[name]}: `{prefix}{_show(tool.cold)}`")
        if tool.warm:
            out.append(f"- blogtool warm: `{_show(tool.warm)}`")
    return "\n".join(out) + "\n"


def _show(argv: Sequence[str]) -> str:
    """A command line for humans: repo paths relative, the in-place fallback named."""
    argv = list(argv)
    head = ""
    if argv[:len(BLOGTOOL_FALLBACK)] == BLOGTOOL_FALLBACK:
        head = ("PYTHONPATH=. python -c "
                "'import sys; from blogtool.cli import main; sys.exit(main())' ")
        argv = argv[len(BLOGTOOL_FALLBACK):]
    return head + " ".join(shlex.quote(_rel(a)) for a in argv)


def _rel(arg: str) -> str:
    """``python`` for the interpreter, paths inside the repository relative to it."""
    if arg == sys.executable:
        return "python"
    return os.path.relpath(arg, REPO) if arg.startswith(str(REPO) + os.sep) else arg


def bytecode(kit: Kit) -> None:
    """Let blogtool run from compiled bytecode, as an installed copy does: a
    ``PYTHONDONTWRITEBYTECODE`` environment would otherwise compile every module on every run.
    The bytecode goes to a folder under the work folder, compiled once before timing."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(kit.work / "pycache")
    package = (kit.tree or REPO) / "blogtool"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)],
                   env=dict(os.environ), stdout=subprocess.DEVNULL, check=False)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,5000", help="comma-separated post counts")
    p.add_argument("--runs", type=int, default=3, help="cold runs per tool and size")
    p.add_argument("--tools", default="blogtool,jekyll,hugo,floor",
                   help="comma-separated subset of blogtool,jekyll,hugo,floor")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--blogtool-cmd", default=DEFAULT_BLOGTOOL_CMD,
                   help="cold build command; {src} and {out} are substituted")
    p.add_argument("--blogtool-warm-cmd", default=DEFAULT_BLOGTOOL_WARM_CMD,
                   help="warm build command (cache kept)")
    p.add_argument("--no-warm", action="store_true", help="skip the warm blogtool column")
    p.add_argument("--theme", choices=("site", "default"), default="site",
                   help="blogtool's corpus: the site's _layouts, or blogtool's built-in theme")
    p.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    p.add_argument("--work", type=Path, default=DEFAULT_WORK, help="build outputs and logs")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per build")
    p.add_argument("--output", type=Path, help="also write the report to this file")
    p.add_argument("--incremental", action="store_true",
                   help="first build, nothing changed, one post edited (site.time footer) "
                        "against Hugo's cold build")
    p.add_argument("--blogtool-tree", type=Path,
                   help="with --incremental: run the blogtool of this checkout")
    p.add_argument("--launcher", choices=("venv", "path"), default="venv",
                   help="with --incremental: blogtool from a virtualenv the benchmark makes "
                        "(pip install, as users run it) or from the checkout's folder")
    p.add_argument("--real-blog", type=Path, metavar="PATH",
                   help="with --incremental: also build this Jekyll blog with Jekyll and "
                        "blogtool (it is copied first)")
    p.add_argument("--real-blog-name", metavar="NAME",
                   help="how the report names the real blog (its repository and commit)")
    p.add_argument("--no-serve", action="store_true",
                   help="with --incremental: leave out `blogtool serve`")
    p.add_argument("--markdown", action="store_true",
                   help="only the kramdown dialect's cost on posts without kramdown syntax")
    p.add_argument("--markdown-posts", type=int, default=400,
                   help="posts rendered per round by --markdown")
    p.add_argument("--markdown-baseline", type=Path,
                   help="with --markdown: also time this checkout (e.g. before the dialect)")
    p.add_argument("--search", action="store_true",
                   help="blogtool twice: search index off ('blogtool') and on "
                        "('blogtool + search')")
    p.add_argument("--floor-copy", nargs=2, metavar=("POSTS", "OUT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.floor_copy:
        return args
    try:
        args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        p.error("--sizes takes comma-separated integers")
    args.tool_list = [t.strip() for t in args.tools.split(",") if t.strip()]
    if args.search and "blogtool-search" not in args.tool_list:
        at = args.tool_list.index("blogtool") + 1 if "blogtool" in args.tool_list else 0
        args.tool_list[at:at] = ["blogtool"] * (at == 0) + ["blogtool-search"]
    unknown = set(args.tool_list) - set(TOOL_ORDER)
    if unknown or not args.tool_list:
        p.error(f"unknown tools: {', '.join(sorted(unknown))}; choose from {','.join(TOOL_ORDER)}")
    if args.runs < 1 or not args.size_list or min(args.size_list) < 1:
        p.error("--runs and --sizes must be positive")
    args.corpora = args.corpora.resolve()
    args.work = args.work.resolve()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    args = parse_args(argv)
    if args.floor_copy:
        floor_copy(Path(args.floor_copy[0]), Path(args.floor_copy[1]))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    command = "python benchmarks/bench.py " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    if args.incremental:
        kit = Kit(measure, _blogtool_argv, _utf8_env, _remove, REPO, args.work, args.timeout,
                  args.blogtool_tree.resolve() if args.blogtool_tree else None,
                  launcher=args.launcher)
        bytecode(kit)
        found = {size: bench_incremental.run(
            size, args.runs, corpus(args.corpora, size, args.seed, "jekyll", "site"),
            corpus(args.corpora, size, args.seed, "hugo", "site"), kit, not args.no_serve)
            for size in args.size_list}
        real = realblog.run(args.real_blog.resolve(), args.runs, kit, args.real_blog_name) \
            if args.real_blog else None
        mine = [f"blogtool: the frozen copy in {args.blogtool_tree}"] if args.blogtool_tree \
            else versions(["blogtool"], args)[1:]     # (the checkout's git describes no copy)
        context = [f"{_dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z}", machine(),
                   *versions(["jekyll", "hugo"], args), *mine]
        text = targets.report(found, real, command.strip(), args.runs, context)
        sys.stdout.write(text)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        return 0
    if args.markdown:
        sys.path.insert(0, str(REPO))
        posts = corpus(args.corpora, max(args.size_list[0], args.markdown_posts), args.seed,
                       "jekyll", "site") / "_posts"
        text = bench_markdown.report(posts, args.markdown_posts, max(args.runs, 3),
                                     command.strip(), args.markdown_baseline, REPO)
        sys.stdout.write(text)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        return 0
    all_results = {size: run_size(size, args.tool_list, args) for size in args.size_list}
    text = report(all_results, args.tool_list, args, command.strip())
    sys.stdout.write(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
