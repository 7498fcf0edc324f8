"""Core rule (after typography): automatic header ids, as Jekyll's kramdown gives them.

With ``input: GFM`` (Jekyll's default) the id is GitHub's slug of the heading's text (see
:func:`..cjk.heading_slug`; CJK letters stay); with ``input: kramdown`` it is kramdown's ASCII
id (``section`` when nothing is left). Repeats get ``-1``, ``-2``...; headings that already have
an id (``{#id}``, an IAL) keep it and are not counted. ``auto_id_prefix`` goes in front;
``auto_ids: false`` (also from ``{::options auto_ids="false" /}``) turns the ids off.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..cjk import heading_slug

_NON_ALPHA_START = re.compile(r"^[^a-zA-Z]+")
_NOT_ID = re.compile(r"[^a-zA-Z0-9 -]")


def kramdown_basic_id(text: str) -> str:
    """kramdown's own id (``input: kramdown``): ASCII letters, digits and dashes only."""
    gen = _NOT_ID.sub("", _NON_ALPHA_START.sub("", text)).replace(" ", "-").lower()
    return gen or "section"


def heading_text(inline: Token) -> str:
    """The text of a heading as kramdown collects it: text and code, no markup."""
    return "".join(c.content for c in (inline.children or [])
                   if c.type in ("text", "text_special", "code_inline", "math_inline"))


def option_on(value: object, default: bool = True) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0", "nil", "")
    return bool(value)


def make_auto_ids(gfm: bool, enabled: bool, prefix: str) -> Callable[[StateCore], None]:
    slug = heading_slug if gfm else kramdown_basic_id

    def auto_ids(state: StateCore) -> None:
        overrides = state.env.get("kramdown_options") or {}
        if not option_on(overrides.get("auto_ids"), enabled):
            return
        pre = str(overrides.get("auto_id_prefix", prefix))
        counts: dict[str, int] = {}
        html_counts: dict[str, int] = {}
        tokens = state.tokens
        for i, tok in enumerate(tokens):
            if tok.type != "heading_open" or "id" in tok.attrs:
                continue
            inline = tokens[i + 1]
            if gfm and tok.meta and tok.meta.get("kramdown_html"):
                # inside <div markdown="1">: kramdown's converter makes the id, not the parser
                gen = kramdown_basic_id(heading_text(inline))
                n = html_counts[gen] = html_counts.get(gen, -1) + 1
                tok.attrs["id"] = pre + (f"{gen}-{n}" if n else gen)
                continue
            gen = slug(heading_text(inline))
            if gfm:
                n = counts.get(gen, -1) + 1
                counts[gen] = n
                final = f"{gen}-{n}" if n else gen
            elif gen in counts:
                counts[gen] += 1
                final = f"{gen}-{counts[gen]}"
            else:
                counts[gen] = 0
                final = gen
            if final or pre:
                tok.attrs["id"] = pre + final

    return auto_ids
