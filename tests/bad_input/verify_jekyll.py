"""Build every catalogue case with real Jekyll 4.3.1 and check the recorded ``jekyll`` outcome
and ``jekyll_says`` fragment; ``--blogtool`` also prints blogtool's line for each case.

    python tests/bad_input/verify_jekyll.py [--blogtool] [CASE_ID ...]

Exit status 1 when Jekyll disagrees with the table. Cases marked ``jekyll_verifiable=False``
(Jekyll blocks forever on a FIFO) are listed and not run.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import CASES, Case  # noqa: E402
from sitegen import JEKYLL_BASE, THEME_BASE, materialise, run_blogtool, run_jekyll  # noqa: E402

_JEKYLL_NOISE = re.compile(r"^\s*(Configuration file|Source|Destination|Incremental build|"
                           r"Generating|done in|Auto-regeneration|-{10,}|Jekyll 4.3.1 +Please|"
                           r"for any additional information|from /)", re.I)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_JEKYLL_PROBLEM = re.compile(r"(error|warning|conflict|exception|invalid|could not|"
                             r"skipping|deprecat)", re.I)


def jekyll_outcome(returncode: int, output: str) -> str:
    """error = Jekyll stopped (non-zero exit); warning = it reported something and went on."""
    if returncode != 0:
        return "error"
    lines = [ln for ln in output.splitlines() if ln.strip() and not _JEKYLL_NOISE.match(ln)]
    return "warning" if any(_JEKYLL_PROBLEM.search(ln) for ln in lines) else "ok"


def site_for(case: Case, root: Path) -> tuple[Path, Path]:
    source = materialise(root / "site", THEME_BASE if case.base == "theme" else JEKYLL_BASE,
                         case.files)
    if case.dest == "source":
        dest = source
    elif case.dest == "parent":
        dest = root
    else:
        dest = root / "out"
    return source, dest


def main(argv: list[str]) -> int:
    show_blogtool = "--blogtool" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    bad = 0
    for case in CASES:
        if wanted and case.id not in wanted:
            continue
        if not case.jekyll_verifiable:
            print(f"-- {case.id}: not run with Jekyll ({case.differs})")
            continue
        root = Path(tempfile.mkdtemp(prefix=f"bi-{case.id}-"))
        try:
            source, dest = site_for(case, root)
            try:
                run = run_jekyll(source, dest, file_size_limit=case.file_size_limit,
                                 timeout=120)
                output = _ANSI.sub("", run.stdout + run.stderr)
                if run.returncode < 0:
                    output += f"\nkilled by signal {-run.returncode}"
                outcome = jekyll_outcome(run.returncode, output)
            except subprocess.TimeoutExpired:
                output, outcome = "timed out", "hang"
            said = [ln.strip() for ln in output.splitlines()
                    if ln.strip() and not _JEKYLL_NOISE.match(ln)]
            fragment_ok = case.jekyll_says.lower() in output.lower()
            ok = outcome == case.jekyll and fragment_ok
            bad += not ok
            print(f"{'ok' if ok else 'MISMATCH'} {case.id}: jekyll {outcome} "
                  f"(table: {case.jekyll}){'' if fragment_ok else ' fragment missing'}")
            for ln in said[:4]:
                print(f"     jekyll| {ln[:200]}")
            if show_blogtool:
                shutil.rmtree(root)
                root.mkdir()
                source, dest = site_for(case, root)
                b = run_blogtool(source, dest, file_size_limit=case.file_size_limit)
                for ln in (b.stderr.strip().splitlines() or ["(nothing on stderr)"])[-4:]:
                    print(f"   blogtool| rc={b.returncode} {ln[:200]}")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{bad} mismatch(es)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
