"""An old site's output against a new build: the URLs the old one served that the new one
cannot, resolved as a static web server resolves them."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from urllib.parse import unquote

_HTML = (".html", ".htm")


def url_key(rel_path: str) -> str:
    """The resource a URL path names, as a static server resolves it: percent-decoded, NFC,
    ``x.html``, ``x`` and ``x/index.html`` the same."""
    path = unicodedata.normalize("NFC", unquote(rel_path.replace(os.sep, "/"))).strip("/")
    for index in ("index.html", "index.htm"):
        if path == index:
            return ""
        if path.endswith("/" + index):
            return path[: -len(index) - 1]
    for ext in _HTML:
        if path.lower().endswith(ext):
            return path[: -len(ext)]
    return path


def site_files(root: Path | str) -> list[str]:
    """Root-relative POSIX paths of the files a site directory serves."""
    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and ".git" not in p.relative_to(root).parts)


def missing_urls(old_site: Path | str, new_site: Path | str) -> list[str]:
    """URLs (``/``-rooted, decoded) of the files of ``old_site`` that ``new_site`` cannot
    serve, so a migration breaks no link or bookmark."""
    have = {url_key(p) for p in site_files(new_site)}
    missing = []
    for rel in site_files(old_site):
        if url_key(rel) not in have:
            missing.append("/" + unicodedata.normalize("NFC", unquote(rel)))
    return missing
