"""The Markdown stage: one configured markdown-it-py parser per set of options and process.

kramdown (Jekyll's converter) is the reference for the output shape: GFM input, typographic
quotes and dashes, heading ids on h1-h6, Rouge-shaped code blocks. blogtool's improvements
(CJK rules, code recovery and detection) are plugins that ``MarkupOptions`` switches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .cjk import cjk_plugin, heading_ids_plugin
from .code import code_plugin
from .commonmark import make_commonmark
from .highlight import escape_code
from .htmlblock import kramdown_html_plugin
from .kramdown.dialect import kramdown_block_plugin
from .kramdown.span import kramdown_span_plugin
from .nospace_heading import nospace_heading_plugin
from .options import MarkupOptions
from .typography import kramdown_typography_plugin

_QUOTES = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d",
           "apos": "'", "quot": '"', "laquo": "\u00ab", "raquo": "\u00bb",
           "sbquo": "\u201a", "bdquo": "\u201e", "lsaquo": "\u2039", "rsaquo": "\u203a"}


def _quotes(names: tuple[str, str, str, str]) -> str:
    """markdown-it wants ``“”‘’`` (double open/close, single open/close); kramdown's
    ``smart_quotes`` lists single open, single close, double open, double close."""
    chars = [_QUOTES.get(n, n if len(n) == 1 else "'") for n in names]
    return chars[2] + chars[3] + chars[0] + chars[1]


@lru_cache(maxsize=16)
def make_markdown(options: MarkupOptions) -> MarkdownIt:
    """Build (once per process and options) the parser; configuration is not thread-safe,
    so it is finished and warmed up here before anyone shares it."""
    if not options.kramdown_syntax:
        return make_commonmark(options)  # jekyll-commonmark sites: no kramdown syntax
    return build_parser(options)


def build_parser(options: MarkupOptions, dialect: bool = True) -> MarkdownIt:
    """A new parser for kramdown-syntax sites; ``dialect=False`` leaves out the kramdown
    rules (what blogtool was before them: the benchmark's baseline)."""
    md = MarkdownIt("commonmark", {
        "typographer": options.typographer,
        "quotes": _quotes(options.smart_quotes),
        "breaks": options.hard_wrap,
        "html": True,
    })
    md.enable(["table", "strikethrough"])
    if options.typographer:
        md.enable(["replacements", "smartquotes"])
        kramdown_typography_plugin(md)
    if not dialect:   # the kramdown dialect has its own of both
        md.use(deflist_plugin).use(tasklists_plugin)
    kramdown_html_plugin(md, parse_block_html=options.kramdown_syntax and str(
        options.kramdown_option("parse_block_html", False)).lower() == "true",
        span_lines_are_text=dialect)
    if options.cjk:
        cjk_plugin(md)
    kramdown_input = str(options.input).lower() == "kramdown"
    if kramdown_input:
        _plain_kramdown_parser(md)
    code_plugin(md, options)
    if not options.jekyll_exact:
        nospace_heading_plugin(md)   # "##标题" as a heading (an improvement on Jekyll)
    if dialect:
        kramdown_block_plugin(md, options)
    elif options.auto_ids:
        if kramdown_input:
            anchors_plugin(md, min_level=1, max_level=6, slug_func=kramdown_basic_id)
        else:
            heading_ids_plugin(md)
    if dialect:
        kramdown_span_plugin(md, options)  # footnotes, abbreviations, math, span IALs, URLs
    # kramdown writes strikethrough as <del>, markdown-it as <s>
    md.add_render_rule("s_open", lambda self, tokens, idx, opts, env:
                       f"<del{self.renderAttrs(tokens[idx])}>")  # attributes: span IALs
    md.add_render_rule("s_close", lambda self, tokens, idx, opts, env: "</del>")
    md.render("warm *up* `x`\n\n    code\n")
    return md


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[Heading, ...]


_NON_ALPHA_START = re.compile(r"^[^a-zA-Z]+")
_NOT_ID = re.compile(r"[^a-zA-Z0-9 -]")


def kramdown_basic_id(text: str) -> str:
    """Plain kramdown's (``kramdown: {input: kramdown}``) header id: ASCII only, and
    ``section`` when nothing is left (so CJK headings get section, section-1...)."""
    gen = _NOT_ID.sub("", _NON_ALPHA_START.sub("", text)).replace(" ", "-").lower()
    return gen or "section"


def _plain_kramdown_parser(md: MarkdownIt) -> None:
    """Old blogs set ``kramdown: {input: kramdown}``: only ``~~~`` fences are code blocks
    there (a backtick fence is inline code)."""
    fence = md.block.ruler.__rules__[md.block.ruler.__find__("fence")].fn

    def tilde_fence(state, start, end, silent):
        pos = state.bMarks[start] + state.tShift[start]
        if not state.src.startswith("```", pos):
            return fence(state, start, end, silent)
        # kramdown reads a backtick "fence" as a code span over the lines, newlines kept
        marker = state.src[pos:state.eMarks[start]]
        ticks = len(marker) - len(marker.lstrip("`"))
        line = start + 1
        while line < end:
            text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
            if text.startswith("`" * ticks) and not text.strip("`").strip():
                break
            line += 1
        else:
            return False
        if silent:
            return True
        inner = state.src[pos + ticks:state.bMarks[line] + state.tShift[line]]
        token = state.push("html_block", "", 0)
        token.map = [start, line + 1]
        token.content = ('<p><code class="language-plaintext highlighter-rouge">'
                         f'{escape_code(inner)}</code></p>\n')
        state.line = line + 1
        return True

    md.block.ruler.at("fence", tilde_fence, {"alt": ["paragraph", "reference", "blockquote",
                                                     "list"]})


def render_document(text: str, options: MarkupOptions) -> Rendered:
    """Markdown to an HTML fragment plus the headings (for a table of contents)."""
    global _last
    if not text:                # an excerpt that was only Liquid (``{% include JB/setup %}``)
        return _empty(options)
    last_text, last_options, last = _last
    if text == last_text and options == last_options:
        return last             # an excerpt that is the whole post (no separator in it)
    rendered = _render(text, options)
    _last = (text, options, rendered)
    return rendered


# The last text rendered, its options and the result (one tuple: replaced in one step).
_last: tuple[str, MarkupOptions | None, Rendered] = ("", None, Rendered("", ()))


@lru_cache(maxsize=16)
def _empty(options: MarkupOptions) -> Rendered:
    return _render("", options)


def _render(text: str, options: MarkupOptions) -> Rendered:
    md = make_markdown(options)
    env: dict = {}
    tokens = md.parse(text, env)
    headings = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            headings.append(Heading(int(tok.tag[1]), str(tok.attrs.get("id", "")),
                                    "".join(c.content for c in (inline.children or [])
                                            if c.type in ("text", "code_inline"))))
    html = md.renderer.render(tokens, md.options, env)
    if not html and options.kramdown_syntax:
        html = "\n"                  # kramdown's HTML for an empty document
    return Rendered(html, tuple(headings))


def render_markdown(text: str, options: MarkupOptions | None = None) -> str:
    """Markdown to HTML (also Jekyll's ``markdownify`` filter)."""
    return render_document(text, options or MarkupOptions()).html
