"""Bad input follows "Jekyll's line": what real Jekyll 4.3.1 stops on makes ``blogtool build``
exit 1 with one ``file:line: sentence`` on stderr; what Jekyll skips with a message is a
``file:line: warning: sentence`` and exit 0, and ``--strict`` makes it exit 1. Never a
traceback. After every failure the previous ``_site`` is byte-identical (same files, same
bytes, same mtimes) and no staging folder is left beside it.

Jekyll's outcome for each case was checked against Jekyll 4.3.1 (``test_jekyll_agrees``
re-checks the stop/continue side of it on this machine).

The unreadable file is a symbolic link to itself (``loop.md -> loop.md``): ``open`` fails with
ELOOP even for root, where ``chmod 000`` is not enforced. Jekyll stops on it
(``Errno::ELOOP``).
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from compat import build_blogtool, build_jekyll

LAYOUT = "<html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n"


def make_site(root: Path) -> Path:
    """A small valid site: two posts, a page, a layout, a static file."""
    files = {
        "_config.yml": "title: errors\n",
        "_layouts/default.html": LAYOUT,
        "_posts/2014-10-13-first.md": "---\nlayout: default\ntitle: First\n---\nFirst post.\n",
        "_posts/2014-10-14-second.md": "---\nlayout: default\ntitle: Second\n---\nSecond.\n",
        "about.md": "---\nlayout: default\ntitle: About\n---\nAbout.\n",
        "assets/app.css": "body {}\n",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8")


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            out[str(p.relative_to(root))] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def leftovers(dest: Path) -> list[str]:
    """Staging or swap folders a build left beside the destination."""
    return sorted(p.name for p in dest.parent.iterdir()
                  if p.name != dest.name and dest.name in p.name)


@dataclass(frozen=True)
class Case:
    id: str
    breaks: Callable[[Path], None]
    path: str                 # file the message names
    line: int | None          # its line, None when the cause has no line (a file name)
    words: str                # a phrase the sentence contains
    jekyll_stops: bool        # True: error (exit 1); False: warning (exit 0, --strict 1)


def _symlink_loop(src: Path) -> None:
    os.symlink("loop.md", src / "loop.md")


CASES = [
    Case("broken-yaml-post",
         lambda s: write(s / "_posts/2014-10-15-broken.md",
                         "---\ntitle: [unclosed\n---\nBody.\n"),
         "_posts/2014-10-15-broken.md", 2, "YAML", jekyll_stops=False),
    Case("broken-yaml-config", lambda s: write(s / "_config.yml", "title: [unclosed\n"),
         "_config.yml", 1, "YAML", jekyll_stops=True),
    Case("bad-date-in-file-name",
         lambda s: write(s / "_posts/2014-13-45-bad.md", "---\ntitle: Bad\n---\nx\n"),
         "_posts/2014-13-45-bad.md", None, "date", jekyll_stops=True),
    Case("bad-date-in-front-matter",
         lambda s: write(s / "_posts/2014-10-15-bad.md",
                         "---\ntitle: Bad\ndate: not a date\n---\nx\n"),
         "_posts/2014-10-15-bad.md", 3, "date", jekyll_stops=True),
    Case("unknown-layout",
         lambda s: write(s / "_posts/2014-10-15-nolayout.md",
                         "---\ntitle: x\nlayout: missing\n---\nx\n"),
         "_posts/2014-10-15-nolayout.md", 3, "layout", jekyll_stops=False),
    Case("unknown-permalink-placeholder",
         lambda s: write(s / "_posts/2014-10-15-perma.md",
                         "---\ntitle: x\npermalink: /:foo/:title/\n---\nx\n"),
         "_posts/2014-10-15-perma.md", 3, ":foo", jekyll_stops=True),
    Case("liquid-syntax-error",
         lambda s: write(s / "_posts/2014-10-15-liquid.md",
                         "---\ntitle: x\n---\nline one\n{% if x %}\nnever closed\n"),
         "_posts/2014-10-15-liquid.md", 5, "if", jekyll_stops=True),
    Case("gbk-page", lambda s: write(s / "gbk.md", "---\ntitle: x\n---\n中文内容\n".encode("gbk")),
         "gbk.md", 4, "UTF-8", jekyll_stops=True),
    Case("unreadable-file", _symlink_loop, "loop.md", None, "read", jekyll_stops=True),
]


def _message_lines(stderr: str, path: str, warning: bool) -> tuple[list[str], list[str | None]]:
    """The ``path[:line]: [warning: ]sentence`` lines naming ``path``, and their line numbers."""
    kind = r" warning:" if warning else ""
    pattern = re.compile(rf"^{re.escape(path)}(?::(\d+))?:{kind} (?!warning:)\S.*$", re.M)
    return [m.group(0) for m in pattern.finditer(stderr)], [m.group(1) for m in pattern.finditer(stderr)]


@pytest.fixture
def built(tmp_path: Path):
    """A site built once successfully; returns (source, destination, snapshot)."""
    src = make_site(tmp_path / "src")
    dest = tmp_path / "out" / "_site"
    run = build_blogtool(src, dest)
    assert run.ok, run.describe()
    return src, dest, snapshot(dest)


def _assert_clean_output(run) -> None:
    both = run.stdout + run.stderr
    assert "Traceback" not in both, both
    assert 'File "' not in both, both


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome_and_message(built, case: Case):
    src, dest, before = built
    case.breaks(src)
    run = build_blogtool(src, dest)
    _assert_clean_output(run)
    if case.jekyll_stops:
        assert run.returncode == 1, run.describe()
        assert snapshot(dest) == before, "the previous site changed after a failed build"
    else:
        assert run.returncode == 0, run.describe()
    lines, numbers = _message_lines(run.stderr, case.path, warning=not case.jekyll_stops)
    assert lines, f"no '{case.path}:line: ...' message:\n{run.stderr}"
    assert case.words.lower() in lines[0].lower(), lines[0]
    if case.line is not None:
        assert numbers[0] is not None and int(numbers[0]) in (case.line, case.line + 1), \
            f"expected line {case.line}: {lines[0]}"
    assert not leftovers(dest), leftovers(dest)


@pytest.mark.parametrize("case", [c for c in CASES if not c.jekyll_stops], ids=lambda c: c.id)
def test_strict_turns_warnings_into_errors(built, case: Case):
    src, dest, before = built
    case.breaks(src)
    run = build_blogtool(src, dest, args=("--strict",))
    _assert_clean_output(run)
    assert run.returncode == 1, run.describe()
    lines, _ = _message_lines(run.stderr, case.path, warning=False)
    assert lines, run.stderr
    assert snapshot(dest) == before
    assert not leftovers(dest), leftovers(dest)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_jekyll_agrees(tmp_path: Path, case: Case):
    """Real Jekyll stops (exit 1) exactly on the cases marked so."""
    src = make_site(tmp_path / "src")
    case.breaks(src)
    run = build_jekyll(src, tmp_path / "jekyll-out")
    assert (run.returncode != 0) == case.jekyll_stops, run.describe()


def test_warning_case_builds_the_rest(built):
    """Jekyll builds a post with broken front matter without it; so does blogtool."""
    src, dest, _ = built
    CASES[0].breaks(src)
    run = build_blogtool(src, dest)
    assert run.ok, run.describe()
    assert (dest / "2014/10/13/first.html").is_file()
    assert any("broken" in p for p in snapshot(dest))


def test_destination_inside_source_is_refused(tmp_path: Path):
    src = make_site(tmp_path / "src")
    for dest in (src, src.parent):
        run = build_blogtool(src, dest)
        _assert_clean_output(run)
        assert run.returncode == 1, run.describe()
        assert "destination" in run.stderr
    assert (src / "_posts/2014-10-13-first.md").is_file()


def test_missing_config_file_named_on_the_command_line(tmp_path: Path):
    src = make_site(tmp_path / "src")
    run = build_blogtool(src, tmp_path / "out", args=("--config", str(tmp_path / "nope.yml")))
    _assert_clean_output(run)
    assert run.returncode == 1
    assert "nope.yml" in run.stderr
