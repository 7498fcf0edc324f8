"""Plugins that rewrite a page's HTML after its layout (Jekyll's ``post_render`` hook):
jemoji, then jekyll-mentions. Only HTML pages and written documents (``.html`` output, or a
permalink ending in ``/``) are touched."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import emoji, mentions


def _html(doc: Any) -> bool:
    permalink = doc.data.get("permalink")
    return doc.output_ext == ".html" or (isinstance(permalink, str) and permalink.endswith("/"))


def post_render(plugins: tuple[str, ...], config: Mapping[str, Any], doc: Any,
                output: str) -> str:
    if not plugins or not _html(doc) or not (doc.kind == "page" or doc.write):
        return output
    if "jemoji" in plugins:
        output = emoji.emojify(output, config)
    if "jekyll-mentions" in plugins:
        output = mentions.mentionify(output, config, doc.data)
    return output
