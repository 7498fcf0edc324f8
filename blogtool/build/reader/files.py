"""Which entries of the source tree Jekyll reads (its EntryFilter), symbolic links it refuses
(safe mode), and reading a file's bytes."""
from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ...errors import BuildError
from ..sourcefiles import NotRegularFile, read_source_bytes
from .context import ReadContext


def glob_include(patterns: tuple[str, ...], rel: str, is_dir: bool) -> bool:
    """Whether ``rel`` matches one of ``patterns`` (a glob, a prefix, or a folder named with
    a trailing slash)."""
    if not patterns:
        return False
    regex, prefixes, folders = _matcher(patterns)
    return rel.startswith(prefixes) or regex.match(rel) is not None or \
        (is_dir and rel + "/" in folders)


@lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> tuple[re.Pattern, tuple[str, ...], frozenset[str]]:
    """The patterns as one regular expression (what ``fnmatchcase`` matches with each of
    them), their prefixes and folder names, made once per set of patterns."""
    clean = tuple(p.lstrip("/") if p.startswith("/") else p for p in patterns)
    regex = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in clean))
    return regex, clean, frozenset(clean)


def keep_entry(ctx: ReadContext, rel: str, is_dir: bool) -> bool:
    """True when Jekyll would read ``rel`` (source-relative POSIX path)."""
    name = rel.rsplit("/", 1)[-1]
    if name.endswith("."):
        return False
    s = ctx.settings
    included = glob_include(s.include, rel, is_dir) or glob_include(s.include, name, is_dir)
    excluded = glob_include(tuple(p for p in s.exclude if p not in s.include), rel, is_dir)
    if excluded and not included:
        return False
    if included:
        return True
    return not (hidden(name) or rel[:1] in "._#~")


def safe_dir(ctx: ReadContext, path: Path, rel: str) -> bool:
    """Refuse symlinks that leave the source, and loops (Jekyll's safe mode)."""
    real = os.path.realpath(path)
    if real == ctx.dest_real or real.startswith(ctx.dest_real + os.sep):
        return False
    src = str(ctx.source)
    if real != src and not real.startswith(src + os.sep):
        ctx.diagnostics.warn(rel, None, "is a symbolic link that points outside the site; "
                                        "not followed")
        return False
    if real in _ancestor_reals(ctx, rel):
        ctx.diagnostics.warn(rel, None, "is a symbolic link loop; not followed")
        return False
    return True


def _ancestor_reals(ctx: ReadContext, rel: str) -> set[str]:
    """Real paths of the folders above ``rel`` on the way it was reached. A folder link is a
    loop when it leads back to one of them; a second way into another folder is read again,
    as Jekyll does."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    return {os.path.realpath(ctx.source.joinpath(*parts[:i])) for i in range(len(parts))}


def safe_file(ctx: ReadContext, path: Path, rel: str) -> bool:
    if not path.is_symlink():
        return True
    real = os.path.realpath(path)
    src = str(ctx.source)
    if not real.startswith(src + os.sep):
        ctx.diagnostics.warn(rel, None, "is a symbolic link that points outside the site; "
                                        "not read")
        return False
    return True


def nfc(ctx: ReadContext, rel: str) -> str:
    """macOS writes NFD names; blogtool makes them NFC so URLs match across systems. Jekyll
    keeps them as they are on disk, and so does compat mode."""
    return unicodedata.normalize("NFC", rel) if ctx.settings.improved else rel


def scandir(path: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(path) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def hidden(name: str) -> bool:
    """Names Jekyll never reads unless included: dot, underscore, hash and tilde files."""
    return name[:1] in "._#~" or name.endswith("~")


def folder_entries(ctx: ReadContext, base: Path, rel_base: str) -> list[tuple[str, str]]:
    """Files under a special folder (``_posts``, a collection, ``_layouts``), recursively,
    filtered like Jekyll's ``Dir["**/*"]``: (path inside the folder, the file's path). The
    path is a string: a ``Path`` costs several microseconds to make, thousands of times."""
    out: list[tuple[str, str]] = []

    def walk(path: Path, sub: str) -> None:
        if not safe_dir(ctx, path, posixpath.join(rel_base, sub) if sub else rel_base):
            return
        for entry in scandir(path):
            inner = nfc(ctx, posixpath.join(sub, entry.name) if sub else entry.name)
            if entry.name.endswith(".") or hidden(entry.name) or inner[:1] in "._#~":
                continue
            rel = posixpath.join(rel_base, inner)
            if glob_include(ctx.settings.exclude, rel, entry.is_dir()):
                continue
            if entry.is_dir():
                walk(Path(entry.path), inner)
            elif not entry.is_symlink() or safe_file(ctx, Path(entry.path), rel):
                out.append((inner, entry.path))

    walk(base, "")
    return out


def read_bytes(ctx: ReadContext, path: str | Path, rel: str, *,
               document: bool = False) -> bytes | None:
    """The file's bytes. Jekyll reads posts and collection documents inside a rescue (an
    unreadable one is logged and skipped) but stops on any other file it cannot read."""
    try:
        return read_source_bytes(path)
    except NotRegularFile:
        ctx.diagnostics.warn(rel, None, "is not a regular file (a named pipe, socket or device); "
                                        "skipped")
        return None
    except OSError as exc:
        if document:
            ctx.diagnostics.warn(rel, None, f"cannot be read ({exc.strerror or exc}); skipped")
            return None
        raise BuildError(rel, None, f"cannot be read ({exc.strerror or exc})") from None
