"""Watching the source tree: watchdog 7 events -> debounced sets of changed source paths.

Why not one recursive watch on the source root: the destination (``_site``) usually lives inside
it, and every build writes, renames and deletes thousands of entries there; inotify would add a
watch per new output directory and the events would feed rebuild loops. So the root is watched
non-recursively and each top-level directory that is not ignored gets its own recursive watch;
a new top-level directory is picked up when it appears. The same layout keeps
``PollingObserver`` (``--force-polling``) from walking ``_site`` every poll.

What counts as a change (watchdog 7's event types): ``created``,
``modified`` and ``closed`` (after a write) on files, ``moved`` (an editor's atomic save is a
move of a temp file onto the post: the post is in ``dest_path``), ``deleted``, and ``attrib``
(``touch`` gives nothing else). ``opened`` and ``closed_no_write`` are the build reading its
own sources and must never trigger a build. Directory ``modified`` events only echo file events.
"""
from __future__ import annotations

import fnmatch
import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver
from watchdog.utils.event_debouncer import EventDebouncer

#: Directory names never watched anywhere in the tree.
IGNORED_DIRS = frozenset({".git", ".hg", ".svn", ".blogtool-cache", ".jekyll-cache",
                          ".sass-cache", "__pycache__", ".pytest_cache"})

#: Editor swap, backup and temp files (vim, emacs, VS Code, JetBrains, nano).
EDITOR_TEMP = re.compile(
    r"""^(?:
        .*~                     # backup files: post.md~
      | .*\.sw[pxon]            # vim swap and probe: .post.md.swp, .swo, .swn, .swx
      | \.\#.*                  # emacs lock files
      | \#.*\#                  # emacs autosave
      | \..*\.tmp.*             # atomic-save temp files: .post.md.tmp1234
      | .*\.tmp                 # post.md.tmp
      | .*___jb_(?:tmp|old)___  # JetBrains safe write
      | 4913                    # vim's write-permission probe
      | \.DS_Store
    )$""", re.VERBOSE)

_ACCEPTED = frozenset({"created", "modified", "closed", "moved", "deleted", "attrib"})

DEBOUNCE_SECONDS = 0.1


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def _glob_match(patterns: tuple[str, ...], rel: str) -> bool:
    """Jekyll's EntryFilter glob: fnmatch on the relative path, or a path prefix."""
    for pattern in patterns:
        pattern = pattern.lstrip("/")
        if not pattern:
            continue
        if fnmatch.fnmatchcase(rel, pattern) or rel == pattern.rstrip("/") \
                or rel.startswith(pattern.rstrip("/") + "/"):
            return True
    return False


@dataclass(frozen=True)
class IgnoreRules:
    """Which paths never start a build. Pure: built from the site's settings, no I/O.

    ``destination`` and the staging/old folders the output stage makes beside it
    (``._site.blogtool-staging-PID``, ``._site.old-PID``) are ignored, else every build
    would start the next one.
    """

    source: str
    destination: str
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    extra_dirs: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def make(cls, source: Path | str, destination: Path | str, exclude: Iterable[str] = (),
             include: Iterable[str] = ()) -> IgnoreRules:
        return cls(os.path.realpath(source), os.path.realpath(destination),
                   tuple(str(e) for e in exclude), tuple(str(i) for i in include))

    def relative(self, path: str) -> str | None:
        """The source-relative POSIX path, or None when ``path`` is outside the source."""
        real = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        if not _under(real, self.source) or real == self.source:
            return None
        return os.path.relpath(real, self.source).replace(os.sep, "/")

    def ignored(self, path: str) -> bool:
        """True when an event on ``path`` (absolute) must not start a build."""
        real = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        if _under(real, self.destination):
            return True
        parent, name = os.path.split(self.destination)
        if name and _under(real, parent) and real != parent:
            top = os.path.relpath(real, parent).split(os.sep, 1)[0]
            if top.startswith((f".{name}.blogtool-staging", f".{name}.old-")):
                return True
        if not _under(real, self.source) or real == self.source:
            return True
        rel = os.path.relpath(real, self.source).replace(os.sep, "/")
        return self.ignored_rel(rel)

    def ignored_rel(self, rel: str) -> bool:
        """The same decision for a source-relative POSIX path."""
        parts = rel.split("/")
        if any(p in IGNORED_DIRS or p in self.extra_dirs for p in parts):
            return True
        if EDITOR_TEMP.match(parts[-1]):
            return True
        excluded = _glob_match(tuple(p for p in self.exclude if p not in self.include), rel)
        return excluded and not _glob_match(self.include, rel)


def snapshot(rules: IgnoreRules) -> dict[str, tuple[int, int]]:
    """``(mtime, size)`` of every source file the rules do not ignore: taken before and after
    serve's first build (which runs before the watcher can start), so that a save made during
    it is not lost."""
    files: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(rules.source):
        dirnames[:] = [d for d in dirnames if not rules.ignored(os.path.join(dirpath, d))]
        rel_dir = os.path.relpath(dirpath, rules.source).replace(os.sep, "/")
        for name in filenames:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if rules.ignored_rel(rel):
                continue
            try:
                st = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            files[rel] = (st.st_mtime_ns, st.st_size)
    return files


def changed_between(before: dict[str, tuple[int, int]],
                    after: dict[str, tuple[int, int]]) -> set[str]:
    """Files added, removed or modified from one :func:`snapshot` to the next."""
    return {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}


def changed_paths(events: Iterable[FileSystemEvent], rules: IgnoreRules) -> set[str]:
    """The source-relative paths a batch of events touched, after the ignore rules.

    A move counts for both ends that are not ignored: the temp file of an atomic save is
    ignored, the post it lands on is not.
    """
    changed: set[str] = set()
    for event in events:
        kind = event.event_type
        if kind not in _ACCEPTED:
            continue
        if event.is_directory and kind in ("modified", "closed", "attrib"):
            continue
        paths = [event.src_path]
        if kind == "moved" and event.dest_path:
            paths.append(event.dest_path)
        for raw in paths:
            path = os.fsdecode(raw)
            if rules.ignored(path):
                continue
            rel = rules.relative(path)
            if rel is not None:
                changed.add(rel)
    return changed


class _Forward(FileSystemEventHandler):
    def __init__(self, sink: Callable[[FileSystemEvent], None]) -> None:
        self._sink = sink

    def dispatch(self, event: FileSystemEvent) -> None:  # every event type, attrib included
        self._sink(event)


class SourceWatcher:
    """Watches ``source`` and calls ``on_change(set_of_relative_paths)`` once per burst.

    The debouncer (watchdog's own ``EventDebouncer``) waits until events stop for
    :data:`DEBOUNCE_SECONDS`, so an editor's 7- or 15-event save is one build.
    """

    def __init__(self, source: Path, rules: IgnoreRules,
                 on_change: Callable[[set[str]], None], *, force_polling: bool = False,
                 debounce: float = DEBOUNCE_SECONDS, poll_interval: float = 0.5) -> None:
        self.source = Path(os.path.realpath(source))
        self._rules = rules
        self._on_change = on_change
        self._observer = PollingObserver(timeout=poll_interval) if force_polling else Observer()
        self._debouncer = EventDebouncer(debounce, self._flush)
        self._handler = _Forward(self._event)
        self._lock = threading.RLock()
        self._watches: dict[str, Any] = {}   # top-level entry name -> ObservedWatch

    @property
    def rules(self) -> IgnoreRules:
        return self._rules

    def set_rules(self, rules: IgnoreRules) -> None:
        """Follow a new destination or ``exclude:`` after ``_config.yml`` changed."""
        with self._lock:
            self._rules = rules
            self._sync_watches()

    def _event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type in ("created", "moved", "deleted"):
            top = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
            if any(os.path.dirname(os.fsdecode(p)) == str(self.source) for p in top):
                with self._lock:
                    self._sync_watches()
        self._debouncer.handle_event(event)

    def _flush(self, events: list[FileSystemEvent]) -> None:
        changed = changed_paths(events, self._rules)
        if changed:
            self._on_change(changed)

    def _wanted_dirs(self) -> set[str]:
        wanted: set[str] = set()
        try:
            entries = list(os.scandir(self.source))
        except OSError:
            return wanted
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir and not self._rules.ignored(entry.path):
                wanted.add(entry.name)
        return wanted

    def _sync_watches(self) -> None:
        wanted = self._wanted_dirs()
        for name in list(self._watches):
            if name not in wanted:
                try:
                    self._observer.unschedule(self._watches.pop(name))
                except (KeyError, OSError):
                    pass
        for name in wanted - set(self._watches):
            try:
                self._watches[name] = self._observer.schedule(
                    self._handler, str(self.source / name), recursive=True)
            except OSError:
                continue  # vanished meanwhile, or out of inotify watches: still serve

    def start(self) -> None:
        self._observer.schedule(self._handler, str(self.source), recursive=False)
        with self._lock:
            self._sync_watches()
        self._debouncer.start()
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._debouncer.stop()
        self._observer.join(5)
        self._debouncer.join(5)
