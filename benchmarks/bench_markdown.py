"""What the kramdown dialect costs on posts without kramdown syntax (``bench.py --markdown``).

The benchmark corpus's post bodies (``gencorpus.py``: prose, code blocks, lists, links, no
kramdown syntax), front matter and Liquid tags removed, are rendered by two parsers built in
one process from the same options: blogtool's parser with the kramdown rules and the same
parser without them (what blogtool was before the dialect). Rounds alternate the two (A B, B A,
...), each round renders every body once and is timed in CPU time (``time.process_time``), and
the figure is the ratio of the medians. It is measured twice: full rendering (code blocks
highlighted, languages detected, pasted runs recovered) and prose alone (those three off).

``--markdown-baseline DIR`` also times a whole other checkout (for example the commit before
the dialect) against this tree, each in its own process, alternating, CPU time, medians.
"""
from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


def post_bodies(posts_dir: Path, limit: int) -> list[str]:
    """Bodies of the first ``limit`` posts: front matter and Liquid removed."""
    bodies = []
    for path in sorted(posts_dir.glob("*.md"))[:limit]:
        text = path.read_text("utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 2)[-1].split("\n", 1)[-1]
        bodies.append(_LIQUID.sub("", text))
    return bodies


def _timer(render: Callable[[str], object], bodies: Sequence[str]) -> Callable[[], float]:
    def run() -> float:
        start = time.process_time()
        for body in bodies:
            render(body)
        return time.process_time() - start
    return run


def alternate(a: Callable[[], float], b: Callable[[], float], rounds: int,
              ) -> tuple[list[float], list[float]]:
    """``rounds`` timings of each, in alternating order, after one warm-up of each."""
    a(), b()
    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(rounds):
        if i % 2:
            times_b.append(b())
            times_a.append(a())
        else:
            times_a.append(a())
            times_b.append(b())
    return times_a, times_b


def dialect_cost(bodies: Sequence[str], rounds: int, prose_only: bool) -> dict[str, float]:
    """Median CPU seconds of rendering ``bodies`` with and without the kramdown rules."""
    from blogtool.markup.markdown import build_parser
    from blogtool.markup.options import MarkupOptions

    on = not prose_only
    options = MarkupOptions(highlight=on, detect_language=on, code_recovery=on)
    parsers = {name: build_parser(options, dialect=name == "with")
               for name in ("with", "without")}

    def renderer(name: str) -> Callable[[str], object]:
        md = parsers[name]

        def render(text: str) -> str:
            env: dict = {}
            return md.renderer.render(md.parse(text, env), md.options, env)
        return render

    with_t, without_t = alternate(_timer(renderer("with"), bodies),
                                  _timer(renderer("without"), bodies), rounds)
    return {"with": statistics.median(with_t), "without": statistics.median(without_t),
            "with_min": min(with_t), "without_min": min(without_t)}


_CHILD = """
import json, sys, time
from blogtool.markup.markdown import render_document
from blogtool.markup.options import MarkupOptions
bodies = json.load(sys.stdin)
on = sys.argv[1] == "full"
options = MarkupOptions(highlight=on, detect_language=on, code_recovery=on)
for body in bodies:
    render_document(body, options)
best = None
for _ in range(3):
    start = time.process_time()
    for body in bodies:
        render_document(body, options)
    took = time.process_time() - start
    best = took if best is None else min(best, took)
print(best)
"""


def checkout_time(root: Path, bodies: Sequence[str], prose_only: bool = False) -> float:
    """Best of three CPU timings of ``render_document`` over ``bodies`` in the tree ``root``."""
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONIOENCODING="utf-8")
    out = subprocess.run([sys.executable, "-c", _CHILD, "prose" if prose_only else "full"],
                         input=json.dumps(bodies), env=env,
                         capture_output=True, text=True, check=True, cwd=root)
    return float(out.stdout.strip().splitlines()[-1])


def checkout_cost(baseline: Path, current: Path, bodies: Sequence[str],
                  rounds: int, prose_only: bool) -> dict[str, float]:
    times: dict[str, list[float]] = {"baseline": [], "current": []}
    for i in range(rounds):
        order = ("baseline", "current") if i % 2 == 0 else ("current", "baseline")
        for name in order:
            times[name].append(checkout_time(baseline if name == "baseline" else current,
                                             bodies, prose_only))
    return {name: statistics.median(t) for name, t in times.items()}


def report(posts_dir: Path, limit: int, rounds: int, command: str,
           baseline: Path | None, repo: Path) -> str:
    bodies = post_bodies(posts_dir, limit)
    chars = sum(len(b) for b in bodies)
    lines = [f"Command: `{command}`", "",
             f"{len(bodies)} post bodies ({chars:,} characters) from "
             f"`{posts_dir}`, {rounds} alternating rounds, CPU seconds per round (median).",
             "", "| rendering | with the kramdown rules | without | ratio |",
             "|---|---:|---:|---:|"]
    for prose_only, label in ((False, "full (highlighting, detection, recovery)"),
                              (True, "prose only (no highlighting)")):
        print(f"markdown: {label} ...", file=sys.stderr)
        cost = dialect_cost(bodies, rounds, prose_only)
        lines.append(f"| {label} | {cost['with']:.3f} | {cost['without']:.3f} | "
                     f"**{cost['with'] / cost['without']:.3f}** |")
    if baseline is not None:
        lines += ["", f"Whole checkouts, `render_document`, each in its own process, best of 3 "
                  f"per process, median of {rounds} alternating:", "",
                  f"| rendering | {baseline} | this tree | ratio |", "|---|---:|---:|---:|"]
        for prose_only, label in ((False, "full (highlighting, detection, recovery)"),
                                  (True, "prose only (no highlighting)")):
            print(f"markdown: {baseline} against this tree, {label} ...", file=sys.stderr)
            cost = checkout_cost(baseline, repo, bodies, rounds, prose_only)
            lines.append(f"| {label} | {cost['baseline']:.3f} | {cost['current']:.3f} | "
                         f"{cost['current'] / cost['baseline']:.3f} |")
    return "\n".join(lines) + "\n"
