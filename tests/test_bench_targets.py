"""``bench.py --incremental`` reports every speed target with a verdict, and stays honest: a
figure it could not measure is "not measured", an incremental output that differs from a
``--no-cache`` build is "not met". Run as a user runs it, on a tiny corpus, without timing
assertions."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench.py"
TARGETS = [
    "first `blogtool build` / Hugo cold", "`blogtool build --no-cache` / Hugo cold",
    "first `blogtool build` / `--no-cache` (writing the cache)",
    "nothing changed", "nothing changed / `find` over the sources",
    "one post's body edited (CLI)", "`serve`: whole site up to date after a save",
    "`serve`: the edited page after a save", "`blogtool --version`",
    "peak memory (summed over processes), heavier of the two cold builds",
    "incremental output = `--no-cache` output (byte compare)"]


def bench(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH), "--incremental", "--sizes", "4",
                           "--runs", "1", "--corpora", str(tmp_path / "c"),
                           "--work", str(tmp_path / "w"), "--launcher", "path", *args],
                          capture_output=True, text=True, timeout=600)


def verdicts(report: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(where, target) -> (wall verdict, CPU verdict) from the report's first table."""
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \| [^|]* \| [^|]* \| [^|]* \| ([^|]*) \| ([^|]*) \|$",
                      report, re.M)
    return {(w.strip(), t.strip()): (a.strip(), b.strip()) for w, t, a, b in rows
            if w.strip() not in ("where", "---")}


FAKE_CLI = '''
import os, sys

def main():
    args = sys.argv[1:]
    if args == ["--version"]:
        print("blogtool, version fake")
        return 0
    out = args[args.index("-d") + 1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "index.html"), "w") as fh:
        fh.write("full" if "--no-cache" in args else "incremental")
    return 0
'''


@pytest.mark.subprocesses
def test_a_differing_incremental_output_and_a_missing_serve_are_reported(tmp_path: Path) -> None:
    """A blogtool whose cached build writes other bytes than its --no-cache build (and which
    has no serve): the byte comparison says "not met", serve's targets "not measured"."""
    fake = tmp_path / "fake"
    (fake / "blogtool" / "cli").mkdir(parents=True)
    (fake / "blogtool" / "__init__.py").write_text("", "utf-8")
    (fake / "blogtool" / "cli" / "__init__.py").write_text(textwrap.dedent(FAKE_CLI), "utf-8")
    run = bench(tmp_path, "--blogtool-tree", str(fake), "--output", str(tmp_path / "r.md"))
    assert run.returncode == 0, run.stderr
    report = (tmp_path / "r.md").read_text("utf-8")
    assert report == run.stdout
    found = verdicts(report)
    assert [t for w, t in found if w == "4 posts"] == TARGETS
    assert found["4 posts", TARGETS[-1]] == ("**not met**", "")
    assert "round 1: the incremental output differs from `--no-cache`: differs: index.html" \
        in report
    for target in TARGETS[6:8]:
        assert found["4 posts", target] == ("not measured", "")
    assert "4 posts, `serve`: " in report
    assert "| 4 | `blogtool --version` | 1 |" in report
    assert (tmp_path / "w" / "incr-blogtool-4" / "index.html").read_text() == "incremental"


@pytest.mark.slow      # builds with Jekyll, Hugo and blogtool, and runs blogtool serve
@pytest.mark.jekyll
def test_every_target_is_measured_with_a_real_blog(tmp_path: Path) -> None:
    blog = ROOT / "tests" / "fixtures" / "sites" / "jb-permalinks"
    run = bench(tmp_path, "--real-blog", str(blog), "--real-blog-name", "fixture jb-permalinks")
    assert run.returncode == 0, run.stderr
    found = verdicts(run.stdout)
    assert [t for w, t in found if w == "4 posts"] == TARGETS
    assert all(v[0] in ("**met**", "**not met**") for v in found.values()), found
    assert found["4 posts", TARGETS[-1]][0] == "**met**"    # byte-identical to --no-cache
    assert "1/1 rounds identical" in run.stdout
    real = [t for w, t in found if w == "real blog"]
    assert real == ["first `blogtool build` / Jekyll cold",
                    "`blogtool build --no-cache` / Jekyll cold", "nothing changed",
                    "same URLs as Jekyll"]
    assert found["real blog", "same URLs as Jekyll"][0] == "**met**"
    assert re.search(r"\| real blog \| same URLs as Jekyll \| [^|]+ \| \d+ files, 0 missing, "
                     r"0 extra \|", run.stdout)
    assert "Real blog: fixture jb-permalinks, 1 post files." in run.stdout
    assert re.search(r"`serve` \(3 saves of `_posts/[^`]+`\): page reloaded after \[", run.stdout)
    # the blog was copied, never built in place
    assert not (blog / ".blogtool-cache").exists() and not (blog / "_site").exists()
