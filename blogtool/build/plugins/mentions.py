"""jekyll-mentions (1.6): ``@name`` in the text of a page becomes a link to the GitHub
profile, ``<a href="https://github.com/name" class="user-mention">@name</a>``, as
html-pipeline's mention filter writes it. Text inside ``pre``, ``code``, ``a``, ``style`` and
``script`` is left alone; ``@mention``, ``@mentions``, ``@mentioned`` and ``@mentioning`` stay
text. ``jekyll-mentions: URL`` (or ``{base_url: URL}``), in ``_config.yml`` or a page's
front matter, replaces ``https://github.com``; ``jekyll-mentions: false`` in front matter
turns it off for that page.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from ...errors import BuildError
from .htmltext import rewrite_body

IGNORED = ("pre", "code", "a", "style", "script")
RESERVED = frozenset({"mention", "mentions", "mentioned", "mentioning"})
_PATTERN = re.compile(r"(?:^|\W)@((?>\w[\w-]*))(?!/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)",
                      re.I | re.M | re.A)


def base_url(config: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    setting = data["jekyll-mentions"] if "jekyll-mentions" in data else \
        config.get("jekyll-mentions")
    default = "https://github.com"
    if os.environ.get("SSL") and os.environ.get("GITHUB_HOSTNAME"):
        scheme = "https://" if os.environ["SSL"] == "true" else "http://"
        default = scheme + os.environ["GITHUB_HOSTNAME"].rstrip("/")
    if setting is None:
        return default
    if isinstance(setting, str):
        return setting
    if isinstance(setting, Mapping):
        return str(setting.get("base_url", default))
    raise BuildError("_config.yml", None, "Your jekyll-mentions config has to either be a "
                                          f"string or a hash. It's a {type(setting).__name__} "
                                          "right now.")


def mentionify(output: str, config: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    if "@" not in output or data.get("jekyll-mentions") is False:
        return output
    base = base_url(config, data)
    base = base if re.search(r"[/~]\Z", base) else base + "/"

    def link(m: re.Match[str]) -> str:
        login = m.group(1)
        if login.lower() in RESERVED:
            return m.group(0)
        return m.group(0).replace(f"@{login}",
                                  f'<a href="{base}{login}" class="user-mention">@{login}</a>', 1)

    def rewrite(text: str) -> str:
        return _PATTERN.sub(link, text) if "@" in text else text

    return rewrite_body(output, IGNORED, rewrite)
