"""Theme sources downloaded from GitHub as a zip archive and unpacked into a per-user cache
(``$XDG_CACHE_HOME/blogtool/themes``, else ``~/.cache/blogtool/themes``).

The archive is kept with its SHA-256 recorded; later builds use the unpacked copy without
the network as long as the archive still matches its checksum. ``BLOGTOOL_THEME_DOWNLOAD_URL``
replaces ``https://codeload.github.com`` (a mirror, or a local server in tests);
``BLOGTOOL_OFFLINE=1`` (``--offline``) forbids downloading.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

DEFAULT_BASE = "https://codeload.github.com"
BASE_ENV = "BLOGTOOL_THEME_DOWNLOAD_URL"
OFFLINE_ENV = "BLOGTOOL_OFFLINE"
TIMEOUT = 60
MAX_BYTES = 200 * 1024 * 1024
MANIFEST = "theme.json"
ARCHIVE = "source.zip"

# jekyll-remote-theme: [host/]owner/name[@ref], owner word characters and dashes, name also dots
_OWNER = r"[\w-]+"
_NAME = r"[\w.-]+"
_REF = r"[\w.-]+"
_SHORT = re.compile(rf"\A/?(?P<owner>{_OWNER})/(?P<name>{_NAME})(?:@(?P<ref>{_REF}))?\Z")
_URL = re.compile(rf"\A(?P<scheme>https?)://(?P<host>[\w.-]+)/(?P<owner>{_OWNER})/"
                  rf"(?P<name>{_NAME})(?:@(?P<ref>{_REF}))?\Z")


class ThemeUnavailable(Exception):
    """The theme's files could not be had (offline, or the download failed)."""


@dataclass(frozen=True)
class RemoteRef:
    owner: str
    name: str
    ref: str = "HEAD"
    host: str = "github.com"

    @property
    def label(self) -> str:
        return f"{self.owner}/{self.name}@{self.ref}"


def parse_remote_theme(raw: str) -> RemoteRef | None:
    """``owner/name[@ref]`` or ``https://host/owner/name[@ref]``, read as jekyll-remote-theme
    reads it (lower-cased, trimmed); None when the value has neither form."""
    text = str(raw).strip().lower()
    m = _SHORT.match(text)
    if m:
        return RemoteRef(m["owner"], m["name"], m["ref"] or "HEAD")
    m = _URL.match(text)
    if m:
        return RemoteRef(m["owner"], m["name"], m["ref"] or "HEAD", m["host"])
    return None


def cache_root(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME") or os.path.join(env.get("HOME") or
                                                     os.path.expanduser("~"), ".cache")
    return Path(base) / "blogtool" / "themes"


def offline(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return (env.get(OFFLINE_ENV) or "").strip().lower() not in ("", "0", "false", "no")


def archive_url(ref: RemoteRef, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    base = env.get(BASE_ENV)
    if not base:
        base = DEFAULT_BASE if ref.host == "github.com" else f"https://codeload.{ref.host}"
    return f"{base.rstrip('/')}/{ref.owner}/{ref.name}/zip/{ref.ref}"


def _slot(ref: RemoteRef, env: Mapping[str, str] | None) -> Path:
    return cache_root(env) / ref.host / ref.owner / ref.name / ref.ref


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached(ref: RemoteRef, env: Mapping[str, str] | None = None) -> Path | None:
    """The unpacked theme if the cache holds it and its archive matches the recorded
    checksum."""
    slot = _slot(ref, env)
    try:
        manifest = json.loads((slot / MANIFEST).read_text("utf-8"))
        if _sha256(slot / ARCHIVE) != manifest.get("sha256"):
            return None
    except (OSError, ValueError, AttributeError):
        return None
    files = slot / "files"
    return files if files.is_dir() else None


def _download(url: str) -> bytes:
    import urllib.error  # here: HTTP, e-mail parsing and TLS cost every build otherwise
    import urllib.request
    request = urllib.request.Request(url, headers={"User-Agent": "blogtool"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ThemeUnavailable(f"downloading {url} failed: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ThemeUnavailable(f"downloading {url} failed: {reason}") from None
    if len(data) > MAX_BYTES:
        raise ThemeUnavailable(f"downloading {url} failed: larger than {MAX_BYTES} bytes")
    return data


def unpack(data: bytes, target: Path) -> None:
    """Extract a GitHub archive into ``target``, dropping its top folder
    (``name-ref/``). Entries that would leave ``target`` are refused."""
    import zipfile
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ThemeUnavailable("the download is not a zip archive") from None
    names = [n for n in archive.namelist() if n and not n.endswith("/")]
    tops = {PurePosixPath(n).parts[0] for n in archive.namelist() if n}
    strip = len(tops) == 1 and all("/" in n for n in names)
    for info in archive.infolist():
        if info.is_dir():
            continue
        parts = PurePosixPath(info.filename).parts[1 if strip else 0:]
        if not parts or any(p in ("..", "") or p.startswith("/") for p in parts) or \
                PurePosixPath(info.filename).is_absolute():
            raise ThemeUnavailable(f"the archive holds an unsafe path: {info.filename}")
        dest = target.joinpath(*parts)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as src, open(dest, "wb") as out:
            shutil.copyfileobj(src, out)


def fetch(ref: RemoteRef, env: Mapping[str, str] | None = None) -> Path:
    """The unpacked theme: from the cache, else downloaded (unless offline) and cached."""
    found = cached(ref, env)
    if found is not None:
        return found
    if offline(env):
        raise ThemeUnavailable("downloads are off (--offline) and the theme is not in the "
                               f"cache ({cache_root(env)})")
    url = archive_url(ref, env)
    data = _download(url)
    slot = _slot(ref, env)
    slot.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".download-", dir=slot.parent))
    try:
        unpack(data, staging / "files")
        (staging / ARCHIVE).write_bytes(data)
        (staging / MANIFEST).write_text(json.dumps(
            {"url": url, "repository": f"{ref.owner}/{ref.name}", "ref": ref.ref,
             "sha256": hashlib.sha256(data).hexdigest()}, indent=1) + "\n", "utf-8")
        if slot.exists():
            shutil.rmtree(slot)
        os.replace(staging, slot)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return slot / "files"
