"""Cold and warm builds at one corpus size (``bench.py``'s default mode): every tool in
alternation (run 1: A B C D, run 2: B C D A, ...) with its output and caches removed before
each cold run, then blogtool again with its cache kept (warm) after one priming build.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:  # `python benchmarks/bench.py` puts benchmarks/ on sys.path; `-m benchmarks.bench` not
    from benchmarks.bench_corpus import corpus
    from benchmarks.bench_measure import Measurement, measure
    from benchmarks.bench_tools import REPO, TOOL_LABELS, Tool, count_files, make_tool, remove_path
except ImportError:  # pragma: no cover - depends on how the script is started
    from bench_corpus import corpus  # type: ignore[no-redef]
    from bench_measure import Measurement, measure  # type: ignore[no-redef]
    from bench_tools import (  # type: ignore[no-redef]
        REPO,
        TOOL_LABELS,
        Tool,
        count_files,
        make_tool,
        remove_path,
    )


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


def run_size(size: int, tools: Sequence[str], args: argparse.Namespace,
             remove: Callable[[Path], None] = remove_path) -> dict[str, Result]:
    """Alternating cold builds of every tool at one corpus size, then warm blogtool builds;
    ``remove`` clears an output or cache before a cold build."""
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
            remove(tool.out)
            for rel in tool.cache_dirs:
                remove(tool.src / rel)
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
