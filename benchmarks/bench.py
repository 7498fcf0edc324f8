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
  the output directory and every tool cache are removed first, by renaming them into
  ``trash/`` under the work folder, emptied after the last run (``bench_tools.Trash``: on
  this machine's journal-less ext4, a build right after deleting 12,000 files pays seconds
  of kernel time finding fresh inodes; so a run also waits out the minute after an earlier
  run emptied its trash).
* Peak memory is the largest *sum* of RSS over the tool's whole process tree, sampled from
  ``/proc`` every 50 ms (a tool using worker processes would look small if only one process
  were counted, which is all ``getrusage(RUSAGE_CHILDREN)`` can report); the ``wait4`` maximum
  of a single process is folded in so a short spike between samples is not lost.
* A missing or failing tool is reported in the table, never a crash: blogtool's CLI may not
  exist yet when this runs.
* The I/O floor reads every post and writes one output file per post: no build can beat it.

Progress goes to stderr; stdout is a Markdown report ready for ``benchmarks/RESULTS.md``.
Standard library only.

The work is split by job: ``bench_measure.py`` (one timed run, RSS over the process tree),
``bench_tools.py`` (the tools and their command lines), ``bench_corpus.py`` (cached corpora),
``bench_cold.py`` (the cold and warm runs at one size), ``bench_report.py`` (the Markdown
report); ``bench_incremental.py``, ``bench_markdown.py`` and ``targets.py`` are the other
modes. This module is the command line.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

try:  # `python benchmarks/bench.py` puts benchmarks/ on sys.path; `-m benchmarks.bench` not
    from benchmarks import bench_incremental, bench_markdown, realblog, targets
    from benchmarks import bench_tools as tools
    from benchmarks.bench_cold import run_size
    from benchmarks.bench_corpus import corpus
    from benchmarks.bench_measure import measure
    from benchmarks.bench_report import machine, report, versions
    from benchmarks.kit import Kit
except ImportError:  # pragma: no cover - depends on how the script is started
    import bench_incremental  # type: ignore[no-redef]
    import bench_markdown  # type: ignore[no-redef]
    import bench_tools as tools  # type: ignore[no-redef]
    import realblog  # type: ignore[no-redef]
    import targets  # type: ignore[no-redef]
    from bench_cold import run_size  # type: ignore[no-redef]
    from bench_corpus import corpus  # type: ignore[no-redef]
    from bench_measure import measure  # type: ignore[no-redef]
    from bench_report import machine, report, versions  # type: ignore[no-redef]
    from kit import Kit  # type: ignore[no-redef]

DEFAULT_CORPORA = tools.HERE / "corpora"
DEFAULT_WORK = tools.HERE / "out"


def bytecode(kit: Kit) -> None:
    """Let blogtool run from compiled bytecode, as an installed copy does: a
    ``PYTHONDONTWRITEBYTECODE`` environment would otherwise compile every module on every run.
    The bytecode goes to a folder under the work folder, compiled once before timing."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(kit.work / "pycache")
    package = (kit.tree or tools.REPO) / "blogtool"
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
    p.add_argument("--blogtool-cmd", default=tools.DEFAULT_BLOGTOOL_CMD,
                   help="cold build command; {src} and {out} are substituted")
    p.add_argument("--blogtool-warm-cmd", default=tools.DEFAULT_BLOGTOOL_WARM_CMD,
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
    unknown = set(args.tool_list) - set(tools.TOOL_ORDER)
    if unknown or not args.tool_list:
        p.error(f"unknown tools: {', '.join(sorted(unknown))}; "
                f"choose from {','.join(tools.TOOL_ORDER)}")
    if args.runs < 1 or not args.size_list or min(args.size_list) < 1:
        p.error("--runs and --sizes must be positive")
    args.corpora = args.corpora.resolve()
    args.work = args.work.resolve()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    args = parse_args(argv)
    if args.floor_copy:
        tools.floor_copy(Path(args.floor_copy[0]), Path(args.floor_copy[1]))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    command = "python benchmarks/bench.py " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    trash = tools.Trash(args.work / "trash", tools.Trash.stamp_for(args.work))
    trash.empty()               # left by a run that was stopped
    trash.settle()
    try:
        return _run(args, command, trash)
    finally:
        trash.empty()


def _run(args: argparse.Namespace, command: str, trash: tools.Trash) -> int:
    """The mode ``args`` asks for; what a timed run clears goes to ``trash``."""
    if args.incremental:
        kit = Kit(measure, tools.blogtool_argv, tools.utf8_env, trash.remove, tools.REPO,
                  args.work, args.timeout,
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
        sys.path.insert(0, str(tools.REPO))
        posts = corpus(args.corpora, max(args.size_list[0], args.markdown_posts), args.seed,
                       "jekyll", "site") / "_posts"
        text = bench_markdown.report(posts, args.markdown_posts, max(args.runs, 3),
                                     command.strip(), args.markdown_baseline, tools.REPO)
        sys.stdout.write(text)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        return 0
    all_results = {size: run_size(size, args.tool_list, args, trash.remove)
                   for size in args.size_list}
    text = report(all_results, args.tool_list, args, command.strip())
    sys.stdout.write(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
