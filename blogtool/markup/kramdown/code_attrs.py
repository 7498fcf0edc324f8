"""Render wrapper: attributes from an IAL on a fenced or indented code block.

kramdown puts them on the outer element of the highlighted block, the classes between the
language class and ``highlighter-rouge`` (``language-ruby x highlighter-rouge``). A class
``language-NAME`` from the IAL names the block's language when the block has none (the way
kramdown documents for indented code).
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_LANG_CLASS = re.compile(r"(?:^|\s)language-(\S+)")
_FIRST_TAG = re.compile(r"<(\w+)([^>]*)>")
_CLASS = re.compile(r'\sclass="([^"]*)"')


def take_language(token: Token) -> None:
    """Move a ``language-NAME`` class of an unlabelled code block into its info string."""
    cls = str(token.attrs.get("class", ""))
    m = _LANG_CLASS.search(cls)
    if m is None:
        return
    if not token.info.strip():
        token.info = m.group(1)
        token.type = "fence"                # the code renderer reads languages of fences
    rest = (cls[:m.start()] + cls[m.end():]).split()
    if rest:
        token.attrs["class"] = " ".join(rest)
    else:
        del token.attrs["class"]


def _merge(rendered: str, attrs: dict) -> str:
    m = _FIRST_TAG.match(rendered)
    if m is None:
        return rendered
    existing = m.group(2)
    extra = dict(attrs)
    classes = str(extra.pop("class", ""))
    cm = _CLASS.search(existing)
    if cm:
        parts = cm.group(1).split()
        if parts and parts[-1].startswith("highlighter-"):
            parts[-1:-1] = classes.split()
        else:
            parts += classes.split()
        existing = existing[:cm.start()] + f' class="{html.escape(" ".join(parts))}"' + \
            existing[cm.end():]
    elif classes:
        existing = f' class="{html.escape(classes)}"' + existing
    existing += "".join(f' {k}="{html.escape(str(v))}"' for k, v in extra.items())
    return f"<{m.group(1)}{existing}>" + rendered[m.end():]


def code_attrs_plugin(md: MarkdownIt) -> None:
    """Wrap the installed ``fence`` and ``code_block`` render rules."""
    for name in ("fence", "code_block"):
        inner = getattr(md.renderer, "rules", {}).get(name)
        if inner is None:
            continue

        def render(self, tokens: Sequence[Token], idx: int, opts: OptionsDict, env: EnvType,
                   _inner=inner) -> str:
            token = tokens[idx]
            if not token.attrs:
                return _inner(tokens, idx, opts, env)
            take_language(token)
            attrs = dict(token.attrs)
            token.attrs = {}
            try:
                out = _inner(tokens, idx, opts, env)
            finally:
                token.attrs = attrs
            return _merge(out, attrs) if attrs else out

        md.add_render_rule(name, render)
