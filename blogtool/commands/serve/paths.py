"""Request paths to files of the built site, the way ``jekyll serve`` maps them, refusing
anything that could leave the destination; and waiting out the build's folder swap."""
from __future__ import annotations

import mimetypes
import os
import re
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

INDEX_NAMES = ("index.html", "index.htm", "index.xhtml", "index.xml", "index.json")
EXTENSIONLESS = (".html", ".xhtml", ".htm")

# Raw (still encoded) request paths that are refused before decoding: encoded slashes and
# backslashes would let a segment smuggle a separator past the ``..`` check.
_BAD_ENCODED = re.compile(r"%(?:2f|5c|00)", re.IGNORECASE)
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
               "application/rss+xml", "application/atom+xml", "image/svg+xml",
               "application/manifest+json", "application/xhtml+xml")


def normalize_baseurl(baseurl: str | None) -> str:
    """``""`` or ``/blog`` (leading slash, no trailing slash), as the mount point."""
    value = (baseurl or "").strip().strip("/")
    return f"/{value}" if value else ""


@dataclass(frozen=True)
class Mount:
    """Where the site lives on disk and under which URL path it is served."""

    root: Path
    baseurl: str = ""

    @classmethod
    def make(cls, root: Path | str, baseurl: str | None) -> Mount:
        return cls(Path(os.path.abspath(root)), normalize_baseurl(baseurl))


@dataclass(frozen=True)
class Resolution:
    """The outcome of mapping a request path: a file to send, a redirect, or an error status."""

    status: int
    file: str | None = None          # real path of the file to send (status 200 or 404)
    location: str | None = None      # for redirects


BAD_REQUEST = Resolution(HTTPStatus.BAD_REQUEST)
NOT_FOUND = Resolution(HTTPStatus.NOT_FOUND)


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real + os.sep)


def _safe_file(path: str, root_real: str) -> str | None:
    """The real path of ``path`` when it is a regular file whose real path stays inside."""
    real = os.path.realpath(path)
    if not _inside(real, root_real):
        return None
    return real if os.path.isfile(real) else None


def decode_path(raw: str) -> str | None:
    """The decoded URL path, or None when it is malformed or tries to leave the site.

    Refused: encoded ``/``, ``\\`` or NUL, a literal backslash or NUL, invalid UTF-8, and any
    ``..`` segment in any encoding (checked after decoding, so ``%2e%2e`` is caught too).
    """
    path = urlsplit(raw).path if "://" in raw[:12] else raw.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or _BAD_ENCODED.search(path) or "\\" in path or "\x00" in path:
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded:
        return None
    if any(segment == ".." for segment in decoded.split("/")):
        return None
    return decoded


def resolve(mount: Mount, raw_path: str) -> Resolution:
    """Map a request target to a file of the site, the way ``jekyll serve`` does.

    ``/blog/`` -> ``index.html``, ``/blog/about`` -> ``about.html``, ``/blog/2014`` -> a
    redirect to ``/blog/2014/``; outside ``baseurl`` everything is 404.
    """
    decoded = decode_path(raw_path)
    if decoded is None:
        return BAD_REQUEST
    base = mount.baseurl
    if base:
        if decoded == base:
            return Resolution(HTTPStatus.MOVED_PERMANENTLY, location=quote(base + "/"))
        if not decoded.startswith(base + "/"):
            return NOT_FOUND
        decoded = decoded[len(base):]
    rel = "/".join(p for p in decoded.split("/") if p not in ("", "."))
    root_real = os.path.realpath(mount.root)
    candidate = os.path.join(root_real, *rel.split("/")) if rel else root_real
    real = os.path.realpath(candidate)
    if not _inside(real, root_real):
        return NOT_FOUND
    if os.path.isdir(real):
        if not decoded.endswith("/"):
            return Resolution(HTTPStatus.MOVED_PERMANENTLY,
                              location=quote(base + decoded + "/", safe="/"))
        for name in INDEX_NAMES:
            found = _safe_file(os.path.join(real, name), root_real)
            if found:
                return Resolution(HTTPStatus.OK, found)
        return NOT_FOUND
    if os.path.isfile(real):
        return Resolution(HTTPStatus.OK, real) if not decoded.endswith("/") else NOT_FOUND
    if rel and not decoded.endswith("/"):
        for ext in EXTENSIONLESS:
            found = _safe_file(candidate + ext, root_real)
            if found:
                return Resolution(HTTPStatus.OK, found)
    return NOT_FOUND


def not_found_file(mount: Mount) -> str | None:
    """The site's own ``404.html``, when it has one (served with status 404)."""
    return _safe_file(os.path.join(mount.root, "404.html"), os.path.realpath(mount.root))


def content_type(path: str) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind.startswith(_TEXT_TYPES):
        kind += "; charset=utf-8"
    return kind


def swap_in_progress(root: Path) -> bool:
    """Between the two renames of a swap the old site sits beside the missing destination as
    ``.<name>.old-<pid>`` (see :class:`blogtool.build.output.Staging`)."""
    prefix = f".{root.name}.old-"
    try:
        return any(name.startswith(prefix) for name in os.listdir(root.parent))
    except OSError:
        return False


def wait_for_swap(mount: Mount, limit: float = 2.0) -> None:
    """Wait (briefly) while the destination is missing because a swap is half done."""
    deadline = time.monotonic() + limit
    while not os.path.isdir(mount.root) and swap_in_progress(mount.root) \
            and time.monotonic() < deadline:
        time.sleep(0.005)


def folder_identity(root: Path) -> tuple[int, int] | None:
    """Which folder the destination is right now (a swap puts another in its place)."""
    try:
        st = os.stat(root)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
