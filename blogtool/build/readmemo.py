"""The reader's parsed posts, kept in the cache folder for the next process.

A build session's memo maps a post's path to (signature, Document): the signature is the
file's identity (mtime, size, inode) and the configuration, so a post whose file did not
change is taken as it was instead of being read and parsed again. ``serve`` keeps the memo in
memory; this module lets a new ``blogtool build`` start from the last build's.

Its files are pickles, so each is only ever loaded when it carries a keyed hash made with a
secret kept outside the site (in the user's cache folder): a cache folder copied from
elsewhere, or edited, fails the check and is ignored, never unpickled. The blogtool code that
made the documents is part of what is checked, and a memo entry for a file changed within the
last seconds is not kept (an edit within the file system's time granularity is read again).
"""
from __future__ import annotations

import hmac
import os
import pickle
import platform
import sys
import threading
import time
import zlib
from pathlib import Path

from .cache import code_stamp, racy_cutoff_ns
from .cachedir import CACHE_DIR
from .deps import body_hash
from .gcpause import paused

MAGIC = b"blogtool-read-memo 4\n"
DIGEST = 32
SHARDS = 16          # files
WRITER_SWITCH_INTERVAL = 0.0005     # seconds, while the memo is written aside


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "blogtool" / "memo.key"


def _secret(create: bool) -> bytes | None:
    path = key_file()
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    if not create:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except FileExistsError:
        return _secret(False)     # another process made it first
    except OSError:
        return None


def local_zone() -> str:
    """The process's time zone: a site without ``timezone`` dates its posts in it."""
    return f"{os.environ.get('TZ', '')}|{time.tzname}|{time.timezone}|{time.altzone}"


def _environment() -> bytes:
    return (f"{code_stamp()}|{platform.python_version()}|{pickle.HIGHEST_PROTOCOL}|"
            f"{local_zone()}").encode("utf-8", "surrogatepass")


def _sign(key: bytes, *pieces: bytes) -> bytes:
    """The signature of a payload given as its pieces, one after the other."""
    # HMAC-SHA-256: with the processor's SHA instructions about twice BLAKE2b's speed
    # (24 MB of pickles at 5,000 posts); the payload is not copied behind the environment
    mac = hmac.new(key, _environment(), "sha256")
    for piece in pieces:
        mac.update(piece)
    return mac.digest()


def _shard_path(folder: str, i: int) -> str:
    return os.path.join(folder, "read-memo.bin" if i == 0 else f"read-memo-{i}.bin")


def _checked(path: str, key: bytes | None) -> bytes | None:
    """The pickles a shard file holds when it carries a valid signature, else None."""
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    start = len(MAGIC) + DIGEST
    if not blob.startswith(MAGIC) or len(blob) <= start:
        return None
    payload = blob[start:]
    if key is None or not hmac.compare_digest(blob[len(MAGIC):start], _sign(key, payload)):
        return None
    return payload


class ReadAhead:
    """The memo's shard files read and their signatures checked by a thread: reading and
    hashing wait on the disk and on the hash, not on the interpreter, so the command line
    starts one before it imports the pipeline and finds the work done when it loads the
    memo. Nothing is unpickled here: a shard comes out only when its signature holds.
    (A thread started at the load itself is slower than none: the unpickling holds the
    interpreter and the two threads then wait on each other.)"""

    def __init__(self, folder: str):
        self.folder = folder
        self._found: list[bytes | None] = [None] * SHARDS
        self._thread = threading.Thread(target=self._run, name="blogtool-read-memo-ahead",
                                        daemon=True)
        self._thread.start()

    @classmethod
    def of_site(cls, source: str | os.PathLike) -> ReadAhead:
        """The memo of the site at ``source`` (a build's cache folder)."""
        return cls(os.path.join(os.path.realpath(source), CACHE_DIR))

    def _run(self) -> None:
        key = _secret(False)
        for i in range(SHARDS):
            try:
                self._found[i] = _checked(_shard_path(self.folder, i), key)
            except Exception:   # noqa: BLE001 - None: no memo for that shard
                self._found[i] = None

    def shards(self) -> list[bytes | None]:
        """Each shard's checked pickles (None: missing, unreadable or not signed), in order."""
        self._thread.join()
        return self._found

    def close(self) -> None:
        """Wait for the thread (a process must not fork while it runs)."""
        self._thread.join()


def shard_of(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8", "surrogatepass")) % SHARDS


def pack_parts(entries: dict[str, tuple]) -> dict[int, tuple[tuple[str, ...], bytes]]:
    """Memo entries of posts one reading process parsed, pickled there by shard (a shard's
    file is its parts one after another): ``{shard: (paths, pickle)}``. Entries of files
    changed within the racy window are left out, as a snapshot leaves them out."""
    recent = racy_cutoff_ns()
    by_shard: dict[int, dict[str, tuple]] = {}
    for rel, entry in entries.items():
        if entry[0][0] < recent:
            by_shard.setdefault(shard_of(rel), {})[rel] = entry
    with paused():
        return {i: (tuple(part), pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
                for i, part in by_shard.items()}


def _framed(blobs: list[bytes]) -> list[bytes]:
    """A shard file's payload as pieces (each pickle behind its length), written and signed
    one after the other: 24 MB at 5,000 posts are not copied into one string first."""
    return [piece for b in blobs for piece in (len(b).to_bytes(8, "little"), b)]


def _unframed(payload: bytes) -> list[memoryview]:
    """The pickles of a shard's payload; raises ValueError when it is not whole."""
    view, at, out = memoryview(payload), 0, []
    while at < len(view):
        size = int.from_bytes(view[at:at + 8], "little")
        if size <= 0 or at + 8 + size > len(view):
            raise ValueError("a truncated memo part")
        out.append(view[at + 8:at + 8 + size])
        at += 8 + size
    return out


def _split(memo: dict) -> list[dict]:
    parts: list[dict] = [{} for _ in range(SHARDS)]
    for rel, entry in memo.items():
        parts[shard_of(rel)][rel] = entry
    return parts


class ReadMemo:
    """Loads the memo once and writes back the shards in which this build parsed something
    new: the posts are spread over :data:`SHARDS` files by a hash of their path, each signed
    on its own, so one edited post costs one small file, not the whole memo."""

    def __init__(self, root: Path | None):
        self.folder = str(root) if root is not None else None
        self._known: list[dict[str, tuple] | None] = [None] * SHARDS
        self._snapshots: dict[int, list[bytes]] = {}
        self._writer: threading.Thread | None = None     # writing them (save_aside)
        self._interval = sys.getswitchinterval()     # restored once the writer is done

    def _path(self, i: int) -> str:
        return _shard_path(self.folder or "", i)

    def load(self, ahead: ReadAhead | None = None) -> dict:
        """The memo on disk; ``ahead``: its files already being read (of this folder)."""
        memo: dict = {}
        found: list[bool] = [False] * SHARDS
        if ahead is not None and ahead.folder != self.folder:
            ahead.close()
            ahead = None
        if self.folder is not None:
            if ahead is not None:
                payloads = ahead.shards()
            else:
                key = _secret(False)
                payloads = [_checked(self._path(i), key) for i in range(SHARDS)]
            with paused(keep=True):
                for i, payload in enumerate(payloads):
                    part = _unpickled(payload, i) if payload is not None else None
                    if part is not None:
                        found[i] = True
                        memo.update(part)
        # a shard missing or unreadable on disk is written by the next save, even empty
        self._known = [{rel: entry[0] for rel, entry in part.items()} if found[i] else None
                       for i, part in enumerate(_split(memo))]
        return memo

    @staticmethod
    def body_hashes(memo: dict) -> dict[str, tuple[str, str]]:
        """rel_path -> (body, its hash) of the posts loaded from disk, as
        ``WorkState.body_hashes`` keeps them: a post taken from the memo shares its body
        (the very string), so its hash is not computed again; a body the build replaces is
        a new string and is hashed."""
        return {rel: (entry[1].body, entry[2]) for rel, entry in memo.items()
                if len(entry) > 2 and isinstance(entry[2], str)}

    def after_read(self, memo: dict, hashes: dict[str, tuple[str, str]] | None = None,
                   listed: set[str] | None = None,
                   parts: dict[int, list[tuple[tuple[str, ...], bytes]]] | None = None) -> None:
        """Call right after reading, before anything changes the documents: the shards that
        gained, lost or changed entries are pickled as they are now and written. The body
        hashes of their entries (the reader's, or computed here for an entry without one)
        go into the memo and into ``hashes`` (as :meth:`body_hashes` gives them), so
        rendering does not compute them again. ``listed``: the files the reader found; an
        entry of another file is not kept (without it, one whose file is gone). ``parts``:
        what the reading processes pickled (:func:`pack_parts`), by shard; a shard whose
        entries are all in its parts, each once, is written from them as they are; ``parts``
        is emptied (the pickles are not held in memory through the build)."""
        if self.folder is None:
            return
        with paused():
            self._snapshot(memo, hashes, listed, parts or {})
        if parts:
            parts.clear()
        self.save_aside()     # at once: the pickles are not held in memory through the build

    def _snapshot(self, memo: dict, hashes: dict[str, tuple[str, str]] | None,
                  listed: set[str] | None,
                  parts: dict[int, list[tuple[tuple[str, ...], bytes]]]) -> None:
        recent = racy_cutoff_ns()
        source = os.path.dirname(self.folder or "")
        for i, part in enumerate(_split(memo)):
            if listed is not None:
                part = {rel: entry for rel, entry in part.items() if rel in listed}
            now = {rel: entry[0] for rel, entry in part.items()}
            if now == self._known[i]:
                continue
            kept = {}
            for rel, entry in part.items():
                if entry[0][0] >= recent or \
                        (listed is None and not os.path.exists(os.path.join(source, rel))):
                    if hashes is not None and len(entry) > 2 and isinstance(entry[2], str):
                        hashes[rel] = (entry[1].body, entry[2])    # this build's all the same
                    continue
                if len(entry) <= 2:
                    entry = memo[rel] = (*entry, _body_hash(entry[1]))
                if hashes is not None and isinstance(entry[2], str):
                    hashes[rel] = (entry[1].body, entry[2])
                kept[rel] = entry
            made = parts.get(i, ())
            paths = [rel for names, _ in made for rel in names]
            if made and len(paths) == len(kept) and set(paths) == kept.keys():
                self._snapshots[i] = _framed([blob for _, blob in made])
                self._known[i] = now
                continue
            try:
                self._snapshots[i] = _framed([pickle.dumps(kept,
                                                           protocol=pickle.HIGHEST_PROTOCOL)])
            except Exception:   # noqa: BLE001 - something unpicklable: this shard not kept
                self._snapshots.pop(i, None)
                continue
            self._known[i] = now

    def save_aside(self) -> None:
        """:meth:`save` in a thread: signing and writing wait on hashing and on the disk, not
        on the interpreter, so the build goes on preparing its render meanwhile (about
        0.1 s of a first build of 5,000 posts). :meth:`settle` waits for it: before the
        build forks, as forking while a thread runs could deadlock."""
        if not self._snapshots or self.folder is None:
            return
        self.settle()
        self._writer = threading.Thread(target=self._write, name="blogtool-read-memo")
        # the thread waits for the interpreter after each call that let it go (opening,
        # hashing, writing: six a file); at the default switch interval (5 ms) 16 files took
        # 0.18 s and the build waited for the end of it before forking
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(WRITER_SWITCH_INTERVAL)
        self._writer.start()

    def settle(self) -> None:
        """Wait for :meth:`save_aside`'s thread, if one runs."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.join()
            sys.setswitchinterval(self._interval)

    def save(self) -> None:
        """Write the shards pickled and not yet written."""
        self.settle()
        self._write()

    def _write(self) -> None:
        snapshots, self._snapshots = self._snapshots, {}
        if not snapshots or self.folder is None:
            return
        key = _secret(True)
        if key is None:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            for i, payload in sorted(snapshots.items()):
                path = self._path(i)
                tmp = f"{path}.{os.getpid()}.tmp"
                with open(tmp, "wb") as fh:
                    fh.write(MAGIC + _sign(key, *payload))
                    fh.writelines(payload)
                os.replace(tmp, path)
        except OSError:
            pass


def _unpickled(payload: bytes, i: int) -> dict | None:
    """A checked shard's entries (those of shard ``i``), or None when it cannot be loaded."""
    memo: dict = {}
    try:
        for part in _unframed(payload):
            loaded = pickle.loads(part)
            if not isinstance(loaded, dict):
                return None
            memo.update(loaded)
    except Exception:   # noqa: BLE001 - a memo that cannot be loaded is no memo
        return None
    return {rel: entry for rel, entry in memo.items() if shard_of(rel) == i}


def _body_hash(doc: object) -> str | None:
    """The hash ``WorkState.body_hash`` gives the document's body (None: no text body)."""
    return body_hash(getattr(doc, "body", None))
