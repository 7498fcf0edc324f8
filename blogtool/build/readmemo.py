"""The reader's parsed posts, kept in the cache folder for the next process.

A build session's memo maps a post's path to (signature, Document): the signature is the
file's identity (mtime, size, inode) and the configuration, so a post whose file did not
change is taken as it was instead of being read and parsed again. ``serve`` keeps the memo in
memory; this module lets a new ``blogtool build`` start from the last build's.

The file is a pickle, so it is only ever loaded when it carries a keyed hash made with a
secret kept outside the site (in the user's cache folder): a cache folder copied from
elsewhere, or edited, fails the check and is ignored, never unpickled. The blogtool code that
made the documents is part of what is checked, and a memo entry for a file changed within the
last seconds is not kept (an edit within the file system's time granularity is read again).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import platform
import time
from pathlib import Path

from .cache import code_stamp, racy_cutoff_ns
from .gcpause import paused

MAGIC = b"blogtool-read-memo 1\n"
DIGEST = 32


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


def _sign(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(_environment() + payload, key=key[:64],
                           digest_size=DIGEST).digest()


class ReadMemo:
    """Loads the memo once and writes it back when this build parsed something new."""

    def __init__(self, root: Path | None):
        self.path = os.path.join(str(root), "read-memo.bin") if root is not None else None
        self._known: dict[str, tuple] = {}
        self._snapshot: bytes | None = None

    def load(self) -> dict:
        memo: dict = {}
        if self.path is not None:
            memo = self._read()
        self._known = {rel: entry[0] for rel, entry in memo.items()}
        return memo

    def _read(self) -> dict:
        try:
            with open(self.path or "", "rb") as fh:
                blob = fh.read()
        except OSError:
            return {}
        start = len(MAGIC) + DIGEST
        if not blob.startswith(MAGIC) or len(blob) <= start:
            return {}
        key = _secret(False)
        if key is None or not hmac.compare_digest(blob[len(MAGIC):start],
                                                  _sign(key, blob[start:])):
            return {}
        try:
            with paused():
                memo = pickle.loads(blob[start:])
        except Exception:   # noqa: BLE001 - a memo that cannot be loaded is no memo
            return {}
        return memo if isinstance(memo, dict) else {}

    def after_read(self, memo: dict) -> None:
        """Call right after reading, before anything changes the documents: when the memo
        gained or lost entries, its current state is what :meth:`save` writes."""
        if self.path is None:
            return
        now = {rel: entry[0] for rel, entry in memo.items()}
        if now == self._known:
            return
        recent = racy_cutoff_ns()
        source = os.path.dirname(os.path.dirname(self.path))
        kept = {rel: entry for rel, entry in memo.items()
                if entry[0][0] < recent and os.path.exists(os.path.join(source, rel))}
        try:
            self._snapshot = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:   # noqa: BLE001 - something unpicklable: no memo this time
            self._snapshot = None
            return
        self._known = now

    def save(self) -> None:
        payload, self._snapshot = self._snapshot, None
        if payload is None or self.path is None:
            return
        key = _secret(True)
        if key is None:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            tmp = f"{self.path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                fh.write(MAGIC + _sign(key, payload) + payload)
            os.replace(tmp, self.path)
        except OSError:
            pass
