"""The addresses ``serve`` prints and gives the site, and whether it listens on loopback."""
from __future__ import annotations

import ipaddress

from .paths import normalize_baseurl


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_url(host: str, port: int, baseurl: str = "") -> str:
    """The address printed and opened: ``http://127.0.0.1:4000/blog/``."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{normalize_baseurl(baseurl)}/"


def site_url(host: str, port: int) -> str:
    """``site.url`` in development, as ``jekyll serve`` sets it (loopback shown as localhost)."""
    if host in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "::", ""):
        return f"http://localhost:{port}"
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}"
