"""The Markdown report of ``bench.py``'s cold and warm builds (ready for
``benchmarks/RESULTS.md``), and the context lines every report starts with: the machine, and
the versions of Python and of each tool measured.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import shlex
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

try:  # `python benchmarks/bench.py` puts benchmarks/ on sys.path; `-m benchmarks.bench` not
    from benchmarks import gencorpus
    from benchmarks.bench_cold import Result
    from benchmarks.bench_tools import (
        BLOGTOOL_FALLBACK,
        REPO,
        TOOL_LABELS,
        blogtool_argv,
        utf8_env,
    )
except ImportError:  # pragma: no cover - depends on how the script is started
    import gencorpus  # type: ignore[no-redef]
    from bench_cold import Result  # type: ignore[no-redef]
    from bench_tools import (  # type: ignore[no-redef]
        BLOGTOOL_FALLBACK,
        REPO,
        TOOL_LABELS,
        blogtool_argv,
        utf8_env,
    )


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
        argv, env = blogtool_argv("blogtool --version", Path("."), Path("."))
        lines.append(f"blogtool: {_version(argv, utf8_env(env))} (git {git})")
    if "jekyll" in tools:
        lines.append(f"Jekyll: {_version(['jekyll', '--version'], utf8_env())}; "
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
