"""What the benchmark modules share: how to run, time and launch, handed over by ``bench.py``
(the process-tree measurement is ``bench_measure.py``'s) so the modules need not import it back.

How blogtool is launched (``Kit.launcher``):

* ``"venv"`` (the default): the way a user runs it. A virtual environment is made once per
  benchmark under the work folder (``python -m venv``, without the system's site-packages),
  the blogtool to measure (the ``--blogtool-tree`` checkout, else this repository) is
  installed into it by ``pip install`` (not editable, with its dependencies from the package
  index or pip's cache), and every blogtool row runs its ``bin/blogtool`` console script
  from the bytecode pip compiled. So start-up pays neither an editable install's import hook
  nor ``.pth`` files of the interpreter the benchmark runs in (a sandbox's certificate hook
  was 8-11 ms of every run here), and ``PYTHONPATH``/``PYTHONPYCACHEPREFIX`` are cleared for
  it. Making it takes 10-60 s; it needs the package index or a warm pip cache.
* ``"path"``: ``python -c "from blogtool.cli import main..."`` with the checkout on
  ``PYTHONPATH`` (what tests use: no network, nothing installed), or, without a checkout,
  what ``bench.py`` finds (a ``blogtool`` beside the interpreter, else the same ``-c``).
  A checkout pip cannot install (no ``pyproject.toml``) is always run this way, and so is
  every row when making the virtual environment failed (said on stderr).
"""
from __future__ import annotations

import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import venv
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
    launcher: str = "venv"
    _script: Path | None = None

    def blogtool(self, template: str, src: Path, out: Path) -> tuple[list[str], dict[str, str]]:
        """The argv and environment of one blogtool command (``{src}``, ``{out}`` filled)."""
        head, *rest = template.split()
        if head != "blogtool":
            raise ValueError(f"not a blogtool command: {template}")
        args = [a.format(src=src, out=out) for a in rest]
        code = self.tree or self.cwd
        if self.launcher == "venv" and (code / "pyproject.toml").is_file():
            try:
                script = self.installed(code)
            except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
                print(f"{exc}\nblogtool runs from {code} instead (--launcher path)",
                      file=sys.stderr)
                self.launcher = "path"
            else:
                env = self.env_for({})
                for name in ("PYTHONPATH", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE",
                             "PYTHONHOME", "VIRTUAL_ENV"):
                    env.pop(name, None)
                return [str(script)] + args, env
        if self.tree is None:
            argv, extra = self.blogtool_argv(template, src, out)
            return argv, self.env_for(extra)
        return TREE_LAUNCHER + args, self.env_for({"PYTHONPATH": str(self.tree)})

    def installed(self, code: Path) -> Path:
        """``bin/blogtool`` of a virtual environment with ``code`` pip-installed in it, made
        on first use (under the work folder); raises ``RuntimeError`` when pip fails."""
        if self._script is not None:
            return self._script
        home = self.work / "venv-blogtool"
        shutil.rmtree(home, ignore_errors=True)
        print(f"installing {code} into {home} ...", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")}
        run = subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", str(code)],
                             env=env, capture_output=True, text=True, timeout=self.timeout)
        script = home / "bin" / "blogtool"
        if run.returncode or not script.is_file():
            raise RuntimeError(f"pip install {code} failed: {run.stderr.strip()[-2000:]}")
        self._script = script
        return script

    @property
    def run_dir(self) -> Path:
        """Where blogtool runs: the frozen checkout if any (its modules come first)."""
        return self.tree or self.cwd

    def timed(self, label: str, argv: Sequence[str], env: dict[str, str], log: Path) -> Any:
        """One measured run with a progress line on stderr; the measurement. The file
        systems' dirty pages are written out first (``sync``), so no run pays for writing
        back what the one before it wrote (a --no-cache build of 5,000 posts started right after
        Hugo's build of them: 8.83 s median, 8.22 s with a sync between, 4 alternating pairs)."""
        print(f"{label} ...", file=sys.stderr, end=" ", flush=True)
        os.sync()
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
