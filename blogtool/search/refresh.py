"""The search index of a site patched in place, brought up to date after its pages (serve).

``blogtool build`` indexes the new site before it goes live. ``serve`` does not wait for the
indexer: its rebuild puts the pages in place and sends the reload, then :class:`Refresh` runs
Pagefind over the live site into a folder beside the bundle and moves the new bundle in, file
by file, in an order that keeps every search complete: the new fragment, index and meta files
first (new names, nothing refers to them yet), then ``pagefind-entry.json``, which switches
searches to them, then the digest of what the bundle was made from; the old files nobody
refers to any more go last. A failure, or a new save that cancels the run, leaves the old
bundle as it was.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import BuildError
from .pagefind import (
    _HASHED,
    BUNDLE,
    MANIFEST,
    SCRIPT,
    SCRIPT_NAME,
    TIMEOUT,
    _bundle_files,
    _glob,
    _manifest,
    check_own_folder,
    command,
    executable,
    failed,
    live_manifest,
)

__all__ = ["Refresh", "plan_refresh"]

ENTRY = "pagefind-entry.json"     # names the meta file, which names the index files


def plan_refresh(staged: Path, live: Path, pages: Iterable[str]
                 ) -> tuple[list[str], Refresh | None]:
    """For a site patched in place (``staged`` holds the changed files, ``live`` the site):
    the live bundle's paths, which stay outputs of this build, and the run that brings the
    bundle up to date once the pages are live (None when it already is: no indexed page
    changed)."""
    exe = executable()
    wanted = sorted(set(pages))
    if not wanted:
        return [], None
    check_own_folder(staged)
    kept = [f"{BUNDLE}/{rel}" for rel in _bundle_files(live / BUNDLE)]
    # a staged page keeps its size and mtime when it is renamed into the live site
    manifest = _manifest(staged, live, wanted, exe, set(_bundle_files(staged)))
    if live_manifest(live) == manifest:
        return kept, None
    return kept, Refresh(live, wanted, manifest, exe)


class Refresh:
    """One run of the indexer over the live ``site``: :meth:`start` it, then :meth:`finish`
    (wait and move the bundle in) or :meth:`cancel`. ``on_swap`` hears the bundle's paths
    after a swap (the build records them as the site's outputs)."""

    def __init__(self, site: Path, pages: list[str], manifest: str, exe: str):
        self.site, self.pages, self.manifest, self.exe = site, pages, manifest, exe
        self.out = site / f".{BUNDLE}-{os.getpid()}.new"
        self.on_swap: Callable[[list[str]], None] | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None
        self._cwd: str | None = None
        self._outcome: tuple[int, str, str] = (-1, "", "not started")

    def start(self, done: Callable[[], None] | None = None) -> None:
        """Run the indexer in the background; ``done`` is called (on another thread) when it
        has exited."""
        shutil.rmtree(self.out, ignore_errors=True)
        self._cwd = tempfile.mkdtemp(prefix="blogtool-pagefind-")
        words = command(self.exe, self.site, self.out, self._cwd, glob=_glob(self.pages))
        nice = shutil.which("nice")
        if nice:        # the server, answering the reloads the pages just sent, goes first
            words = [nice, "-n", "10", *words]
        try:
            self._proc = subprocess.Popen(words, cwd=self._cwd, text=True,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as exc:
            self._outcome = (-1, "", f"cannot run pagefind ({exc.strerror or exc})")
            if done:
                done()
            return
        self._thread = threading.Thread(target=self._wait, args=(done,), daemon=True,
                                        name="blogtool-search-index")
        self._thread.start()

    def _wait(self, done: Callable[[], None] | None) -> None:
        assert self._proc is not None
        try:
            out, err = self._proc.communicate(timeout=TIMEOUT)
            self._outcome = (self._proc.returncode, out, err)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            self._outcome = (-1, "", f"took over {TIMEOUT} s")
        if done:
            done()

    def finished(self) -> bool:
        return self._thread is None or not self._thread.is_alive()

    def cancel(self) -> None:
        """Stop the indexer (a newer build makes its work moot) and clean up; the live
        bundle is untouched."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
        if self._thread is not None:
            self._thread.join()
        self._clean()

    def finish(self) -> list[str]:
        """Wait for the indexer, then move the new bundle in; returns the site files replaced
        or removed. Raises :class:`BuildError` (the old bundle untouched) when it failed."""
        if self._thread is not None:
            self._thread.join()
        try:
            reason = failed(*self._outcome, self.out)
            if reason:
                raise BuildError(BUNDLE, None, f"the search index failed: {reason}; the "
                                               f"pages are up to date, the index is not")
            shutil.copyfile(SCRIPT, self.out / SCRIPT_NAME)
            (self.out / MANIFEST).write_text(self.manifest, encoding="utf-8")
            changed = swap(self.out, self.site / BUNDLE)
            if self.on_swap is not None:
                self.on_swap([f"{BUNDLE}/{rel}" for rel in _bundle_files(self.site / BUNDLE)])
            return changed
        finally:
            self._clean()

    def _clean(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        if self._cwd is not None:
            shutil.rmtree(self._cwd, ignore_errors=True)
            self._cwd = None


def swap(new: Path, bundle: Path) -> list[str]:
    """Move the bundle in ``new`` over ``bundle`` (see the module's docstring for the order);
    returns the site paths replaced or removed."""
    fresh = _bundle_files(new)
    old = set(_bundle_files(bundle)) if bundle.is_dir() else set()
    last = [rel for rel in (ENTRY, MANIFEST) if rel in fresh]
    changed = []
    for rel in [rel for rel in fresh if rel not in last] + last:
        target = bundle / rel
        if rel in old and (rel.startswith(_HASHED) or _same(new / rel, target)):
            continue        # hashed names: an equal name is an equal file
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new / rel, target)
        changed.append(f"{BUNDLE}/{rel}")
    for rel in sorted(old - set(fresh)):
        target = bundle / rel
        try:
            target.unlink()
        except OSError:
            continue
        changed.append(f"{BUNDLE}/{rel}")
        if target.parent != bundle:
            try:
                target.parent.rmdir()     # only when it is empty
            except OSError:
                pass
    return changed


def _same(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False
