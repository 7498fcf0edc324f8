"""Writing into a live site in place (``serve``'s rebuilds): one file replaced by an atomic
rename and put back if the build that follows fails, and :class:`Patch`, a staging that
renames only the changed files over the old ones."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .cache import racy_cutoff_ns
from .output import STAGING_MARK, Staging, safe_rel


def replace_file(target: Path, data: bytes) -> tuple[bytes, int]:
    """Write ``data`` over one file of a live site by an atomic rename (a reader never sees
    half a page); returns what was there (bytes, mtime) for :func:`restore_files`."""
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    tmp = target.with_name(f".{target.name}.blogtool-{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return before


def restore_files(saved: dict[str, tuple[bytes, int]]) -> None:
    """Put files :func:`replace_file` overwrote back as they were, mtime included."""
    for target, (data, mtime_ns) in saved.items():
        try:
            replace_file(Path(target), data)
            os.utime(target, ns=(mtime_ns, mtime_ns))
        except OSError:
            pass


class Patch(Staging):
    """Rebuild a site blogtool built before, in place: only changed files are staged, then
    renamed over the old ones one by one (each rename is atomic, so nobody ever reads a
    half-written page); files this build does not make are removed, except ``keep_files``, as
    Jekyll cleans its destination. Nothing is touched before :meth:`commit`, so a failed or
    interrupted build still leaves the previous site as it was. ``previous_paths`` is what the
    previous build wrote (its presence is what allows patching)."""

    def __init__(self, destination: Path, previous_paths: set[str],
                 folders: dict | None = None):
        super().__init__(destination)
        self.previous_paths = set(previous_paths)
        self.keep_prefixes: tuple[str, ...] = ()
        # the destination's folders and their mtimes when a build last found nothing stray
        # in them: if none changed and this build made the same files, nothing can be stray
        self.folders = folders or {}
        self.seen_folders: dict = {}
        # folders found that this build may not have made (removed at commit when empty)
        self._stray_folders: list[str] = []
        # the recorded folders' mtimes as :meth:`commit` found them, before its renames
        self._mtimes_before: dict[str, int] = {}

    def _keep_old(self, rel: str) -> None:
        self.stats.paths.add(safe_rel(rel))

    def write(self, rel: str, data: bytes) -> tuple[int, int]:
        old = self._old(safe_rel(rel))
        if old is not None:
            try:
                st = old.stat()
                if st.st_size == len(data) and old.read_bytes() == data:
                    self._keep_old(rel)
                    self.stats.unchanged += 1
                    return st.st_size, st.st_mtime_ns
            except OSError:
                pass
        return super().write(rel, data)

    def link_previous(self, rel: str, size: int | None, mtime_ns: int | None) -> bool:
        if size is None or mtime_ns is None or self.previous is None:
            return False
        clean = safe_rel(rel)
        if self._recorded(clean, size, mtime_ns) is None:
            return False
        self.stats.paths.add(clean)
        self.stats.unchanged += 1
        return True

    def copy(self, rel: str, source_file: str | Path) -> None:
        old = self._old(safe_rel(rel))
        try:
            st = os.stat(source_file)
            if old is not None:
                ost = old.stat()
                if ost.st_size == st.st_size and int(ost.st_mtime) == int(st.st_mtime):
                    self._keep_old(rel)
                    self.stats.static += 1
                    return
        except OSError:
            pass
        super().copy(rel, source_file)

    def keep(self, keep_files: Iterable[str]) -> None:
        """Nothing to carry (the old files stay where they are); remember what to spare."""
        self.keep_prefixes = tuple(k.strip("/") for k in keep_files if k and k.strip("/"))

    def commit(self) -> None:
        (self.root / STAGING_MARK).unlink()
        dest = self.destination
        changed = self._changed_folders()     # before this build's renames move any mtime
        self.stats.replaced, self.stats.removed = [], []
        for dirpath, _dirnames, filenames in os.walk(self.root):
            for name in filenames:
                staged = os.path.join(dirpath, name)
                rel = os.path.relpath(staged, self.root).replace(os.sep, "/")
                self.stats.replaced.append(rel)
                target = dest / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                os.replace(staged, target)
        for rel in sorted(self._strays(changed)):
            target = dest / rel
            try:
                target.unlink()
            except OSError:
                continue
            self.stats.removed.append(rel)
            _prune_empty(target.parent, dest)
        self._remove_empty_folders()
        shutil.rmtree(self.root, ignore_errors=True)

    def _remove_empty_folders(self) -> None:
        """Folders none of this build's files is in and ``keep_files`` does not spare go
        when they are empty (deepest first), as a full build would not have them."""
        if not self._stray_folders:
            return
        needed = {""}
        for rel in self.stats.paths:
            folder = os.path.dirname(rel)
            while folder not in needed:
                needed.add(folder)
                folder = os.path.dirname(folder)
        dest = str(self.destination)
        for rel in sorted(self._stray_folders, key=lambda r: r.count("/"), reverse=True):
            if rel not in needed and not self._kept(rel):
                try:
                    os.rmdir(os.path.join(dest, rel))
                except OSError:
                    continue      # not empty (a kept file, a file put there since): stays

    def _kept(self, rel: str) -> bool:
        return any(rel.startswith(p) for p in self.keep_prefixes)

    def _changed_folders(self) -> list[str] | None:
        """The recorded folders whose mtime moved since the record, or that were too recent
        to trust then; None when there is no record to go by (everything is walked)."""
        record = self.folders
        mtimes = record.get("mtimes") if isinstance(record, dict) else None
        if not isinstance(mtimes, dict) or record.get("keep") != list(self.keep_prefixes):
            return None
        cutoff = record.get("cutoff", float("inf"))
        changed = []
        before = self._mtimes_before
        try:
            fd = os.open(self.destination, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return None
        stat = os.stat
        try:    # each folder by its path from the open destination: a short walk for the kernel
            for rel, mtime in mtimes.items():
                try:
                    now = stat(rel or ".", dir_fd=fd).st_mtime_ns
                except OSError:
                    continue            # gone, with whatever was in it
                before[rel] = now
                if now != mtime or mtime >= cutoff:
                    changed.append(rel)
        except (AttributeError, TypeError, ValueError):
            before.clear()
            return None
        finally:
            os.close(fd)
        return changed

    def _strays(self, changed: list[str] | None = None) -> list[str]:
        """Files in the destination this build did not make and ``keep_files`` does not
        spare (Jekyll's cleanup). A folder gains or loses a file only by changing its mtime,
        and the record holds every folder's mtime from when nothing stray was left: only the
        folders that changed since are listed, and the files the last build made that this
        one did not are looked at. The whole destination is walked only when a file nobody
        made turns up (or there is no record)."""
        if changed is not None and not changed and not self.stats.replaced and \
                self.stats.paths == self.previous_paths:
            self.seen_folders = self.folders
            return []
        if changed is not None:
            found = self._listed_strays(changed)
            if found is not None:
                folders, strays = found
                self._record(folders)
                return strays
        return self._walk()

    def _listed_strays(self, changed: list[str]) -> tuple[set[str], list[str]] | None:
        """The destination's folders and the last build's files this one did not make, when
        listing the changed folders (and the folders new under them) finds no other file
        this build did not make; else None."""
        dest = str(self.destination)
        paths = self.stats.paths
        gone = {rel for rel in self.previous_paths - paths if not self._kept(rel)}
        known = set(self.folders["mtimes"])
        folders = set(known)            # those no longer there are left out when recorded
        new: list[str] = []
        for rel_dir in changed:
            prefix = rel_dir + "/" if rel_dir else ""
            try:
                entries = list(os.scandir(os.path.join(dest, rel_dir) if rel_dir else dest))
            except OSError:
                continue
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir():
                    if rel not in known and not entry.is_symlink() and not self._kept(rel):
                        new.append(rel)
                elif rel not in paths and rel not in gone and not self._kept(rel):
                    return None
        for top in new:
            for dirpath, dirnames, filenames in os.walk(os.path.join(dest, top)):
                rel_dir = os.path.relpath(dirpath, dest).replace(os.sep, "/")
                dirnames[:] = [d for d in dirnames if not self._kept(f"{rel_dir}/{d}")]
                folders.add(rel_dir)
                self._stray_folders.append(rel_dir)
                if any(f"{rel_dir}/{name}" not in paths and not self._kept(f"{rel_dir}/{name}")
                       for name in filenames):
                    return None
        # the folders this build's files went into (new ones too)
        for rel in self.stats.replaced or ():
            folder = os.path.dirname(rel)
            while folder and folder not in folders:
                folders.add(folder)
                folder = os.path.dirname(folder)
        return folders, sorted(rel for rel in gone if os.path.lexists(os.path.join(dest, rel)))

    def _record(self, folders: set[str]) -> None:
        """Record the folders' mtimes now; those changed within the racy window are listed
        again by the next build. A folder none of this commit's renames went into keeps the
        mtime :meth:`_changed_folders` found (had anything else changed it since, the next
        build lists it: the safe way round)."""
        dest = str(self.destination)
        before = self._mtimes_before
        touched: set[str] = set()
        for rel in self.stats.replaced or ():
            folder = os.path.dirname(rel)
            while folder not in touched:
                touched.add(folder)
                if not folder:
                    break
                folder = os.path.dirname(folder)
        mtimes: dict[str, int] = {}
        for rel in folders:
            known = before.get(rel)
            if known is not None and rel not in touched:
                mtimes[rel] = known
                continue
            try:
                mtimes[rel] = os.stat(os.path.join(dest, rel) if rel else dest).st_mtime_ns
            except OSError:
                continue
        mtimes.setdefault("", -1)
        self.seen_folders = {"keep": list(self.keep_prefixes), "mtimes": mtimes,
                             "cutoff": racy_cutoff_ns()}

    def _walk(self) -> list[str]:
        """Every file of the destination this build did not make (and keep_files spares
        not); the folders are recorded when none is stray."""
        dest = str(self.destination)
        kept = self.keep_prefixes
        strays = []
        folders: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(dest):
            rel_dir = os.path.relpath(dirpath, dest).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir + "/"
            dirnames[:] = [d for d in dirnames
                           if not any((rel_dir + d).startswith(p) for p in kept)]
            folders.add(rel_dir[:-1])
            self._stray_folders.append(rel_dir[:-1])
            for name in filenames:
                rel = rel_dir + name
                if rel not in self.stats.paths and not any(rel.startswith(p) for p in kept):
                    strays.append(rel)
        if not strays:
            self._record(folders)
        return strays


def _prune_empty(folder: Path, stop: Path) -> None:
    """Remove folders left empty by a removed page, up to (not including) the site root."""
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
