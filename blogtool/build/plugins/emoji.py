"""jemoji (0.12): ``:name:`` in the text of a page becomes GitHub's emoji image, as the
plugin writes it: ``<img class="emoji" title=":smile:" alt=":smile:" src="…/emoji/unicode/
1f604.png" height="20" width="20">``. Text inside ``pre``, ``code`` and ``tt`` is left alone.

The names are gemoji's aliases. They come from the ``emoji`` package (its ``alias`` data is
taken from gemoji and kept up to date with Unicode releases), plus GitHub's own images that
are not Unicode characters. The image file is named after the code points (without U+FE0F
and U+200D), as gemoji names them. ``emoji: {src: URL}`` replaces GitHub's asset host.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .htmltext import rewrite_body

DEFAULT_ROOT = "https://github.githubassets.com/images/icons/"
IGNORED = ("pre", "code", "tt")
# GitHub's images that are not Unicode characters (gemoji's "custom" emoji)
CUSTOM = ("atom", "basecamp", "basecampy", "bowtie", "electron", "feelsgood", "finnadie",
          "fishsticks", "goberserk", "godmode", "hurtrealbad", "neckbeard", "octocat", "rage1",
          "rage2", "rage3", "rage4", "shipit", "suspect", "trollface")


@lru_cache(maxsize=1)
def filenames() -> dict[str, str]:
    """Alias -> image file below ``emoji/``."""
    import emoji as emoji_data  # the 'emoji' package

    names: dict[str, str] = {}
    for char, data in emoji_data.EMOJI_DATA.items():
        for alias in data.get("alias") or ():
            hexes = "-".join(f"{ord(c):04x}" for c in char)
            hexes = re.sub(r"-(fe0f|200d)\b", "", hexes)
            names.setdefault(alias.strip(":"), f"unicode/{hexes}.png")
    for name in CUSTOM:
        names.setdefault(name, f"{name}.png")
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(filenames())
    return re.compile(":(" + "|".join(re.escape(n) for n in names) + "):")


def asset_root(config: Mapping[str, Any]) -> str:
    settings = config.get("emoji")
    if isinstance(settings, Mapping) and settings.get("src"):
        return str(settings["src"])
    host = os.environ.get("ASSET_HOST_URL")
    return f"{host.rstrip('/')}/images/icons/" if host else DEFAULT_ROOT


def image_tag(name: str, root: str) -> str:
    src = root.rstrip("/") + "/emoji/" + filenames()[name]
    return (f'<img class="emoji" title=":{name}:" alt=":{name}:" src="{src}" height="20" '
            f'width="20">')


def emojify(output: str, config: Mapping[str, Any]) -> str:
    if ":" not in output:
        return output
    root = asset_root(config)
    pattern = _pattern()

    def rewrite(text: str) -> str:
        if ":" not in text:
            return text
        return pattern.sub(lambda m: image_tag(m.group(1), root), text)

    return rewrite_body(output, IGNORED, rewrite)
