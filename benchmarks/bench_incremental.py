"""The builds users run, side by side with Hugo's cold build (``bench.py --incremental``).

For each size, a copy of the benchmark corpus whose layout footer prints
``{{ site.time | date: "%Y" }}`` (as Jekyll-Bootstrap's does) is built in this order, every
round, alternating whether Hugo goes first or last:

* Hugo, cold (its cache removed);
* ``blogtool build``, the first time: output and cache removed, so it writes the cache;
* ``blogtool build`` again, nothing changed;
* ``blogtool build`` after one post's body was edited (a sentence appended);
* ``blogtool build --no-cache`` into a second folder, whose bytes must equal the incremental
  output of the edited source (compared file by file, every round);
* ``find`` over the source tree (what "listing the source tree" costs);
* ``blogtool --version`` (start-up alone).

Then ``blogtool serve`` runs on the same copy (``benchmarks/reload.py``): after each of
``max(runs, 3)`` saves of one post, the time until the edited page reloads and until the
whole site is up to date.

Each figure is the median of the rounds, wall time and CPU time (user + system of the whole
process tree, whose summed resident memory is sampled too): on a shared machine CPU time is
the steadier one.
"""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    from benchmarks import reload
    from benchmarks.kit import Kit, compare_trees
except ImportError:  # pragma: no cover - run as `python benchmarks/bench.py`
    import reload  # type: ignore[no-redef]
    from kit import Kit, compare_trees  # type: ignore[no-redef]

FOOTER = '&copy; {{ site.time | date: "%Y" }}'
ROWS = ("hugo", "nocache", "first", "noop", "edit", "find", "version")
LABELS = {"hugo": "Hugo, cold", "nocache": "`blogtool build --no-cache`",
          "first": "`blogtool build`, first time (writes the cache)",
          "noop": "`blogtool build`, nothing changed",
          "edit": "`blogtool build`, one post's body edited",
          "find": "`find` over the source tree",
          "version": "`blogtool --version`"}


def prepare(corpus: Path, work: Path, remove: Callable[[Path], None]) -> Path:
    """A copy of ``corpus`` with the year footer, under ``work`` (an old copy ``remove``d)."""
    src = work / f"{corpus.name}-footer"
    remove(src)
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


def run(size: int, runs: int, blog_src: Path, hugo_src: Path, kit: Kit,
        serve: bool = True) -> dict[str, Any]:
    """``runs`` rounds of every row, then ``serve``; the measurements by row, ``"same"``
    (per round, the differences between the incremental and the ``--no-cache`` output),
    and ``"serve"`` (``reload.measure``'s figures, or an ``"error"``)."""
    work = kit.work
    src = prepare(blog_src, work, kit.remove)
    out = work / f"incr-blogtool-{size}"
    ref = work / f"incr-nocache-{size}"
    hugo_out = work / f"incr-hugo-{size}"
    cold_argv, env = kit.blogtool("blogtool build -q --no-cache -s {src} -d {out}", src, ref)
    warm_argv, _ = kit.blogtool("blogtool build -q -s {src} -d {out}", src, out)
    version_argv, _ = kit.blogtool("blogtool --version", src, out)
    results: dict[str, Any] = {row: [] for row in ROWS}
    results["same"] = []

    def one(row: str, argv: list[str], run_env: dict[str, str]) -> None:
        m = kit.timed(f"[{size} posts] {LABELS[row]}", argv, run_env,
                      work / f"incr-{row}-{size}.log")
        if not m.returncode:
            results[row].append(m)

    def hugo() -> None:
        if shutil.which("hugo") is None:
            return
        kit.remove(hugo_out)
        for rel in ("resources", ".hugo_build.lock"):
            kit.remove(hugo_src / rel)
        one("hugo", ["hugo", "-s", str(hugo_src), "-d", str(hugo_out)], kit.env_for({}))

    def blogtool(round_no: int) -> None:
        kit.remove(out)
        kit.remove(src / ".blogtool-cache")
        one("first", warm_argv, env)
        one("noop", warm_argv, env)
        edit_one_post(src, round_no)
        one("edit", warm_argv, env)
        kit.remove(ref)
        one("nocache", cold_argv, env)
        if out.is_dir() and ref.is_dir():
            results["same"].append(compare_trees(out, ref))
        one("find", ["find", str(src), "-type", "f"], env)
        one("version", version_argv, env)

    for round_no in range(runs):
        if round_no % 2:
            blogtool(round_no)
            hugo()
        else:
            hugo()
            blogtool(round_no)
    if serve:
        results["serve"] = serve_figures(src, max(runs, 3), kit, f"gencorpus {size}")
    return results


def serve_figures(src: Path, repeat: int, kit: Kit, name: str) -> dict[str, Any]:
    """``reload.measure`` on ``src``: edit -> page reloaded, edit -> whole site up to date."""
    saved = {k: os.environ.get(k) for k in ("LANG", "LC_ALL")}
    os.environ.update({k: v for k, v in kit.env_for({}).items() if k in saved})
    try:
        print(f"[{name}] blogtool serve: {repeat} saves ...", file=sys.stderr)
        return reload.measure(name, src, repeat, kit.timeout, kit.tree, launch=kit.blogtool)
    except (OSError, RuntimeError, EOFError, ValueError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
