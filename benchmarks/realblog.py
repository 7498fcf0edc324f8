"""A real Jekyll blog, built by Jekyll and by blogtool side by side (``bench.py --real-blog``).

The blog is copied under the work folder first (blogtool keeps its cache beside the sources).
Every round, alternating which tool goes first:

* Jekyll, cold: ``jekyll build`` with its output and ``.jekyll-cache`` removed;
* ``blogtool build --no-cache`` (output removed);
* ``blogtool build``, the first time: output and cache removed, so it writes the cache;
* ``blogtool build`` again, nothing changed.

Both tools run with their defaults, as a user runs them. The files each tool wrote (the URL
set) are compared after the last round: they must be the same.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

try:
    from benchmarks.kit import Kit, tree_files
except ImportError:  # pragma: no cover - run as `python benchmarks/bench.py`
    from kit import Kit, tree_files  # type: ignore[no-redef]

ROWS = ("jekyll", "nocache", "first", "noop")
LABELS = {"jekyll": "Jekyll, cold", "nocache": "`blogtool build --no-cache`",
          "first": "`blogtool build`, first time (writes the cache)",
          "noop": "`blogtool build`, nothing changed"}
_IGNORE = shutil.ignore_patterns(".git", "_site", ".jekyll-cache", ".jekyll-metadata",
                                 ".sass-cache", ".blogtool-cache")
_POST_NAME = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-.+\.(md|markdown|mkd|mkdn|html|textile)$")


def count_posts(src: Path) -> int:
    """Files in ``_posts`` folders named like posts (drafts and unpublished ones included)."""
    return sum(1 for path in src.rglob("*") if path.is_file() and "_posts" in path.parts
               and _POST_NAME.match(path.name))


def describe(src: Path) -> str:
    """The blog's folder name, with its git commit when the folder is a checkout's top."""
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(src), *args], capture_output=True,
                                  text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""
    top = git("rev-parse", "--show-toplevel")
    if not top or Path(top).resolve() != src.resolve():
        return src.name
    return f"{src.name} (git {git('log', '-1', '--format=%H %cs')})"


def run(blog: Path, runs: int, kit: Kit, name: str | None = None) -> dict[str, Any]:
    """``runs`` rounds; the measurements by row, plus ``"urls"`` (the comparison of the files
    both tools wrote), ``"posts"`` and ``"name"`` (``name``, else the folder and its commit)."""
    src = kit.work / f"realblog-{blog.name}"
    kit.remove(src)
    shutil.copytree(blog, src, ignore=_IGNORE, symlinks=True)
    jekyll_out = kit.work / "realblog-jekyll"
    out = kit.work / "realblog-blogtool"
    ref = kit.work / "realblog-nocache"
    cold_argv, env = kit.blogtool("blogtool build -q --no-cache -s {src} -d {out}", src, ref)
    warm_argv, _ = kit.blogtool("blogtool build -q -s {src} -d {out}", src, out)
    jekyll_argv = ["jekyll", "build", "-s", str(src), "-d", str(jekyll_out)]
    jekyll_env = kit.env_for({"JEKYLL_NO_BUNDLER_REQUIRE": "true"})
    results: dict[str, Any] = {row: [] for row in ROWS}

    def one(row: str, argv: list[str], run_env: dict[str, str]) -> None:
        m = kit.timed(f"[real blog] {LABELS[row]}", argv, run_env,
                      kit.work / f"realblog-{row}.log")
        if not m.returncode:
            results[row].append(m)

    def jekyll() -> None:
        kit.remove(jekyll_out)
        kit.remove(src / ".jekyll-cache")
        one("jekyll", jekyll_argv, jekyll_env)

    def blogtool() -> None:
        kit.remove(ref)
        one("nocache", cold_argv, env)
        kit.remove(out)
        kit.remove(src / ".blogtool-cache")
        one("first", warm_argv, env)
        one("noop", warm_argv, env)

    for round_no in range(runs):
        first, second = (blogtool, jekyll) if round_no % 2 else (jekyll, blogtool)
        first()
        second()
    results["urls"] = compare_urls(jekyll_out, out)
    results["posts"] = count_posts(src)
    results["name"] = name or describe(blog)
    return results


def compare_urls(jekyll_out: Path, blogtool_out: Path) -> dict[str, Any]:
    """The files only one of the two outputs has (both must exist)."""
    if not jekyll_out.is_dir() or not blogtool_out.is_dir():
        return {"error": "an output is missing"}
    j, b = tree_files(jekyll_out), tree_files(blogtool_out)
    return {"jekyll": len(j), "blogtool": len(b), "missing": sorted(j - b),
            "extra": sorted(b - j)}
