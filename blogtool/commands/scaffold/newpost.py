"""``blogtool new``: a new post named, dated and styled like the site's own, written without
ever replacing a file."""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import BuildError
from ...timeutil import RubyTime
from .posttext import front_matter, parse_when, post_slug, post_url, unique_stem
from .siteconfig import now_in, read_config, read_zone
from .style import detect_style, recent_post_texts

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class NewPost:
    """A post about to be written (or just written)."""

    path: Path
    text: str
    slug: str
    date: RubyTime | None
    url: str | None  # None for a draft without a date (its URL follows the file's mtime)


def _taken_stems(directory: Path, prefix: str) -> set[str]:
    if not directory.is_dir():
        return set()
    stems = set()
    for p in directory.rglob(prefix + "*"):
        stem = p.name.rsplit(".", 1)[0] if "." in p.name else p.name
        stems.add(stem)
    return stems


def plan_post(source: Path, title: str, *, slug: str | None = None, category: str | None = None,
              tags: Sequence[str] = (), draft: bool = False, date: str | None = None,
              now: _dt.datetime | None = None, body: str = "") -> NewPost:
    """Decide name, front matter and URL of a new post; writes nothing.

    ``now`` (aware) stands for the current instant when ``date`` is not given.
    """
    source = Path(source)
    title = _WS.sub(" ", title).strip()
    if not title:
        raise BuildError("", None, "the title is empty; give the post a title")
    config = read_config(source)
    zone = read_zone(config)
    if date:
        when: RubyTime | None = parse_when(date, zone)
    elif draft:
        when = None
    else:
        when = now_in(zone, now)
    base_slug = post_slug(title, slug)
    style = detect_style(recent_post_texts(source))
    tag_list = [t.strip() for t in tags if t and t.strip()]
    category = category.strip() if category and category.strip() else None

    if draft:
        folder = source / "_drafts"
        stem = unique_stem(base_slug, _taken_stems(folder, base_slug))
        final_slug = stem
        name = f"{stem}.md"
    else:
        assert when is not None
        folder = source / "_posts"
        day = when.strftime("%Y-%m-%d")
        stem = unique_stem(f"{day}-{base_slug}", _taken_stems(folder, f"{day}-{base_slug}"))
        final_slug = stem[len(day) + 1:]
        name = f"{stem}.md"
    text = front_matter(title, style=style, date=when, category=category, tags=tag_list)
    if body:
        text += "\n" + body.rstrip("\n") + "\n"
    else:
        text += "\n"
    url = (post_url(config, when, final_slug, [category] if category else [], name)
           if when is not None else None)
    return NewPost(path=folder / name, text=text, slug=final_slug, date=when, url=url)


def write_post(post: NewPost) -> Path:
    """Create the file; never replaces one (``"x"`` mode), even one that appeared meanwhile."""
    post.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(post.path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(post.text)
    except FileExistsError:
        raise BuildError(str(post.path), None, "a file with this name appeared while writing; "
                         "run the command again") from None
    return post.path


def new_post(source: Path, title: str, **options) -> NewPost:
    """:func:`plan_post` then :func:`write_post`."""
    post = plan_post(source, title, **options)
    write_post(post)
    return post
