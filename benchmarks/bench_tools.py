"""The tools ``bench.py`` times and their command lines: blogtool (cold and warm, with the
search index on or off), Jekyll, Hugo and the I/O floor (read every post, write one file per
post), their environment (a UTF-8 locale), their caches, and clearing them before a cold run.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: The benchmark's program; the I/O floor runs it with ``--floor-copy``.
BENCH = HERE / "bench.py"
TOOL_ORDER = ("blogtool", "blogtool-search", "jekyll", "hugo", "floor")
TOOL_LABELS = {"blogtool": "blogtool", "blogtool-search": "blogtool + search",
               "jekyll": "Jekyll", "hugo": "Hugo", "floor": "I/O floor"}
DEFAULT_BLOGTOOL_CMD = "blogtool build -s {src} -d {out} --no-cache"
DEFAULT_BLOGTOOL_WARM_CMD = "blogtool build -s {src} -d {out}"
#: Used when no `blogtool` script is on PATH: the console-script entry point, run in place.
BLOGTOOL_FALLBACK = [sys.executable, "-c",
                     "import sys; from blogtool.cli import main; sys.argv[0] = 'blogtool'; "
                     "sys.exit(main())"]


def floor_copy(posts: Path, out: Path) -> int:
    """Read every post and write its bytes to ``out/<name>/index.html``: a build's bare I/O."""
    count = 0
    for entry in sorted(os.scandir(posts), key=lambda e: e.name):
        if not entry.is_file():
            continue
        with open(entry.path, "rb") as fh:
            data = fh.read()
        target = out / entry.name.rsplit(".", 1)[0]
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_bytes(data)
        count += 1
    return count


@dataclass
class Tool:
    """How to build one corpus with one tool, cold (and warm for blogtool)."""

    name: str
    src: Path
    out: Path
    cold: list[str]
    warm: list[str] | None
    env: dict[str, str]
    cache_dirs: tuple[str, ...]  # relative to the source, removed before a cold build
    available: bool = True
    why_unavailable: str = ""


def utf8_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for tools: a UTF-8 locale (Ruby reads CJK files by it)."""
    env = dict(os.environ)
    env.setdefault("LANG", "C.UTF-8")
    env["LC_ALL"] = env.get("LC_ALL") or "C.UTF-8"
    env.update(extra or {})
    return env


def blogtool_argv(template: str, src: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """Expand the configurable blogtool command; run in place if no script is installed."""
    argv = [a.format(src=src, out=out) for a in shlex.split(template)]
    env: dict[str, str] = {}
    beside = Path(sys.executable).with_name("blogtool")   # not a version manager's shim
    if argv and argv[0] == "blogtool" and beside.is_file():
        argv[0] = str(beside)
    elif argv and argv[0] == "blogtool" and shutil.which("blogtool") is None:
        argv = BLOGTOOL_FALLBACK + argv[1:]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO),
                                                          os.environ.get("PYTHONPATH")]))
    return argv, env


def make_tool(name: str, src: Path, out: Path, args: argparse.Namespace) -> Tool:
    """The command lines for ``name`` building ``src`` into ``out``."""
    if name in ("blogtool", "blogtool-search"):
        cold, env = blogtool_argv(args.blogtool_cmd, src, out)
        warm = None if args.no_warm or name != "blogtool" else \
            blogtool_argv(args.blogtool_warm_cmd, src, out)[0]
        if args.search:      # the search index (Pagefind) off in one row, on in the other
            cold = cold + _search_config(src, args.work, name == "blogtool-search")
            warm = warm + _search_config(src, args.work, False) if warm else None
        return Tool(name, src, out, cold, warm, utf8_env(env), (".blogtool-cache",))
    if name == "jekyll":
        tool = Tool(name, src, out, ["jekyll", "build", "-s", str(src), "-d", str(out)], None,
                    utf8_env({"JEKYLL_NO_BUNDLER_REQUIRE": "true"}), (".jekyll-cache",))
    elif name == "hugo":
        tool = Tool(name, src, out, ["hugo", "-s", str(src), "-d", str(out)], None,
                    utf8_env(), ("resources", ".hugo_build.lock"))
    elif name == "floor":
        return Tool(name, src, out, [sys.executable, str(BENCH),
                                     "--floor-copy", str(src / "_posts"), str(out)],
                    None, utf8_env(), ())
    else:
        raise ValueError(f"unknown tool {name!r}")
    if shutil.which(tool.cold[0]) is None:
        tool.available, tool.why_unavailable = False, f"`{tool.cold[0]}` not installed"
    return tool


def _search_config(src: Path, work: Path, on: bool) -> list[str]:
    """``--config`` arguments: the corpus's configuration, then search switched on or off."""
    extra = work / f"search-{'on' if on else 'off'}.yml"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(f"blogtool:\n  search: {'true' if on else 'false'}\n", encoding="utf-8")
    return ["--config", f"{src / '_config.yml'},{extra}"]


def remove_path(path: Path) -> None:
    """Remove a file or directory if present."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class Trash:
    """Clears outputs and caches between timed runs by renaming them into one folder, which
    is emptied only after the last run.

    Deleting thousands of files just before a timed build can make that build pay for the
    deletion: on ext4 without a journal (this benchmark's machine), each new inode is sought
    past every inode freed in the last minute or so, so a build writing 12,000 files and
    folders right after ``rm -rf`` of as many spent 2-7 s of system time in the kernel's
    inode search (``recently_deleted``, ``find_inode_bit``), varying run to run, against
    0.3-0.4 s with nothing freed. A user's ``_site`` on a journaled file system never pays
    that, and neither tool should here. A path on another file system is deleted at once.

    The kernel counts an inode as recently freed for a minute once its table is written back
    (5 minutes while it is not), so a run started right after another one emptied its trash
    would pay for that: :meth:`settle` waits out the minute after the last emptying, which
    syncs the file system and notes its time in ``stamp`` (:meth:`stamp_for`: one note per
    file system; by default beside the folder)."""

    SETTLE = 65.0      # seconds after an emptying (synced) before a timed run

    def __init__(self, folder: Path, stamp: Path | None = None):
        self.folder = folder
        # when a trash was last emptied on this file system (any work folder's): ``stamp``
        self.stamp = stamp or folder.with_name(folder.name + ".emptied")
        self._count = 0

    @staticmethod
    def stamp_for(folder: Path) -> Path:
        """One note per file system, shared by every benchmark run on it (the inodes freed
        are the file system's, whichever work folder they were in)."""
        folder.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.gettempdir()) / f"blogtool-bench-emptied-{os.stat(folder).st_dev}"

    def remove(self, path: Path) -> None:
        """Move ``path`` (file, folder or link) out of the way, if present."""
        if not (path.exists() or path.is_symlink()):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._count += 1
        try:
            path.rename(self.folder / f"{self._count:05d}-{path.name}")
        except OSError:          # another file system, say: delete it now
            remove_path(path)

    def empty(self) -> None:
        """Delete what was moved here (after the timed runs), and note when."""
        if not (self.folder.exists() or self.folder.is_symlink()):
            return
        remove_path(self.folder)
        os.sync()
        self.stamp.write_text(f"{time.time():.3f}\n", encoding="utf-8")

    def settle(self, sleep: Callable[[float], None] = time.sleep) -> float:
        """Wait until the last emptying is :attr:`SETTLE` seconds old; the seconds waited."""
        try:
            emptied = float(self.stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0.0
        wait = min(self.SETTLE, emptied + self.SETTLE - time.time())
        if wait <= 0:
            return 0.0
        print(f"waiting {wait:.0f} s: files were deleted in this file system "
              f"{self.SETTLE - wait:.0f} s ago", file=sys.stderr)
        sleep(wait)
        return wait


def count_files(root: Path) -> int:
    """Files a build wrote: a tool that "succeeds" writing nothing must be visible."""
    return sum(len(files) for _, _, files in os.walk(root))
