"""What the benchmark modules share: how to run, time and launch, handed over by ``bench.py``
(which owns the process-tree measurement) so the modules need not import it back."""
from __future__ import annotations

import filecmp
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: How a checkout's blogtool is started when ``--blogtool-tree`` names one.
TREE_LAUNCHER = [sys.executable, "-c", "import sys; from blogtool.cli import main; "
                 "sys.argv[0] = 'blogtool'; sys.exit(main())"]


@dataclass
class Kit:
    """Runs commands and measures them; ``tree``: run the blogtool of that checkout."""

    measure: Callable[..., Any]
    blogtool_argv: Callable[[str, Path, Path], tuple[list[str], dict[str, str]]]
    env_for: Callable[[dict[str, str]], dict[str, str]]
    remove: Callable[[Path], None]
    cwd: Path
    work: Path
    timeout: float
    tree: Path | None = None

    def blogtool(self, template: str, src: Path, out: Path) -> tuple[list[str], dict[str, str]]:
        """The argv and environment of one blogtool command (``{src}``, ``{out}`` filled)."""
        if self.tree is None:
            argv, extra = self.blogtool_argv(template, src, out)
            return argv, self.env_for(extra)
        head, *rest = template.split()
        if head != "blogtool":
            raise ValueError(f"not a blogtool command: {template}")
        return (TREE_LAUNCHER + [a.format(src=src, out=out) for a in rest],
                self.env_for({"PYTHONPATH": str(self.tree)}))

    @property
    def run_dir(self) -> Path:
        """Where blogtool runs: the frozen checkout if any (its modules come first)."""
        return self.tree or self.cwd

    def timed(self, label: str, argv: Sequence[str], env: dict[str, str], log: Path) -> Any:
        """One measured run with a progress line on stderr; the measurement."""
        print(f"{label} ...", file=sys.stderr, end=" ", flush=True)
        m = self.measure(argv, env, cwd=self.run_dir, timeout=self.timeout, log=log)
        print(f"{m.wall:.2f} s wall, {m.cpu:.2f} s CPU, {m.peak_rss / 2**20:.0f} MB"
              + (f" FAILED ({m.error})" if m.returncode else ""), file=sys.stderr)
        return m


def median(runs: Sequence[Any], attr: str) -> float | None:
    """Median of one field over the successful measurements (None if there are none)."""
    return statistics.median(getattr(m, attr) for m in runs) if runs else None


def tree_files(root: Path) -> set[str]:
    """Every file under ``root``, as a path relative to it (``/``-separated)."""
    found: set[str] = set()
    for folder, _, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        for name in files:
            found.add(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return found


def compare_trees(a: Path, b: Path, limit: int = 5) -> list[str]:
    """How two output trees differ, byte for byte: [] when they are identical."""
    filecmp.clear_cache()
    fa, fb = tree_files(a), tree_files(b)
    problems = [f"only in {a.name}: {p}" for p in sorted(fa - fb)[:limit]]
    problems += [f"only in {b.name}: {p}" for p in sorted(fb - fa)[:limit]]
    for rel in sorted(fa & fb):
        if len(problems) >= 2 * limit:
            break
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            problems.append(f"differs: {rel}")
    return problems
