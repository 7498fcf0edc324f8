"""Code in Markdown: render rules for fenced, indented and inline code, and the switches
between Jekyll's exact output and blogtool's improvements.

* jekyll-exact (``compat != "blogtool"``): the language as written, case-sensitive lexer
  lookup as Rouge does, unlabelled blocks ``language-plaintext``; no detection, no recovery.
* blogtool: the lexer is looked up in lower case (```` ```Java ```` is highlighted, the class
  keeps ``Java``), unlabelled blocks get ``detect_language``, under-indented logs and Java
  are recovered into code blocks (``recovery.py``).
* ``highlight=False`` is Jekyll with ``highlighter: pygments``/``none``: bare ``<pre><code>``.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .detect import detect_language
from .highlight import code_block_html, escape_code, rouge_options
from .loglexer import LogLexer
from .options import MarkupOptions
from .recovery import recovery_plugin

__all__ = ["code_plugin", "fence_language"]

# Languages only blogtool knows: Rouge (Jekyll) has no log lexer, so jekyll-exact output
# leaves such fences unhighlighted, as Jekyll does with any unknown language.
_BLOGTOOL_ONLY = frozenset(LogLexer.aliases)


def fence_language(info: str) -> str:
    """The language of a fence: the first word of its info string (``java {.x}`` -> ``java``)."""
    info = info.strip()
    if info.startswith("{"):
        return ""
    return info.split(None, 1)[0] if info else ""


def _block_renderer(options: MarkupOptions):
    exact = options.jekyll_exact
    detect = options.detect_language and not exact
    highlight = options.highlight
    rouge = rouge_options(options.kramdown_option("syntax_highlighter_opts"))

    def render(self, tokens: Sequence[Token], idx: int, opts: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        lang = fence_language(token.info) if token.type == "fence" else ""
        lang = lang or rouge.default_lang or ""
        if lang:
            if exact and lang in _BLOGTOOL_ONLY:
                return (f'<pre><code class="language-{html.escape(lang)}">'
                        f'{escape_code(token.content)}</code></pre>\n')
            lexer_lang = lang if exact else lang.lower()
            return code_block_html(token.content, lang, highlight=highlight,
                                   lexer_lang=lexer_lang, rouge=rouge)
        if detect:
            guessed = detect_language(token.content)
            if guessed != "text":
                return code_block_html(token.content, guessed, highlight=highlight, rouge=rouge)
        return code_block_html(token.content, None, highlight=highlight, rouge=rouge)

    return render


def _inline_renderer(highlight: bool):
    opening = '<code class="language-plaintext highlighter-rouge">' if highlight else "<code>"

    def render(self, tokens: Sequence[Token], idx: int, opts: OptionsDict, env: EnvType) -> str:
        return f"{opening}{escape_code(tokens[idx].content)}</code>"

    return render


def code_plugin(md: MarkdownIt, options: MarkupOptions) -> None:
    """Install code rendering (and recovery when asked) on a parser being configured."""
    if options.code_recovery and not options.jekyll_exact:
        recovery_plugin(md)
    block = _block_renderer(options)
    md.add_render_rule("fence", block)
    md.add_render_rule("code_block", block)
    md.add_render_rule("code_inline", _inline_renderer(options.highlight))
