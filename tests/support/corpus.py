"""The benchmark corpus for tests, made by ``benchmarks/gencorpus.py`` run as a program (as a
user runs it from a clone; tests never import the benchmark scripts)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GENCORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "gencorpus.py"


def run_gencorpus(outdir: Path, *args: str) -> subprocess.CompletedProcess:
    """The generator's run, whatever its exit status."""
    return subprocess.run([sys.executable, str(GENCORPUS), str(outdir), *args],
                          capture_output=True, text=True, timeout=300)


def generate_corpus(outdir: Path, posts: int, *args: str) -> Path:
    """``posts`` generated posts (and the site around them) in ``outdir``; ``args``: more
    options (``--seed 2``, ``--flavor hugo``, ``--theme default``, ``--force``)."""
    run = run_gencorpus(outdir, "--posts", str(posts), *args)
    if run.returncode != 0:
        raise AssertionError(f"gencorpus.py failed:\n{run.stdout}{run.stderr}")
    return outdir
