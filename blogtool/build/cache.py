"""The persistent cache of per-document results (default ``.blogtool-cache/`` in the source).

An entry holds what a document's rendering read (files with their content hashes, fields of
other documents with their fingerprints; see :mod:`blogtool.build.deps`) and what it produced. It is
used only when every input still matches and the build environment (configuration, theme,
blogtool, Python and library versions) is the same. Entries are JSON: a cache folder from
elsewhere can never run code; an unreadable or corrupt entry is simply a miss.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from .cacheblobs import BLOB_KEY, join_blobs, split_blobs, unjoined
from .cachedir import CACHE_DIR, FORMAT, racy_cutoff_ns, write_parts, write_text
from .deps import content_hash, str_fingerprint
from .gcpause import paused

SHARDS = 32          # files per kind of entry
_LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "Pygments", "python-liquid", "Jinja2",
              "PyYAML")


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """blogtool's own modules by name, size and modification time: a changed module (a
    development checkout, a reinstall of the same version) is a new build environment."""
    h = hashlib.blake2b(digest_size=16)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{folder[len(root):]}/{name}:{st.st_size}:{st.st_mtime_ns}\n"
                         .encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    versions = {"blogtool": __version__, "code": code_stamp(),
                "python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


def tree_hash(*roots: Path) -> str:
    """Hash of every file under ``roots`` (theme templates, built-in includes)."""
    h = hashlib.blake2b(digest_size=16)
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode())
                h.update(content_hash(path.read_bytes()).encode())
    return h.hexdigest()


def environment_key(config: dict, extra: dict[str, Any]) -> str:
    payload = json.dumps({"config": config, "versions": library_versions(), **extra},
                         sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


class Cache:
    """Entries by (kind, document); a memory layer over the folder (``root`` None: memory only).

    On disk the entries of one kind are spread over :data:`SHARDS` files by a hash of the
    document's path, each one JSON object: a build reads a few dozen files instead of one per
    document, and :meth:`flush` (once, at the end of a build) rewrites only the shards that
    changed. ``serve`` keeps one Cache for its whole life, so a rebuild reads nothing from disk.
    """

    def __init__(self, root: Path | None):
        self.root = root
        self._root = str(root) if root is not None else ""
        self._shards: dict[tuple[str, int], dict[str, dict]] = {}
        self._dirty: set[tuple[str, int]] = set()
        self._puts = 0      # entries kept so far: what a shard held when it was written
        self._changed: dict[tuple[str, int], int] = {}

    @staticmethod
    def _key(kind: str, rel_path: str) -> tuple[str, int]:
        return kind, _shard_index(rel_path)

    def _shard(self, kind: str, rel_path: str) -> dict[str, dict]:
        key = self._key(kind, rel_path)
        shard = self._shards.get(key)
        if shard is None:
            shard = self._shards[key] = self._load(key) if self.root is not None else {}
        return shard

    def _file(self, key: tuple[str, int]) -> str:
        return os.path.join(self._root, f"v{FORMAT}", f"{key[0]}-{key[1]:02d}.json")

    def _load(self, key: tuple[str, int]) -> dict[str, dict]:
        try:
            with open(self._file(key), "rb") as fh, paused():
                data = json.loads(_text(fh.read()))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        token = data.pop(BLOB_KEY, None)
        if token is not None:
            return join_blobs(data, f"{self._file(key)[:-5]}.txt", token)
        return unjoined(data)

    def get(self, kind: str, rel_path: str, env: str) -> dict | None:
        entry = self._shard(kind, rel_path).get(rel_path)
        if not isinstance(entry, dict) or entry.get("env") != env:
            return None
        return entry

    def put(self, kind: str, rel_path: str, entry: dict) -> None:
        """Keep an entry (in memory until :meth:`flush`)."""
        key = self._key(kind, rel_path)
        self._shard(kind, rel_path)[rel_path] = entry
        self._dirty.add(key)
        self._puts += 1
        self._changed[key] = self._puts

    def flush(self) -> None:
        """Write the shards that changed (atomically); memory-only caches keep everything."""
        dirty, self._dirty = self._dirty, set()
        if self.root is None or not dirty:
            return
        try:
            with paused():
                self._write_shards(sorted(dirty))
        except OSError:
            pass        # a cache that cannot be written is only a slower build

    def writers(self, kinds: tuple[str, ...], parts: int = 8,
                later: Iterable[tuple[str, str]] = ()) -> list[Callable[[], tuple[list, dict]]]:
        """The shards of ``kinds`` that changed, written ahead of :meth:`flush` by ``parts``
        tasks (side tasks of a later render wave, which may run in a forked worker: each
        writes the shards as this process holds them now). A task returns what it wrote
        and the fingerprints of its long strings;
        :meth:`written` takes those shards off the list for :meth:`flush`, unless they
        changed since. ``later``: the entries, by kind and document, that the wave will
        keep: their shards are left for a later write (written now, they would be written
        again; the listing pages of a first build fall in 3 of the 32 content shards)."""
        if self.root is None:
            return []
        again = {self._key(kind, rel) for kind, rel in later}
        keys = [(key, self._changed.get(key, 0)) for key in sorted(self._dirty)
                if key[0] in kinds and key not in again]
        return [partial(self._write_ahead, keys[i::parts]) for i in range(min(parts, len(keys)))]

    def _write_ahead(self, keys: list[tuple[tuple[str, int], int]]) -> tuple[list, dict]:
        found: dict[tuple[str, str, str], str] = {}
        with paused():
            self._write_shards([key for key, _ in keys], found)
        return keys, found

    def written(self, results: list) -> dict[tuple[str, str], tuple[Any, str]]:
        """What :meth:`writers`' tasks wrote (None: a task that failed, its shards left for
        :meth:`flush`). Returned: the fingerprints (``deps.fingerprint``) of the long strings
        they wrote, which they hashed as they encoded them, by document and field, with the
        string as this process holds it (``deps.Fingerprints.known``); only of shards that
        did not change since."""
        known: dict[tuple[str, str], tuple[Any, str]] = {}
        for result in results:
            if not result:
                continue
            keys, found = result
            same = set()
            for key, stamp in keys:
                if self._changed.get(key, 0) == stamp:
                    self._dirty.discard(key)
                    same.add(tuple(key))
            for (kind, rel, field), fp in found.items():
                key = self._key(kind, rel)
                if key not in same:
                    continue
                entry = self._shards.get(key, {}).get(rel)
                value = entry.get("result", {}).get(field) if isinstance(entry, dict) else None
                if isinstance(value, str):
                    known[rel, field] = (value, fp)
        return known

    def _write_shards(self, keys: list[tuple[str, int]],
                      found: dict[tuple[str, str, str], str] | None = None) -> None:
        """Write the shards ``keys``; ``found``: where to put the fingerprints of the long
        strings written beside them, by kind, document and field."""
        os.makedirs(os.path.join(self._root, f"v{FORMAT}"), exist_ok=True)
        for key in keys:
            path = self._file(key)
            shard, pieces = split_blobs(self._shards[key])
            if pieces:
                if found is not None:
                    for label, data in pieces:
                        if label is not None:
                            found[key[0], label[0], label[1]] = str_fingerprint(data)
                write_parts(f"{path[:-5]}.txt", [data for _, data in pieces])
            # dumps, not dump: one call of the C encoder instead of a write per token
            _write(path, json.dumps(shard, ensure_ascii=False, separators=(",", ":")))

    def load_outputs(self) -> dict[str, set[str]]:
        """What earlier builds wrote, by destination (a corrupt record is no record)."""
        return {str(k): set(map(str, v)) for k, v in self.load_record("outputs.json").items()
                if isinstance(v, list)}

    def load_record(self, name: str) -> dict:
        """A small JSON record kept with the entries (a corrupt one is no record)."""
        if self.root is None:
            return {}
        try:
            with open(os.path.join(self._root, f"v{FORMAT}", name), "rb") as fh:
                data = json.loads(_text(fh.read()))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save_record(self, name: str, data: dict) -> None:
        self._save(name, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def save_outputs(self, outputs: dict[str, set[str]]) -> None:
        self._save("outputs.json",
                   json.dumps({k: sorted(v) for k, v in outputs.items()}, ensure_ascii=False))

    def _save(self, name: str, text: str) -> None:
        if self.root is None:
            return
        path = os.path.join(self._root, f"v{FORMAT}", name)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _write(path, text)
        except OSError:
            pass


def _text(data: bytes) -> str:
    """A cache file's text. File names the file system gives as lone surrogates (bytes that
    are not UTF-8) are written through and read back as they were."""
    return data.decode("utf-8", "surrogatepass")


@lru_cache(maxsize=65536)
def _shard_index(rel_path: str) -> int:
    digest = hashlib.blake2b(rel_path.encode("utf-8", "surrogatepass"), digest_size=2).digest()
    return int.from_bytes(digest, "big") % SHARDS


def _write(path: str, text: str) -> None:
    # file names that are not UTF-8 come back from the records as they were
    write_text(path, text, errors="surrogatepass")


def clean(source: Path) -> bool:
    """Remove the cache folder (``blogtool clean``). True when there was one."""
    path = source / CACHE_DIR
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
        return True
    return False


class FileHashes:
    """Content hashes of source files, by (mtime, size) so an unchanged file is not re-read.

    With ``stamps`` (a file in the cache folder) the stamps outlive the process: a new
    ``blogtool build`` only ``stat``s the files it knew."""

    def __init__(self, source: Path, stamps: Path | None = None):
        self.source = source
        self._source = str(source)
        self._memo: dict[str, tuple[int, int, str]] = {}
        self._build: dict[str, str] = {}
        # (mtime, size) of source files from a listing this build took (see trust)
        self._listed: dict[str, tuple[int, int]] = {}
        self._stamps = stamps
        self._known = 0
        self._changed = False
        if stamps is not None:
            try:
                with open(stamps, "rb") as fh:
                    data = json.loads(_text(fh.read()))
                self._memo = {str(k): (int(v[0]), int(v[1]), str(v[2]))
                              for k, v in data.items()}
            except (OSError, ValueError, TypeError, AttributeError, IndexError):
                self._memo = {}
            self._known = len(self._memo)

    def save(self) -> None:
        """Keep the stamps for the next process (when some were added or changed)."""
        if self._stamps is None or (len(self._memo) == self._known and not self._changed):
            return
        try:
            os.makedirs(os.path.dirname(self._stamps), exist_ok=True)
            # a file changed within the last seconds could change again within its stamp's
            # granularity without a new stamp: it is hashed again next time
            recent = racy_cutoff_ns()
            kept = {k: v for k, v in self._memo.items() if v[0] < recent}
            tmp = f"{self._stamps}.{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8", errors="surrogatepass") as fh:
                fh.write(json.dumps(kept, ensure_ascii=False, separators=(",", ":")))
            os.replace(tmp, self._stamps)
            self._known, self._changed = len(self._memo), False
        except OSError:
            pass

    def new_build(self) -> None:
        self._build.clear()
        self._listed.clear()

    def seed(self, stamps: dict[str, tuple[int, int, str]]) -> None:
        """Take the hashes of files this build read already (the reader's posts: mtime and
        size from before the read, hash of the bytes read) instead of reading them again.
        Until :meth:`new_build`."""
        for rel, stamp in stamps.items():
            self._build[rel] = stamp[2]
            if self._memo.get(rel) != stamp:
                self._memo[rel] = stamp
                self._changed = True

    def trust(self, listing: list, before_ns: int) -> None:
        """Take the stamps of a listing of the source (:func:`blogtool.build.tree.listing`,
        begun by this build before it read anything) instead of ``stat``-ing those files
        again; files changed at or after ``before_ns`` (the racy window, which ends before
        the listing began) are ``stat``-ed as usual.
        Until :meth:`new_build`."""
        self._listed = {rel: (mtime, size) for rel, mtime, size
                        in zip(listing[0::3], listing[1::3], listing[2::3], strict=True)
                        if size >= 0 and mtime < before_ns}

    def trust_stats(self, stats: dict[str, tuple[int, int]], before_ns: float) -> None:
        """Take ``(mtime, size)`` pairs this build ``stat``-ed already (the reader's, of the
        posts it took from its memo) as :meth:`trust` takes a listing's: those from
        ``before_ns`` on (the racy window) are ``stat``-ed again. Until :meth:`new_build`."""
        listed = self._listed
        for rel, stamp in stats.items():
            if stamp[0] < before_ns:
                listed.setdefault(rel, stamp)

    def of(self, rel_path: str) -> str:
        if rel_path in self._build:
            return self._build[rel_path]
        path = rel_path if rel_path[:1] == "/" else f"{self._source}/{rel_path}"
        try:
            listed = self._listed.get(rel_path)
            if listed is not None:
                mtime, size = listed
            else:
                st = os.stat(path)
                mtime, size = st.st_mtime_ns, st.st_size
            known = self._memo.get(rel_path)
            if known and known[0] == mtime and known[1] == size:
                digest = known[2]
            else:
                with open(path, "rb") as fh:
                    digest = content_hash(fh.read())
                self._memo[rel_path] = (mtime, size, digest)
                self._changed = True
        except OSError:
            digest = "missing"
        self._build[rel_path] = digest
        return digest

    def valid(self, files: dict[str, str]) -> bool:
        known = self._build     # files hashed in this build already (most of them)
        for p, h in files.items():
            digest = known.get(p)
            if (digest if digest is not None else self.of(p)) != h:
                return False
        return True

    def stamp(self, rel_path: str) -> str:
        """The file's content hash with its mtime (some payload fields, like the date of a
        document without one, come from the mtime)."""
        digest = self.of(rel_path)
        known = self._memo.get(rel_path)
        return f"{digest}:{known[0]}" if known else digest
