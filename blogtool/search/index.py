"""``site.errors``: every error the site's posts show, grouped by exception class.

Built once, after the posts are converted (their ``page.errors`` are known) and before the
pages that list them (the error index page, a Jekyll layout) render. The value is a list a
Liquid layout can loop over::

    {% for group in site.errors %}
      {{ group.exception }} ({{ group.name }}, id {{ group.id }})
      {% for sig in group.signatures %}
        {{ sig.message }}
        {% for hit in sig.posts %}
          <a href="{{ hit.url | relative_url }}">{{ hit.post.title }}</a>
        {% endfor %}
      {% endfor %}
    {% endfor %}

Exception groups come first, by class name without the package; messages without an
exception form the last group (``exception`` empty). ``hit.url`` is the post's URL with the
block's fragment; ``hit.post`` is the post's own ``page`` object.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["site_errors", "group_id", "short_name"]

_UNSAFE = re.compile(r"[^\w.$-]+")


def short_name(exception: str) -> str:
    """``org.apache.Foo$BarException`` -> ``Foo$BarException``: the last dotted part."""
    return exception.rsplit(".", 1)[-1]


def group_id(exception: str) -> str:
    """The fragment id of an exception's group on the error index page."""
    return "e-" + (_UNSAFE.sub("-", exception).strip("-") or "log")


def site_errors(posts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups of signatures, each with the posts (newest first as given) that show it."""
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    listed_in: dict[tuple[str, str], set[int]] = {}    # the posts (ids) a signature lists
    for post in posts:
        found = dict.get(post, "errors")     # untracked reads: the index is built once
        if not found:
            continue
        url = str(dict.get(post, "url") or "")
        for error in found:
            exception = error.get("exception") or ""
            sigs = groups.setdefault(exception, {})
            message = error.get("message") or ""
            sig = sigs.setdefault(message, {"message": message,
                                            "context": error.get("context") or "", "posts": []})
            ids = listed_in.setdefault((exception, message), set())
            if id(post) not in ids:
                ids.add(id(post))
                sig["posts"].append({"post": post, "block": error.get("block"),
                                     "url": f"{url}#{error.get('block')}"})
    order = sorted((e for e in groups if e),
                   key=lambda e: (short_name(e).lower(), e))
    if "" in groups:
        order.append("")
    result = []
    for exception in order:
        listed = list(groups[exception].values())
        shown = {id(hit["post"]) for entry in listed for hit in entry["posts"]}
        result.append({"exception": exception, "name": short_name(exception),
                       "id": group_id(exception), "signatures": listed,
                       "post_count": len(shown)})
    return result
