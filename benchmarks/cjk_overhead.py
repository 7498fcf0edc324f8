#!/usr/bin/env python3
"""Cost of blogtool's CJK Markdown rules: render N generated Chinese tech posts with and without
``cjk_plugin`` (same MarkdownIt setup otherwise), in alternating runs, and print the medians.

    python benchmarks/cjk_overhead.py [--posts 1000] [--runs 5] [--seed 1]

Why alternating runs: the machine is shared, so load drifts; alternating "plain" and "cjk"
runs exposes both to the same drift, and the median of each discards outliers. Target: the
CJK rules cost at most 1.2x the plain render time.

Posts come from ``benchmarks/gencorpus.py`` (``make_post``), front matter stripped; parsing is
single-process and includes ``heading_ids_plugin`` on both sides, as the real factory does.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from benchmarks.gencorpus import make_post  # noqa: E402
from blogtool.markup.cjk import cjk_plugin, heading_ids_plugin  # noqa: E402


def strip_front_matter(text: str) -> str:
    """Body of a post: everything after the closing ``---`` of the front matter."""
    if not text.startswith("---"):
        return text
    end = text.find("\n---", 3)
    if end < 0:
        return text
    nl = text.find("\n", end + 4)
    return "" if nl < 0 else text[nl + 1 :]


def make_md(cjk: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["strikethrough", "table", "replacements", "smartquotes"]
    )
    if cjk:
        cjk_plugin(md)
    heading_ids_plugin(md)
    return md


def render_all(md: MarkdownIt, bodies: Sequence[str]) -> float:
    start = time.perf_counter()
    for body in bodies:
        md.render(body)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    bodies = [strip_front_matter(make_post(i, args.seed)[1]) for i in range(args.posts)]
    chars = sum(len(b) for b in bodies)
    plain, cjk = make_md(False), make_md(True)
    render_all(plain, bodies[:50])  # warm up caches and imports on both sides
    render_all(cjk, bodies[:50])

    times: dict[str, list[float]] = {"plain": [], "cjk": []}
    for run in range(args.runs):
        order = ((("plain", plain), ("cjk", cjk)) if run % 2 == 0
                 else (("cjk", cjk), ("plain", plain)))
        for name, md in order:
            times[name].append(render_all(md, bodies))

    med_plain = statistics.median(times["plain"])
    med_cjk = statistics.median(times["cjk"])
    print(f"command: python benchmarks/cjk_overhead.py --posts {args.posts} --runs {args.runs} "
          f"--seed {args.seed}")
    print(f"posts: {args.posts}, body characters: {chars:,}, python {sys.version.split()[0]}")
    for name in ("plain", "cjk"):
        runs = ", ".join(f"{t:.3f}" for t in times[name])
        print(f"{name:>5}: median {statistics.median(times[name]):.3f} s  (runs: {runs})")
    ratio = med_cjk / med_plain
    print(f"ratio cjk/plain: {ratio:.3f}x (target <= 1.2x): {'OK' if ratio <= 1.2 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
