"""Pure pieces of a new post: its slug, its date from ``--date``, its front matter (in the
site's style), a file name no other post has, and the URL Jekyll gives it."""
from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import yaml

from ... import urls
from ...errors import BuildError
from ...timeutil import RubyTime, parse_date_string
from .style import PostStyle

EMPTY_SLUG = "post"  # the slug of a title with no letter or digit at all ("？？？", "!!!")
_PLAIN_SCALAR = re.compile(r"^\w[\w./+-]*$")


def post_slug(title: str, slug: str | None = None) -> str:
    """Jekyll's ``default`` slug of ``slug`` or ``title``: CJK kept, never empty
    (:data:`EMPTY_SLUG` when nothing is left)."""
    return urls.slugify(slug if slug else title, "default") or EMPTY_SLUG


def parse_when(text: str, zone: _dt.tzinfo) -> RubyTime:
    """A ``--date`` value (``2026-11-23``, ``2026-11-23 10:00``, ``... +0800``), read in the
    site zone when it has no offset."""
    try:
        return parse_date_string(text, zone)
    except ValueError:
        raise BuildError("", None, f"--date '{text}' is not a date; write it like 2026-11-23 "
                         "or '2026-11-23 10:00' or '2026-11-23 10:00:00 +0800'") from None


def scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value`` (a string)."""
    if _PLAIN_SCALAR.match(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def front_matter(title: str, *, style: PostStyle, date: _dt.datetime | None,
                 category: str | None = None, tags: Sequence[str] = ()) -> str:
    """The post's first lines, front matter and (for Jekyll-Bootstrap sites) the setup include."""
    colon = " :" if style.spaced_colon else ":"
    lines = ["---"]
    if style.layout:
        lines.append(f"layout: {scalar(style.layout)}")
    lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if date is not None:
        lines.append(f"date: {date.strftime('%Y-%m-%d %H:%M:%S %z')}")
    if category:
        if style.category_key == "category":
            lines.append(f"category{colon} {scalar(category)}")
        else:
            lines.append(f"categories{colon} {flow_list([category])}")
    lines.append(f"tags{colon} {flow_list(list(tags))}")
    lines.append("---")
    if style.jb_setup:
        lines.append("{% include JB/setup %}")
    return "\n".join(lines) + "\n"


def unique_stem(stem: str, taken: Iterable[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``... whichever is not in ``taken`` (stems, no ext)."""
    used = set(taken)
    if stem not in used:
        return stem
    n = 2
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def post_url(config: Mapping, date: _dt.datetime, slug: str, categories: Sequence[str],
             name: str) -> str:
    """The URL Jekyll gives ``_posts/<name>`` with this date, slug and categories."""
    template = urls.style_template(config.get("permalink"))
    values = urls.document_placeholders(
        date=date, slug=slug, basename=Path(name).stem, categories=list(categories),
        collection="posts", output_ext=".html", rel_path=f"_posts/{name}")
    return urls.document_url(template, values)
