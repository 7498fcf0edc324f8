"""The span half of the kramdown dialect, installed in one call: footnotes, abbreviations,
math, span IALs and URLs as written, configured from the site's ``kramdown:`` settings.

Each rule lives in its own module and bails out on a one-character check, so a post without
kramdown syntax pays a few function calls per line.
"""
from __future__ import annotations

from markdown_it import MarkdownIt

from ..highlight import rouge_options
from ..options import MarkupOptions
from .abbreviations import abbreviations_plugin
from .codespan import codespan_plugin
from .footnotes import footnotes_plugin
from .guillemets import guillemets_plugin
from .links import links_plugin
from .math import math_plugin
from .smart_quotes import smart_quotes_plugin
from .span_ial import span_ial_plugin

__all__ = ["kramdown_span_plugin"]


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def kramdown_span_plugin(md: MarkdownIt, options: MarkupOptions) -> None:
    """Install the span rules on ``md`` (after heading ids and code rendering are set up:
    abbreviations must not hide heading text from the id, and span IALs wrap the code span
    renderer)."""
    footnotes_plugin(md, first_number=_int(options.kramdown_option("footnote_nr", 1), 1),
                     backlink=str(options.kramdown_option("footnote_backlink", "&#8617;") or ""))
    abbreviations_plugin(md)
    codespan_plugin(md)
    engine = options.kramdown_option("math_engine", "mathjax")
    math_plugin(md, None if engine in (None, "", "null", "nil") else str(engine))
    links_plugin(md)
    rouge = rouge_options(options.kramdown_option("syntax_highlighter_opts"))
    span_ial_plugin(md, highlight=options.highlight, rouge=rouge)
    if options.typographer:
        smart_quotes_plugin(md, cjk=options.cjk)
        guillemets_plugin(md)
