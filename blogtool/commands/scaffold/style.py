"""The habits of the site's recent posts (layout, Jekyll-Bootstrap's setup include,
``category :`` or ``categories:``), so a new post looks like the others."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.+)\.([^.]+)$")
_JB_SETUP = re.compile(r"\{%-?\s*include\s+JB/setup\s*-?%\}")
_FM_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_CATEGORY_LINE = re.compile(r"^(category|categories)([ \t]*):", re.M)
_TAXONOMY_LINE = re.compile(r"^(?:category|categories|tags?)([ \t]*):", re.M)
_LAYOUT_LINE = re.compile(r"^layout[ \t]*:[ \t]*['\"]?([\w./-]+)['\"]?[ \t]*\r?$", re.M)
_RECENT_POSTS = 20  # the style of the newest posts is the style the author writes in now


@dataclass(frozen=True)
class PostStyle:
    """How the site's posts write their front matter."""

    layout: str | None = "post"
    jb_setup: bool = False         # ``{% include JB/setup %}`` after the front matter
    category_key: str = "categories"  # "category" (one string) or "categories" (a list)
    spaced_colon: bool = False     # ``category : x`` as Jekyll-Bootstrap writes it


def _front_matter_block(text: str) -> str | None:
    m = _FM_OPEN.match(text)
    if not m:
        return None
    end = _FM_CLOSE.search(text, m.end())
    return text[m.end():end.start()] if end else None


def _vote(values: Sequence, default):
    """Most common value; ties go to the newest (last) post's choice."""
    if not values:
        return default
    counts = Counter(values)
    best = max(counts.values())
    for value in reversed(values):
        if counts[value] == best:
            return value
    return default  # pragma: no cover - unreachable


def detect_style(texts: Iterable[str]) -> PostStyle:
    """The majority habits of ``texts`` (post sources, oldest first)."""
    jb: list[bool] = []
    keys: list[str] = []
    spaced: list[bool] = []
    layouts: list[str] = []
    for text in texts:
        block = _front_matter_block(text)
        jb.append(bool(_JB_SETUP.search(text)))
        if block is None:
            continue
        # one vote per post for each habit, whatever the number of lines showing it
        post_keys = [m.group(1) for m in _CATEGORY_LINE.finditer(block)]
        if post_keys:
            keys.append(post_keys[-1])
        post_spaced = [bool(m.group(1)) for m in _TAXONOMY_LINE.finditer(block)]
        if post_spaced:
            spaced.append(any(post_spaced))
        layout = _LAYOUT_LINE.search(block)
        if layout:
            layouts.append(layout.group(1))
    return PostStyle(
        layout=_vote(layouts, "post"),
        jb_setup=_vote(jb, False),
        category_key=_vote(keys, "categories"),
        spaced_colon=_vote(spaced, False),
    )


def recent_post_texts(source: Path) -> list[str]:
    posts_dir = source / "_posts"
    if not posts_dir.is_dir():
        return []
    names = sorted((p for p in posts_dir.rglob("*") if p.is_file() and POST_NAME.match(p.name)),
                   key=lambda p: p.name)
    texts = []
    for path in names[-_RECENT_POSTS:]:
        try:
            texts.append(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue  # a GBK post says nothing about style; the build reports it
    return texts
