"""Bad input through the real command line: every case of ``tests/bad_input/catalogue.py``
(Jekyll 4.3.1's verified outcome beside blogtool's) is built with ``blogtool build`` in a
subprocess over a previous site, and must give

* one ``file:line: sentence`` line per problem, never a traceback (unless ``--trace``);
* exit status 1 for an error, 0 for a warning or nothing; ``--strict`` makes a warning an error;
* after an error, the previous site byte-identical and no staging folder left beside it.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from catalogue import CASES, Case
from sitegen import JEKYLL_BASE, THEME_BASE, materialise, run_blogtool, snapshot

# file[:line]: warning: sentence   |   file[:line]: sentence
_WARNING_LINE = re.compile(r"^\S.*?(:\d+)?: warning: \S")
_ERROR_LINE = re.compile(r"^\S.*?(:\d+)?: \S")


@pytest.fixture(scope="module")
def previous_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The base sites built once: each case starts from one of them as its previous _site."""
    root = tmp_path_factory.mktemp("previous")
    out = {}
    for name, base in (("jekyll", JEKYLL_BASE), ("theme", THEME_BASE)):
        source = materialise(root / f"{name}-src", base, {})
        run = run_blogtool(source, root / f"{name}-site")
        assert run.returncode == 0, run.stderr
        out[name] = root / f"{name}-site"
    return out


def _staging_leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.parent.iterdir()
                  if p.name.startswith(f".{dest.name}.blogtool-staging")
                  or p.name.startswith(f".{dest.name}.old-"))


def _problem_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


def _prepare(case: Case, tmp_path: Path, previous_sites: dict[str, Path]) -> tuple[Path, Path,
                                                                                    Path]:
    """Source, destination, and the folder whose bytes must survive an error."""
    source = materialise(tmp_path / "site", THEME_BASE if case.base == "theme" else JEKYLL_BASE,
                         case.files)
    if case.dest == "source":
        return source, source, source
    if case.dest == "parent":
        return source, tmp_path, tmp_path
    dest = tmp_path / "out"
    shutil.copytree(previous_sites[case.base], dest)
    return source, dest, dest


def _assert_located(line: str, case: Case) -> None:
    assert line.startswith(case.where + ":" if case.where else ""), line
    assert case.says in line, line


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, tmp_path: Path, previous_sites: dict[str, Path]) -> None:
    source, dest, guarded = _prepare(case, tmp_path, previous_sites)
    before = snapshot(guarded)
    run = run_blogtool(source, dest, file_size_limit=case.file_size_limit)
    lines = _problem_lines(run.stderr)
    assert "Traceback" not in run.stderr and "Error:" not in run.stderr[:6], run.stderr
    if case.expect == "error":
        assert run.returncode == 1, (run.stdout, run.stderr)
        assert len(lines) == 1, run.stderr
        assert _ERROR_LINE.match(lines[0]) and ": warning:" not in lines[0], lines[0]
        _assert_located(lines[0], case)
        assert snapshot(guarded) == before, "the previous site changed after an error"
        assert _staging_leftovers(dest) == []
        assert run.stdout == ""
        return
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Built "), run.stdout
    assert _staging_leftovers(dest) == []
    if case.expect == "ok":
        assert lines == [], run.stderr
    else:
        assert lines and all(_WARNING_LINE.match(ln) for ln in lines), run.stderr
        assert any(ln.startswith(case.where + ":") and case.says in ln for ln in lines), \
            run.stderr
        # --strict: the same warning is now the one error, and the site just built survives
        built = snapshot(dest)
        strict = run_blogtool(source, dest, ("--strict",), file_size_limit=case.file_size_limit)
        strict_lines = _problem_lines(strict.stderr)
        assert strict.returncode == 1, strict.stderr
        assert len(strict_lines) == 1 and ": warning:" not in strict_lines[0], strict.stderr
        assert strict_lines[0].startswith(case.where + ":"), strict_lines[0]
        assert "Traceback" not in strict.stderr
        assert snapshot(dest) == built
        assert _staging_leftovers(dest) == []
    if case.check:
        CHECKS[case.check](source, dest, tmp_path)


# --- extra checks named by the catalogue ---------------------------------------------------

def _gbk_written_as_utf8(source: Path, dest: Path, tmp_path: Path) -> None:
    html = (dest / "2020/02/02/case.html").read_bytes().decode("utf-8")
    assert "排查日志与线程栈" in html and "编码" not in html[:0]


def _page_without_front_matter(source: Path, dest: Path, tmp_path: Path) -> None:
    html = (dest / "about.html").read_text("utf-8")
    assert "CASE-BODY" in html and "unclosed" not in html


def _inside(dest: Path, tmp_path: Path) -> None:
    """Nothing was written beside the destination, and every output is a real file in it."""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]
    real = dest.resolve()
    for path in dest.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(real), path


def _nothing_outside_destination(source: Path, dest: Path, tmp_path: Path) -> None:
    _inside(dest, tmp_path)
    assert any("ESCAPE" in p.read_text("utf-8", "replace") for p in dest.rglob("*.html")) or \
        any("CASE-BODY" in p.read_text("utf-8", "replace") for p in dest.rglob("*.html"))


def _tag_pages_inside_destination(source: Path, dest: Path, tmp_path: Path) -> None:
    _inside(dest, tmp_path)
    pages = [p for p in dest.rglob("index.html") if "tags" in p.relative_to(dest).parts]
    # the 'ok' tag of the good post and the hostile tags each have a page under tags/
    assert len(pages) >= 5, pages


def _year_zero_url(source: Path, dest: Path, tmp_path: Path) -> None:
    assert (dest / "0000/01/01/zero.html").is_file()


CHECKS = {
    "year_zero_url": _year_zero_url,
    "gbk_written_as_utf8": _gbk_written_as_utf8,
    "page_without_front_matter": _page_without_front_matter,
    "nothing_outside_destination": _nothing_outside_destination,
    "tag_pages_inside_destination": _tag_pages_inside_destination,
}


def test_catalogue_is_complete() -> None:
    """At least 40 cases, unique ids, outcomes from the allowed set, every check known."""
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    for case in CASES:
        assert case.jekyll in ("error", "warning", "ok", "hang"), case.id
        assert case.expect in ("error", "warning", "ok"), case.id
        assert case.expect == case.jekyll or case.differs, case.id
        assert not case.check or case.check in CHECKS, case.id
        assert case.expect == "ok" or case.says, case.id


def test_trace_shows_the_traceback_then_the_line(tmp_path: Path) -> None:
    source = materialise(tmp_path / "site", JEKYLL_BASE,
                         {"_posts/2014-13-45-bad.md": "---\ntitle: bad\n---\nx\n"})
    run = run_blogtool(source, tmp_path / "out", ("--trace",))
    assert run.returncode == 1
    assert "Traceback (most recent call last)" in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("_posts/2014-13-45-bad.md: invalid date")
