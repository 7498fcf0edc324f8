"""A folder tree by file stamps: every file with its modification time (ns) and size, every
folder by name, in a fixed order, as one flat list that compares with another in one step.

Two listings of a tree are equal only when no file or folder was added, removed, renamed,
written or truncated in between (short of an edit that keeps both the size and the
nanosecond mtime). ``build`` uses it to tell that nothing changed since the last build: the
source by such a listing, the destination by its folders' mtimes alone
(:func:`same_folders`). Only the standard library is imported, so the check costs no start-up
time.
"""
from __future__ import annotations

import marshal
import math
import os
import stat
import sys
from array import array
from collections.abc import Callable, Collection

FOLDER = -1     # a folder's entry: its name with a trailing "/", then FOLDER, FOLDER


class Unlistable(Exception):
    """The tree holds something a listing cannot vouch for (a folder that cannot be read, a
    link to a folder)."""


def listing(root: str, prune: Collection[str] = (), skip_names: Collection[str] = (),
            folder_times: bool = False, previous: list | None = None,
            racy_from: float = 0) -> list:
    """``[rel, mtime_ns, size, ...]`` for every entry under ``root`` (folders as
    ``"rel/", FOLDER, FOLDER``), depth first. Folders whose path relative to ``root`` is in
    ``prune``, and entries named in ``skip_names``, are left out. A missing ``root`` is an
    empty listing; raises :class:`Unlistable`. Names come in the order each folder gives them
    (sorted with ``folder_times``): that order stays while a folder is unchanged, and were it
    ever to change, two listings would differ and a build would run, never the other way.

    ``folder_times``: folders (``root`` first, as ``""``) carry their mtime instead of
    FOLDER, for :func:`same_folders`. ``previous``: such a listing of the same tree made earlier; a
    folder whose mtime is the one it lists, and older than ``racy_from``, has the entries it
    listed instead of being read again: its folders ``stat``-ed, its files with the stamps
    listed then (a file replaced or renamed moves its folder's mtime; one written over in
    place does not, and no check of a destination looks at its files' stamps)."""
    out: list = []
    if not folder_times:
        try:
            fd = os.open(root, _DIR_FLAGS)
        except (FileNotFoundError, NotADirectoryError):
            return out
        except OSError as exc:
            raise Unlistable(root) from exc
        try:
            _list_at(fd, root + "/", "", out, prune, skip_names)
        finally:
            os.close(fd)
        return out
    if not os.path.isdir(root):
        return out
    walk = _Walk(out, prune, skip_names, folder_times,
                 _folders(previous) if previous and folder_times else {}, racy_from)
    mtime = FOLDER
    if folder_times:
        mtime = os.stat(root).st_mtime_ns
        out += ("", mtime, FOLDER)
    walk.folder(root, "", mtime)
    return out


_KIND, _FILE = stat.S_IFMT(0o177777), stat.S_IFREG
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _list_at(fd: int, path: str, rel_dir: str, out: list, prune: Collection[str],
             skip_names: Collection[str]) -> None:
    """The entries of the open folder ``fd`` (``path``, ``rel_dir`` relative to the root),
    each ``stat``-ed by its name relative to the folder: a short path for the kernel to
    resolve, and no directory entry objects."""
    try:
        names = os.listdir(fd)
    except OSError as exc:
        raise Unlistable(path) from exc
    stat_ = os.stat
    for name in names:
        if name in skip_names:
            continue
        try:
            st = stat_(name, dir_fd=fd, follow_symlinks=False)
        except OSError as exc:
            raise Unlistable(path + name) from exc
        mode = st.st_mode
        if mode & _KIND == _FILE:
            out += (rel_dir + name, st.st_mtime_ns, st.st_size)
            continue
        if stat.S_ISDIR(mode):
            rel = rel_dir + name
            if rel in prune:
                continue
            out += (rel + "/", FOLDER, FOLDER)
            try:
                sub = os.open(name, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                raise Unlistable(path + name) from exc
            try:
                _list_at(sub, path + name + "/", rel + "/", out, prune, skip_names)
            finally:
                os.close(sub)
            continue
        if stat.S_ISLNK(mode):
            try:
                st = stat_(name, dir_fd=fd)
            except OSError:
                out += (rel_dir + name, -2, -2)     # a broken link
                continue
            if stat.S_ISDIR(st.st_mode):
                raise Unlistable(path + name)
        out += (rel_dir + name, st.st_mtime_ns, st.st_size)


def same_folders(root: str, folders: str, mtimes: str,
                 racy_from: float = 0) -> list[str] | None:
    """Whether each folder of ``root`` (``folders``, relative, ``""`` for ``root``, as
    :func:`pack_names` packs them) still has its mtime (``mtimes``, as :func:`pack_ints`
    packs them): a file added to, removed from or renamed in a folder changes it, a file
    written over in place does not. None when one changed, else the folders recorded at
    ``racy_from`` or later, which could have changed again within the same timestamp (their
    entries are for :func:`same_names` to compare)."""
    names = folders.split("\0")[:-1]
    try:
        fd = os.open(root, _DIR_FLAGS)
    except OSError:
        return None
    try:   # each folder by its path from root's open folder: fewer names for the kernel to walk
        now = pack_ints([os.stat(rel or ".", dir_fd=fd).st_mtime_ns for rel in names])
    except (OSError, ValueError, TypeError, OverflowError):
        return None
    finally:
        os.close(fd)
    if now != mtimes:
        return None
    return [rel for rel, mtime in zip(names, array("q", bytes.fromhex(mtimes)), strict=True)
            if mtime >= racy_from]


def pack_names(names: list[str]) -> str:
    """Names as one string (each ends in NUL), which JSON reads in one step."""
    return "".join(name + "\0" for name in names)


def pack_ints(numbers: list[int]) -> str:
    """Whole numbers (64-bit) as one hex string, which JSON reads in one step; raises
    OverflowError for a number beyond 64 bits."""
    return array("q", numbers).tobytes().hex()


def packed(flat: list) -> list[str]:
    """A listing as two strings that are equal exactly when two listings are: the names, then
    every mtime followed by every size."""
    return [pack_names(flat[0::3]), pack_ints(flat[1::3] + flat[2::3])]


# below this many folders the check stats them itself: a fork costs about a millisecond
FORK_FROM = 2000


def _forked(produce: Callable[[], bytes]) -> tuple[int, int] | None:
    """A forked child writes ``produce()`` down a pipe, then leaves without any clean-up:
    its pid and the pipe's read end, or None when this process cannot fork (no ``fork``,
    threads running, the fork failed)."""
    threads = sys.modules.get("threading")
    if not hasattr(os, "fork") or (threads is not None and threads.active_count() > 1):
        return None
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        try:
            os.close(read)
            data = produce()
            while data:
                data = data[os.write(write, data):]
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _drain(pid: int, fd: int) -> bytes:
    """What the child ``pid`` wrote down ``fd`` (empty when reading failed); the child reaped."""
    chunks = []
    try:
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError:
        chunks = []
    finally:
        os.close(fd)
        try:
            os.waitpid(pid, 0)
        except OSError:
            pass
    return b"".join(chunks)


def _listing_message(root: str, prune: Collection[str], folder_times: bool = False) -> bytes:
    """A listing as a child sends it: "+" and the marshalled list, or "-" when the tree
    cannot be listed."""
    try:
        return b"+" + marshal.dumps(listing(root, prune, folder_times=folder_times))
    except Unlistable:
        return b"-"


def _listing_of(message: bytes, root: str) -> list | None:
    """The listing in a child's message; raises :class:`Unlistable` when it says the tree
    cannot be listed, None when it is not whole."""
    if message[:1] == b"-":
        raise Unlistable(root)
    if message[:1] != b"+":
        return None
    try:
        flat = marshal.loads(message[1:])
    except (EOFError, ValueError, TypeError):
        return None
    return flat if isinstance(flat, list) else None


def listing_aside(root: str, prune: Collection[str] = ()) -> Callable[[], list]:
    """:func:`listing` (without folder times) made by a forked child while the caller goes
    on, on the second core beside its imports and its reading; the function returned waits
    for it and raises :class:`Unlistable` as :func:`listing` would (or when the child
    failed). With threads running, or no ``fork``: listed at once."""
    child = _forked(lambda: _listing_message(root, prune))
    if child is None:
        try:
            flat = listing(root, prune)
        except Unlistable:
            def failed() -> list:
                raise Unlistable(root) from None
            return failed
        return lambda: flat

    def result() -> list:
        flat = _listing_of(_drain(*child), root)
        if flat is None:
            raise Unlistable(root)
        return flat
    return result


# What a spawned child runs (:func:`listing_spawned`): this file loaded by its path (no
# package, no site-packages: a bare interpreter starts in about 15 ms), the listing with
# folder times written to standard output as :func:`_listing_message` gives it.
_CHILD = """import sys, importlib.util as u
spec = u.spec_from_file_location("_blogtool_tree", sys.argv[1])
tree = u.module_from_spec(spec)
spec.loader.exec_module(tree)
sys.stdout.buffer.write(tree._listing_message(sys.argv[2], sys.argv[3:], folder_times=True))
"""


def listing_spawned(root: str, prune: list[str]) -> Callable[[], list]:
    """:func:`listing` with folder times made by a new interpreter (spawned, not forked: a
    big process's pages are not shared with it, so nothing is copied as this one goes on
    writing) on the second core; the function returned waits for it, and raises
    :class:`Unlistable` as :func:`listing` would. When the child cannot start or fails,
    the listing is made in place, when asked."""
    import subprocess

    def here() -> list:
        return listing(root, prune=prune, folder_times=True)
    names = [root, *prune]
    if any("\0" in name for name in names):
        return here
    try:
        child = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _CHILD, os.path.abspath(__file__), *names],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (OSError, ValueError):
        return here

    def result() -> list:
        try:
            data, _ = child.communicate()
        except OSError:
            return here()
        if child.returncode != 0:
            return here()
        flat = _listing_of(data, root)
        return here() if flat is None else flat
    return result


def same_folders_aside(root: str, folders: str, mtimes: str,
                       racy_from: float = 0, fork: bool = True) -> Aside:
    """:func:`same_folders`, run by a forked child while the caller goes on (on a second
    core, the destination's stats beside the source's); :meth:`Aside.result` waits for it.
    Without ``fork``, with few folders, no ``fork`` or threads in this process: run in
    place, when asked."""
    def produce() -> bytes:
        racy = same_folders(root, folders, mtimes, racy_from)
        return b"-" if racy is None else \
            ("+" + "\0".join(racy)).encode("utf-8", "surrogateescape")
    child = _forked(produce) if fork and folders.count("\0") >= FORK_FROM else None
    if child is None:
        return Aside(lambda: same_folders(root, folders, mtimes, racy_from))
    return Aside(None, *child)


class Aside:
    """A folder check under way: :meth:`result` its answer, :meth:`drop` when it is not
    needed. In place (``answer``) or by a forked child (``pid``) that writes it to ``fd``:
    ``"-"`` when a folder changed, else ``"+"`` and the recent folders, NUL-separated."""

    def __init__(self, answer: Callable[[], list[str] | None] | None, pid: int = 0,
                 fd: int = -1):
        self._answer = answer
        self._pid = pid
        self._fd = fd

    def result(self) -> list[str] | None:
        if self._answer is not None:
            return self._answer()
        pid, self._pid = self._pid, 0
        data = _drain(pid, self._fd).decode("utf-8", "surrogateescape") if pid else ""
        if data[:1] != "+":
            return None       # a folder changed, or the child failed
        return data[1:].split("\0") if len(data) > 1 else []

    def drop(self) -> None:
        self._reap(True)

    def _reap(self, stop: bool) -> None:
        pid, self._pid = self._pid, 0
        if not pid:
            return
        os.close(self._fd)
        try:
            if stop:
                os.kill(pid, 9)     # SIGKILL (the signal module costs an import)
            os.waitpid(pid, 0)
        except OSError:
            pass


def folder_times(flat: list) -> tuple[str, str]:
    """The folders of a ``folder_times`` listing and their mtimes, packed for
    :func:`same_folders`; raises OverflowError for an mtime beyond 64 bits."""
    entries = [(rel, mtime) for rel, mtime, size in zip(flat[0::3], flat[1::3], flat[2::3],
                                                        strict=True) if size == FOLDER]
    return pack_names([rel for rel, _ in entries]), pack_ints([mtime for _, mtime in entries])


def granularity(flat: list) -> int:
    """The largest whole number of nanoseconds every mtime of a listing is a multiple of: a
    file system that keeps whole seconds (or two) shows it; 1 for one that keeps nanoseconds."""
    mtimes = [m for m in flat[1::3] if m > 0]
    return math.gcd(*mtimes) if mtimes else 1


def same_names(root: str, flat: list, folders: list[str], prune: Collection[str]) -> bool:
    """Whether ``folders`` of ``root`` hold the entries a ``folder_times`` listing lists."""
    base = root + "/"
    listed: dict[str, set[str]] = {}
    for folder in folders:
        names = listed[folder] = set()
        # a folder's entries follow it in the listing (depth first), each below it
        at = flat.index(folder) + 3 if folder else 3
        cut, end = len(folder), len(flat)
        while at < end and flat[at].startswith(folder):
            name = flat[at][cut:]
            slash = name.find("/")
            if slash < 0 or slash == len(name) - 1:
                names.add(name.rstrip("/"))
            at += 3
    for folder in folders:
        with os.scandir(base + folder) as it:
            names = {e.name for e in it if folder + e.name not in prune}
        if names != listed[folder]:
            return False
    return True


def _folders(flat: list) -> dict[str, tuple[int, list[tuple[str, int, int]]]]:
    """A ``folder_times`` listing by folder: its mtime and its entries in order, each as its
    name, mtime and size (FOLDER for a folder)."""
    folders: dict[str, tuple[int, list[tuple[str, int, int]]]] = {}
    for rel, mtime, size in zip(flat[0::3], flat[1::3], flat[2::3], strict=True):
        if size == FOLDER:
            folders[rel] = (mtime, [])
        if rel:
            parent, _, name = rel.rstrip("/").rpartition("/")
            known = folders.get(parent + "/" if parent else "")
            if known is not None:
                known[1].append((name, mtime, size))
    return folders


class _Walk:
    def __init__(self, out: list, prune: Collection[str], skip_names: Collection[str],
                 folder_times: bool, known: dict[str, tuple[int, list[tuple[str, int, int]]]],
                 racy_from: float):
        self.out = out
        self.prune = prune
        self.skip_names = skip_names
        self.folder_times = folder_times
        self.known = known
        self.racy_from = racy_from

    def folder(self, path: str, rel_dir: str, mtime: int) -> None:
        seen = self.known.get(rel_dir)
        if seen is not None and seen[0] == mtime and mtime < self.racy_from:
            out = self.out
            for name, stamp, size in seen[1]:
                if size != FOLDER:
                    out += (rel_dir + name, stamp, size)
                    continue
                try:
                    st = os.lstat(os.path.join(path, name))
                except OSError as exc:
                    raise Unlistable(os.path.join(path, name)) from exc
                self.entry(os.path.join(path, name), rel_dir + name, st)
            return
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise Unlistable(path) from exc
        for entry in entries:
            if entry.name in self.skip_names:
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                raise Unlistable(entry.path) from exc
            self.entry(entry.path, rel_dir + entry.name, st)

    def entry(self, path: str, rel: str, st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            if rel in self.prune:
                return
            mtime = st.st_mtime_ns if self.folder_times else FOLDER
            self.out += (rel + "/", mtime, FOLDER)
            self.folder(path, rel + "/", mtime)
            return
        if stat.S_ISLNK(st.st_mode):
            try:
                st = os.stat(path)
            except OSError:
                self.out += (rel, -2, -2)     # a broken link
                return
            if stat.S_ISDIR(st.st_mode):
                raise Unlistable(path)
        self.out += (rel, st.st_mtime_ns, st.st_size)


def newest(flat: list) -> int:
    """The latest mtime (ns) in a listing (0 when it lists no file)."""
    return max(flat[1::3], default=0)


def stamp(path: str) -> list:
    """``[mtime_ns, size]`` of one path (following links), ``[]`` when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return []
    return [st.st_mtime_ns, st.st_size]


def without(flat: list, prune: Collection[str]) -> list:
    """A listing without what lies in the folders ``prune``."""
    if not prune:
        return flat
    heads = tuple(p + "/" for p in prune)
    out: list = []
    for i in range(0, len(flat), 3):
        if not flat[i].startswith(heads):
            out += flat[i:i + 3]
    return out
