"""``markdown: CommonMark`` (jekyll-commonmark) and ``markdown: GFM`` / ``CommonMarkGhPages``
(jekyll-commonmark-ghpages): plain CommonMark through commonmarker, without kramdown's syntax.

What those converters do, reproduced on markdown-it:

* the ``commonmark: {options: [...], extensions: [...]}`` settings: ``SMART`` (quotes and
  dashes), ``HARDBREAKS``, ``UNSAFE`` (raw HTML kept; otherwise each piece of it is replaced by
  ``<!-- raw HTML omitted -->`` and ``javascript:``-like links are dropped, commonmarker's safe
  default); extensions ``table``, ``strikethrough``, ``autolink`` (bare URLs), ``tagfilter``;
* code blocks in Rouge's shape with ``data-lang`` (``<div class="language-x highlighter-rouge">
  <div class="highlight"><pre class="highlight"><code data-lang="x">``), inline code plain;
* the GitHub Pages flavour turns on GitHub's extensions when none are configured and gives
  headings kramdown-style ids (ASCII, ``section`` when nothing is left, ``-1``, ``-2``...).

blogtool's CJK rules stay on unless ``compat: jekyll`` (or ``cjk: false``).
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .gfm_autolink import gfm_autolink_plugin
from .highlight import escape_code, find_lexer, inline_spans
from .options import MarkupOptions

__all__ = ["make_commonmark", "is_ghpages"]

_GITHUB_EXTENSIONS = ("table", "strikethrough", "autolink", "tagfilter")
_OMITTED = "<!-- raw HTML omitted -->"
_FILTERED = re.compile(r"<(/?)(title|textarea|style|xmp|iframe|noembed|noframes|script|"
                       r"plaintext)(?=[\s/>])", re.IGNORECASE)


def is_ghpages(options: MarkupOptions) -> bool:
    return options.markdown.lower() in ("gfm", "commonmarkghpages")


def _settings(options: MarkupOptions) -> tuple[set[str], set[str]]:
    mapping = options.commonmark_settings()
    opts = {str(o).upper() for o in mapping.get("options") or ()}
    exts = {str(e).lower() for e in mapping.get("extensions") or ()}
    if not exts and "extensions" not in mapping and is_ghpages(options):
        exts = set(_GITHUB_EXTENSIONS)
    return opts, exts


def _code_block(options: MarkupOptions):
    def render(self: Any, tokens: Sequence[Token], idx: int, opts: OptionsDict,
               env: EnvType) -> str:
        token = tokens[idx]
        info = token.info.strip() if token.type == "fence" else ""
        lang = info.split(None, 1)[0] if info else None
        code = token.content
        lexer = find_lexer(lang.lower() if lang and not options.jekyll_exact else lang or "")
        inner = inline_spans(code, lexer) if lexer is not None else escape_code(code)
        cls = f"language-{html.escape(lang)} " if lang else ""
        data = f' data-lang="{html.escape(lang)}"' if lang else ""
        return (f'<div class="{cls}highlighter-rouge"><div class="highlight">'
                f'<pre class="highlight"><code{data}>{inner}</code></pre></div></div>\n')
    return render


def _code_inline(self: Any, tokens: Sequence[Token], idx: int, opts: OptionsDict,
                 env: EnvType) -> str:
    return f"<code>{escape_code(tokens[idx].content)}</code>"


def _omitted(self: Any, tokens: Sequence[Token], idx: int, opts: OptionsDict,
             env: EnvType) -> str:
    return _OMITTED + ("\n" if tokens[idx].type == "html_block" else "")


def _tagfilter(previous: Any):
    def render(self: Any, tokens: Sequence[Token], idx: int, opts: OptionsDict,
               env: EnvType) -> str:
        return _FILTERED.sub(r"&lt;\1\2", str(previous(tokens, idx, opts, env)))
    return render


_NON_ALPHA_START = re.compile(r"^[^a-zA-Z]+")
_NOT_ID = re.compile(r"[^a-zA-Z0-9 -]")


def _ghpages_ids(state: StateCore) -> None:
    """Header ids from the heading's rendered HTML, as jekyll-commonmark-ghpages makes them."""
    used: dict[str, int] = {}
    md = state.md
    for i, token in enumerate(state.tokens):
        if token.type != "heading_open":
            continue
        inline = state.tokens[i + 1]
        content = md.renderer.renderInline(  # type: ignore[attr-defined]
            inline.children or [], md.options, state.env)
        gen = _NOT_ID.sub("", _NON_ALPHA_START.sub("", content)).replace(" ", "-").lower()
        gen = gen or "section"
        if gen in used:
            used[gen] += 1
            gen = f"{gen}-{used[gen]}"
        else:
            used[gen] = 0
        token.attrs["id"] = gen


def make_commonmark(options: MarkupOptions) -> MarkdownIt:
    """A parser configured like jekyll-commonmark (or its GitHub Pages variant)."""
    opts, exts = _settings(options)
    unsafe = "UNSAFE" in opts
    md = MarkdownIt("commonmark", {
        "typographer": "SMART" in opts,
        "breaks": "HARDBREAKS" in opts,
        "html": True,
    })
    if "SMART" in opts:
        md.enable(["replacements", "smartquotes"])
    if "table" in exts:
        md.enable("table")
    if "strikethrough" in exts:
        md.enable("strikethrough")
    if "autolink" in exts:
        gfm_autolink_plugin(md)
    if options.cjk:
        from .cjk import cjk_plugin
        cjk_plugin(md)
    if is_ghpages(options):
        md.core.ruler.push("ghpages_ids", _ghpages_ids)
    block = _code_block(options)
    md.add_render_rule("fence", block)
    md.add_render_rule("code_block", block)
    md.add_render_rule("code_inline", _code_inline)
    md.add_render_rule("s_open", lambda self, tokens, idx, o, env: "<del>")
    md.add_render_rule("s_close", lambda self, tokens, idx, o, env: "</del>")
    if not unsafe:
        md.add_render_rule("html_block", _omitted)
        md.add_render_rule("html_inline", _omitted)
    elif "tagfilter" in exts:
        for name in ("html_block", "html_inline"):
            md.add_render_rule(name, _tagfilter(md.renderer.rules[name]))  # type: ignore[attr-defined]
    md.render("warm *up* `x`\n\n    code\n")
    return md
