"""Materialise a catalogue case as a site on disk, and run blogtool or Jekyll on it.

Kept apart from the table (``catalogue.py``) so the table stays data: files are bytes or text,
or one of the small markers below for what a file cannot hold in git (a symbolic link, a FIFO,
a folder where a file is expected, a generated 10 MB post).
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Union

JEKYLL_LAYOUT = "<!DOCTYPE html>\n<html><body>\n{{ content }}\n</body></html>\n"

# The site every case starts from: a Jekyll site (own _layouts) with one page and one post.
JEKYLL_BASE: dict[str, str] = {
    "_config.yml": "title: Bad input\ntimezone: UTC\n",
    "_layouts/default.html": JEKYLL_LAYOUT,
    "index.md": "---\nlayout: default\ntitle: Home\n---\nhello GOOD-INDEX\n",
    "_posts/2020-01-01-good.md": "---\nlayout: default\ntitle: Good\n---\nGOOD-POST body\n",
}

# The same without _layouts/: blogtool's own theme (tag pages, archives, feed).
THEME_BASE: dict[str, str] = {
    "_config.yml": "title: Bad input\ntimezone: UTC\n",
    "index.md": "---\ntitle: Home\n---\nhello GOOD-INDEX\n",
    "_posts/2020-01-01-good.md": "---\ntitle: Good\ntags: [ok]\n---\nGOOD-POST body\n",
}


@dataclass(frozen=True)
class Symlink:
    """A symbolic link; ``target`` is written as is (relative to the link's folder)."""
    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would block forever without a writer."""


@dataclass(frozen=True)
class Folder:
    """An empty folder where a file is expected (reading it fails with EISDIR)."""


@dataclass(frozen=True)
class Generated:
    """Content made when the case is materialised (too big to keep in the table)."""
    make: Callable[[], bytes]


FileSpec = Union[str, bytes, Symlink, Fifo, Folder, Generated, None]  # noqa: UP007 - runtime alias


def materialise(root: Path, base: Mapping[str, str], files: Mapping[str, FileSpec]) -> Path:
    """Write ``base`` overlaid with ``files`` (``None`` deletes a base file) under ``root``."""
    merged: dict[str, FileSpec] = dict(base)
    merged.update(files)
    root.mkdir(parents=True, exist_ok=True)
    for rel, spec in merged.items():
        if spec is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            path.write_bytes(spec.encode("utf-8"))
        elif isinstance(spec, bytes):
            path.write_bytes(spec)
        elif isinstance(spec, Symlink):
            os.symlink(spec.target, path)
        elif isinstance(spec, Fifo):
            os.mkfifo(path)
        elif isinstance(spec, Folder):
            path.mkdir(parents=True, exist_ok=True)
        elif isinstance(spec, Generated):
            path.write_bytes(spec.make())
        else:  # pragma: no cover - a table typo
            raise TypeError(f"{rel}: unknown file spec {spec!r}")
    return root


def _limit_file_size(limit: int | None) -> Callable[[], None] | None:
    """A ``preexec_fn`` that caps the size of any file the child writes (RLIMIT_FSIZE): the
    kernel then fails the write with EFBIG, a real "disk full" for one process, even as root."""
    if limit is None:
        return None

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def blogtool_command() -> list[str]:
    """The installed console script, or the same entry point through this interpreter."""
    script = shutil.which("blogtool")
    if script:
        return [script]
    return [sys.executable, "-c", "import sys; from blogtool.cli import main; "
                                  "sys.argv[0] = 'blogtool'; main()"]


def run_blogtool(source: Path, dest: Path, args: tuple[str, ...] = (), *,
                 file_size_limit: int | None = None, timeout: float = 60.0,
                 cwd: Path | None = None) -> Run:
    """``blogtool build`` through the real command line (a subprocess), one worker, no cache."""
    cmd = [*blogtool_command(), "build", "-s", str(source), "-d", str(dest), "--no-cache",
           "-j", "1", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          cwd=str(cwd or source.parent), preexec_fn=_limit_file_size(
                              file_size_limit), env={**os.environ, "PYTHONHASHSEED": "0"})
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_jekyll(source: Path, dest: Path, *, file_size_limit: int | None = None,
               timeout: float = 60.0) -> Run:
    """Real Jekyll 4.3.1 on the same site (no Bundler)."""
    env = {**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true", "LANG": "C.UTF-8"}
    proc = subprocess.run(["jekyll", "build", "-s", str(source), "-d", str(dest)],
                          capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=str(source.parent), preexec_fn=_limit_file_size(file_size_limit),
                          errors="replace")
    return Run(proc.returncode, proc.stdout, proc.stderr)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (symlinks as their target)."""
    out: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            out[rel] = (b"->" + os.readlink(path).encode()) if path.is_symlink() \
                else path.read_bytes()
    return out
