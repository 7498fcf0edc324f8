"""The builds users run, side by side with Hugo's cold build (``bench.py --incremental``).

For each size, a copy of the benchmark corpus whose layout footer prints
``{{ site.time | date: "%Y" }}`` (as Jekyll-Bootstrap's does) is built in this order, every
round, alternating which of blogtool and Hugo goes first:

* Hugo, cold (its cache removed);
* ``blogtool build --no-cache`` (output removed);
* ``blogtool build``, the first time: output and cache removed, so it writes the cache;
* ``blogtool build`` again, nothing changed;
* ``blogtool build`` after one post's body was edited (a sentence appended);
* ``find`` over the source tree (what "listing the source tree" costs).

Each figure is the median of the rounds, wall time and CPU time (user + system of the whole
process tree): on a shared machine CPU time is the steadier one.
"""
from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FOOTER = '&copy; {{ site.time | date: "%Y" }}'
ROWS = ("hugo", "nocache", "first", "noop", "edit", "find")
LABELS = {"hugo": "Hugo, cold", "nocache": "`blogtool build --no-cache`",
          "first": "`blogtool build`, first time (writes the cache)",
          "noop": "`blogtool build`, nothing changed",
          "edit": "`blogtool build`, one post's body edited",
          "find": "`find` over the source tree"}


def prepare(corpus: Path, work: Path) -> Path:
    """A copy of ``corpus`` with the year footer, under ``work``."""
    src = work / f"{corpus.name}-footer"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(corpus, src, ignore=shutil.ignore_patterns(".blogtool-cache"))
    layout = src / "_layouts" / "default.html"
    text = layout.read_text("utf-8")
    if "site.time" not in text:
        layout.write_text(text.replace("</footer>", f" {FOOTER}</footer>", 1), "utf-8")
    return src


def edit_one_post(src: Path, round_no: int) -> None:
    posts = sorted((src / "_posts").glob("*.md"))
    post = posts[len(posts) // 2]
    with open(post, "a", encoding="utf-8") as fh:
        fh.write(f"\n编辑后新增的一句话（第 {round_no + 1} 次）。\n")


def run(size: int, runs: int, blog_src: Path, hugo_src: Path, work: Path,
        measure: Callable[..., Any], blogtool_argv: Callable[[str, Path, Path], tuple],
        env_for: Callable[[dict[str, str]], dict[str, str]], remove: Callable[[Path], None],
        cwd: Path, timeout: float, tree: Path | None = None) -> dict[str, list[Any]]:
    """``runs`` rounds of every row; returns the measurements by row. ``tree``: run the
    blogtool of that checkout (a frozen copy, while others edit the working tree)."""
    src = prepare(blog_src, work)
    out = work / f"incr-blogtool-{size}"
    hugo_out = work / f"incr-hugo-{size}"
    cold_argv, extra = blogtool_argv("blogtool build -q --no-cache -s {src} -d {out}", src, out)
    warm_argv, _ = blogtool_argv("blogtool build -q -s {src} -d {out}", src, out)
    if tree is not None:
        launcher = [sys.executable, "-c", "import sys; from blogtool.cli import main; "
                    "sys.argv[0] = 'blogtool'; sys.exit(main())"]
        cold_argv = launcher + list(cold_argv[cold_argv.index("build"):])
        warm_argv = launcher + list(warm_argv[warm_argv.index("build"):])
        extra = {"PYTHONPATH": str(tree)}
        cwd = tree
    env = env_for(extra)
    results: dict[str, list[Any]] = {row: [] for row in ROWS}

    def one(row: str, argv: Sequence[str], run_env: dict[str, str] | None = None) -> None:
        print(f"[{size} posts] {LABELS[row]} ...", file=sys.stderr, end=" ", flush=True)
        m = measure(argv, run_env or env, cwd=cwd, timeout=timeout,
                    log=work / f"incr-{row}-{size}.log")
        print(f"{m.wall:.2f} s wall, {m.cpu:.2f} s CPU"
              + (f" FAILED ({m.error})" if m.returncode else ""), file=sys.stderr)
        if not m.returncode:
            results[row].append(m)

    def hugo() -> None:
        if shutil.which("hugo") is None:
            return
        remove(hugo_out)
        for rel in ("resources", ".hugo_build.lock"):
            remove(hugo_src / rel)
        one("hugo", ["hugo", "-s", str(hugo_src), "-d", str(hugo_out)], env_for({}))

    def blogtool(round_no: int) -> None:
        remove(out)
        one("nocache", cold_argv)
        remove(out)
        remove(src / ".blogtool-cache")
        one("first", warm_argv)
        one("noop", warm_argv)
        edit_one_post(src, round_no)
        one("edit", warm_argv)
        one("find", ["find", str(src), "-type", "f"])

    for round_no in range(runs):
        if round_no % 2:
            blogtool(round_no)
            hugo()
        else:
            hugo()
            blogtool(round_no)
    return results


def report(all_results: dict[int, dict[str, list[Any]]], command: str) -> str:
    lines = [f"Command: `{command}`", "",
             "| posts | build | wall s (median) | CPU s (median) | wall / Hugo | CPU / Hugo |",
             "|---:|---|---:|---:|---:|---:|"]
    for size, results in all_results.items():
        hugo = results.get("hugo") or []
        hugo_wall = statistics.median(m.wall for m in hugo) if hugo else None
        hugo_cpu = statistics.median(m.cpu for m in hugo) if hugo else None
        for row in ROWS:
            runs = results.get(row) or []
            if not runs:
                lines.append(f"| {size} | {LABELS[row]} | failed or missing | | | |")
                continue
            wall = statistics.median(m.wall for m in runs)
            cpu = statistics.median(m.cpu for m in runs)
            ratio_wall = f"{wall / hugo_wall:.2f}×" if hugo_wall else ""
            ratio_cpu = f"{cpu / hugo_cpu:.2f}×" if hugo_cpu else ""
            lines.append(f"| {size} | {LABELS[row]} | {wall:.2f} | {cpu:.2f} | {ratio_wall} | "
                         f"{ratio_cpu} |")
    return "\n".join(lines) + "\n"
