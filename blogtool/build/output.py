"""Writing the site: build a complete staging directory beside the destination, then swap.
(``inplace.py`` writes into a live site instead: one file at a time, or a patch.)

Guarantees (README "Errors and safety"): the previous site is untouched until the whole new
site is on disk; unchanged files are hard-linked from the previous build so their mtime stays;
``keep_files`` survive; nothing outside the destination is ever deleted.
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildError

if TYPE_CHECKING:
    from ..errors import Diagnostics
    from ..models import Document, Sources

STAGING_MARK = ".blogtool-staging"


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    static: int = 0
    kept: int = 0
    paths: set[str] = field(default_factory=set)
    # a patched site only: the files replaced and removed in place (what a browser may show)
    replaced: list[str] | None = None
    removed: list[str] | None = None


def check_destination(source: Path, destination: Path) -> None:
    """Refuse a destination that is the source, contains it, or is the filesystem root."""
    src = source.resolve()
    dest = destination.resolve()
    if dest == src or src.is_relative_to(dest):
        raise BuildError(str(destination), None, "the destination must not be the source "
                                                 "folder or contain it")
    if dest == Path(dest.anchor) or dest == Path.home():
        raise BuildError(str(destination), None, "refusing to use this folder as the destination")


def _write_failed(where: Path, exc: OSError) -> BuildError:
    """A destination write that failed (disk full, file too large, read-only): one located
    line, never a traceback; the staging folder is removed by the caller's abort."""
    return BuildError(str(where), None, f"cannot write the new site: "
                                        f"{exc.strerror or exc}; the previous site is intact")


def claim_outputs(docs: list[Document], sources: Sources, generated: list[Document],
                   diagnostics: Diagnostics) -> tuple[dict[str, str], set[str]]:
    """Destination path -> the source that writes it, and the sources that lose their file.

    Two sources writing one file is Jekyll's "Conflict" warning; the file on disk is the one
    Jekyll writes last: pages (in reading order, then generated pages), then static files,
    then collection documents (posts included)."""
    order: list[tuple[str, str]] = []
    writing = {d.rel_path for d in docs}
    order += [(d.rel_path, d.dest) for d in sources.pages + generated if d.rel_path in writing]
    order += [(f.rel_path, f.dest) for f in sources.static_files if f.write]
    order += [(d.rel_path, d.dest) for d in sources.all_documents()
              if d.kind != "page" and d.rel_path in writing]
    outputs: dict[str, str] = {}
    losers: set[str] = set()
    for rel, dest in order:
        if dest in outputs:
            diagnostics.warn(rel, None, f"writes the same file as {outputs[dest]} ({dest}); "
                                        f"this one wins, as in Jekyll")
            losers.add(outputs[dest])
        outputs[dest] = rel
    return outputs, losers


def safe_rel(rel: str) -> str:
    """``rel`` as a clean relative path; one that would leave the destination is an error."""
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts) or not parts:
        raise BuildError(rel, None, "an output path leaves the destination folder")
    return "/".join(parts)


class Staging:
    """A staging directory that becomes the destination on :meth:`commit`."""

    def __init__(self, destination: Path):
        self.destination = destination.resolve()
        self.previous = self.destination if self.destination.is_dir() else None
        self._previous_str = str(self.previous) if self.previous is not None else ""
        parent = self.destination.parent
        parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(parent, self.destination.name)
        self.root = parent / f".{self.destination.name}{STAGING_MARK}-{os.getpid()}"
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir()
        self._root_str = str(self.root)
        (self.root / STAGING_MARK).touch()
        self.stats = WriteStats()
        self._made: set[str] = set()

    def _target(self, rel: str) -> Path:
        return Path(self._target_path(safe_rel(rel)))

    def _target_path(self, rel: str) -> str:
        """The staged file for ``rel`` (already clean), its folder made. Each missing
        folder costs one ``mkdir`` and nothing else (no existence checks on the way)."""
        self.stats.paths.add(rel)
        target = os.path.join(self._root_str, rel)
        parent = os.path.dirname(target)
        made = self._made
        if parent in made:
            return target
        missing = []
        while parent not in made and parent != self._root_str:
            missing.append(parent)
            parent = os.path.dirname(parent)
        for folder in reversed(missing):
            try:
                os.mkdir(folder)
            except FileExistsError:   # another worker made it (or a file is there: the
                pass                  # next mkdir or the file's open says so)
            except OSError as exc:    # e.g. one output is a file where another needs a folder
                raise _write_failed(self.destination / rel, exc) from None
            made.add(folder)
        return target

    def _old(self, rel: str) -> Path | None:
        if self.previous is None:
            return None
        path = os.path.join(self._previous_str, rel)
        try:
            st = os.lstat(path)
        except OSError:
            return None
        return Path(path) if stat.S_ISREG(st.st_mode) else None

    def write(self, rel: str, data: bytes) -> tuple[int, int]:
        """Write one output; identical bytes are linked from the previous build (so the
        file keeps its mtime). Returns the staged file's size and mtime (ns)."""
        rel = safe_rel(rel)
        target = self._target_path(rel)
        old = self._old(rel)
        if old is not None:
            try:
                st = old.stat()
                if st.st_size == len(data) and old.read_bytes() == data:
                    _unlink_if_there(target)
                    os.link(old, target)
                    self.stats.unchanged += 1
                    return st.st_size, st.st_mtime_ns
            except OSError:
                pass
        try:
            mtime = _write_new(target, data)
        except OSError as exc:
            raise _write_failed(self.destination / rel, exc) from None
        self.stats.written += 1
        return len(data), mtime

    def link_previous(self, rel: str, size: int | None, mtime_ns: int | None) -> bool:
        """Reuse the previous build's file when it is exactly the one a cache entry recorded
        (same size and mtime): a warm build then renders and reads nothing."""
        if size is None or mtime_ns is None or self.previous is None:
            return False
        rel = safe_rel(rel)
        old = self._recorded(rel, size, mtime_ns)
        if old is None:
            return False
        try:
            target = self._target(rel)
            os.link(old, target)
        except OSError:
            return False
        self.stats.unchanged += 1
        return True

    def _recorded(self, rel: str, size: int, mtime_ns: int) -> str | None:
        """The previous build's file at ``rel`` when it is a regular file of the recorded
        size and mtime (one lstat), else None."""
        path = os.path.join(self._previous_str, rel)
        try:
            st = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size != size or st.st_mtime_ns != mtime_ns:
            return None
        return path

    def copy(self, rel: str, source_file: str | Path) -> None:
        """Copy a static file, or link the previous copy when it is the same file."""
        target = self._target(rel)
        src = Path(source_file)
        old = self._old(safe_rel(rel))
        try:
            st = src.stat()
            if old is not None:
                ost = old.stat()
                if ost.st_size == st.st_size and int(ost.st_mtime) == int(st.st_mtime):
                    if target.exists():
                        target.unlink()
                    os.link(old, target)
                    self.stats.static += 1
                    return
            if target.exists():
                target.unlink()
            shutil.copy2(src, target)
        except OSError as exc:
            raise BuildError(str(src), None, f"cannot copy to the destination: "
                                             f"{exc.strerror}; the previous site is "
                                             f"intact") from None
        self.stats.static += 1

    def keep(self, keep_files: Iterable[str]) -> None:
        """Carry ``keep_files`` entries (and anything under them) over from the old site."""
        if self.previous is None:
            return
        prefixes = tuple(k.strip("/") for k in keep_files if k and k.strip("/"))
        if not prefixes:
            return
        for dirpath, dirnames, filenames in self._keep_candidates(prefixes):
            rel_dir = os.path.relpath(dirpath, self.previous).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir
            links = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            for name in filenames + links:
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if not any(rel == p or rel.startswith(p + "/") or rel.startswith(p)
                           for p in prefixes):
                    continue
                if rel in self.stats.paths:
                    continue
                target = self.root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                src = os.path.join(dirpath, name)
                try:
                    if os.path.islink(src):
                        os.symlink(os.readlink(src), target)
                    else:
                        os.link(src, target)
                except OSError:
                    shutil.copy2(src, target)
                self.stats.kept += 1

    def _keep_candidates(self, prefixes: tuple[str, ...]):
        """``os.walk`` tuples for only the parts of the old site a keep prefix can match
        (Jekyll matches keep_files as path prefixes): a site with no ``.git`` in it costs one
        directory listing, not a walk of every page."""
        seen: set[str] = set()
        assert self.previous is not None, "only a site with a previous build keeps files"
        for prefix in prefixes:
            parent, _, base = prefix.rpartition("/")
            top = self.previous / parent if parent else self.previous
            try:
                names = sorted(os.listdir(top))
            except OSError:
                continue
            for name in names:
                if not name.startswith(base):
                    continue
                path = os.path.join(top, name)
                if path in seen:
                    continue
                seen.add(path)
                if os.path.isdir(path) and not os.path.islink(path):
                    yield from os.walk(path)
                else:
                    yield str(top), [], [name]

    def commit(self) -> None:
        """Swap the staging directory in; the old site is removed only after the swap."""
        (self.root / STAGING_MARK).unlink()
        dest = self.destination
        if dest.exists() or dest.is_symlink():
            old = dest.parent / f".{dest.name}.old-{os.getpid()}"
            if old.exists():
                shutil.rmtree(old)
            os.rename(dest, old)
            try:
                os.rename(self.root, dest)
            except OSError:
                os.rename(old, dest)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.root, dest)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _exclusive(path: str, flags: int) -> int:
    """Open a new file only: a file (or link) already at ``path`` is never written through."""
    return os.open(path, flags | os.O_EXCL, 0o666)


def _write_new(target: str, data: bytes) -> int:
    """Write ``data`` to a new file at ``target`` (one already there, perhaps a link to the
    previous build's file, is unlinked first, never written through); its mtime in ns.
    No existence check first, and an unbuffered file: a buffered one's set-up also asks the
    new file whether it is a terminal and where it stands (two more system calls a file)."""
    try:
        fh = open(target, "wb", buffering=0, opener=_exclusive)
    except FileExistsError:
        os.unlink(target)
        fh = open(target, "wb", buffering=0, opener=_exclusive)
    with fh:
        view = memoryview(data)
        while view:
            written = fh.write(view)
            if not written:     # a regular file takes some bytes or raises
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            view = view[written:]
        return os.fstat(fh.fileno()).st_mtime_ns


def _unlink_if_there(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _clean_stale(parent: Path, name: str) -> None:
    """Remove staging folders a crashed build left (they carry the marker file)."""
    prefix = f".{name}{STAGING_MARK}-"
    old_prefix = f".{name}.old-"
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and (entry / STAGING_MARK).exists():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(old_prefix) and entry.is_dir():
            pid = entry.name[len(old_prefix):]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
