"""Pygments highlighting in the HTML shapes Jekyll (kramdown + Rouge) writes, so that every
Jekyll theme's CSS styles blogtool's code blocks unchanged.

Pygments and Rouge share token class names (``kd``, ``nc``, ``s2`` ...); only the wrappers
differ, so the wrappers are written here around spans shaped like ``HtmlFormatter(nowrap=True)``'s.
Lexers, the formatter and finished blocks are cached per process: a blog pastes the same
stack trace into many posts, and the parser is rebuilt per worker anyway.
"""
from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class
from pygments.lexers._mapping import LEXERS
from pygments.token import STANDARD_TYPES, Whitespace, _TokenType
from pygments.util import ClassNotFound

from .fastlex import SCANS, fast_lexer
from .lexruns import Runs, class_runs
from .loglexer import LogLexer

__all__ = ["code_block_html", "highlight_tag_html", "find_lexer", "escape_code",
           "inline_spans", "RougeOptions", "rouge_options"]

# Rouge's plain-text lexer names: blocks in these languages are escaped, never tokenised.
_PLAIN = frozenset({"plaintext", "text", "plain", "txt"})
# Rouge names that Pygments knows under another name (a Jekyll post's ```yml is highlighted).
_ROUGE_ALIASES = {"yml": "yaml", "viml": "vim", "shell_session": "console",
                  "ruby_session": "rbcon"}


def escape_code(code: str) -> str:
    """Escape like kramdown and Rouge do in code: ``& < >`` only, quotes stay as typed."""
    return code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")




@lru_cache(maxsize=256)
def find_lexer(lang: str) -> Lexer | None:
    """The lexer for a language name, or None when Pygments has none (Jekyll then writes the
    block unhighlighted). Like Rouge, ``Java`` is not found: callers that want a forgiving
    lookup lower-case the name first. ``log`` and its aliases resolve to blogtool's own lexer
    even when the package's entry point is not installed (a source checkout). Lexers other
    packages add to Pygments as plugins are not used: Rouge has none of them, a site's output
    would depend on what else is installed, and looking among them imports those packages
    (IPython's take about 0.4 s, paid by each process that meets an unknown name). Blank
    lines at either end of the code stay, as Rouge keeps them (Pygments' ``stripnl`` is off)."""
    name = lang.strip()
    if not name or name in _PLAIN or name != name.lower():
        return None            # Rouge's names are lower case and its lookup is exact
    if name in LogLexer.aliases:
        return fast_lexer(LogLexer(stripnl=False))
    builtin = _builtin_lexers().get(_ROUGE_ALIASES.get(name, name))
    if builtin is None:
        return None
    try:
        return fast_lexer(find_lexer_class(builtin)(stripnl=False))
    except ClassNotFound:      # pragma: no cover - a name in Pygments' own table
        return None


@lru_cache(maxsize=1)
def _builtin_lexers() -> dict[str, str]:
    """Pygments' own lexers by alias (the lexer's name; the first lexer listed with an
    alias, as Pygments' lookup finds it)."""
    names: dict[str, str] = {}
    for _module, lexer_name, aliases, _files, _mimes in LEXERS.values():
        for alias in aliases:
            names.setdefault(alias, lexer_name)
    return names


_CLASSES: dict[_TokenType, str] = {}


def _css_class(ttype: _TokenType) -> str:
    """HtmlFormatter's class name for a token type (``kd``, ``gr``...), whitespace bare."""
    cls = _CLASSES.get(ttype)
    if cls is None:
        if ttype in Whitespace:
            cls = ""
        else:
            suffix = ""
            t = ttype
            while t not in STANDARD_TYPES:
                suffix = t[-1] + suffix
                t = t.parent
            cls = STANDARD_TYPES[t] + suffix
        _CLASSES[ttype] = cls
    return cls


def _spans(code: str, lexer: Lexer) -> str:
    """Token spans as ``HtmlFormatter(nowrap=True)`` writes them (runs of one class merged,
    no span across a line end), escaping only ``& < >`` as Rouge does. Written out because
    Pygments' formatter and filter machinery cost more than the lexing itself: the tokens of
    one class in a row are gathered as one text, escaped and wrapped once."""
    prepare = getattr(lexer, "_preprocess_lexer_input", None)
    if prepare is not None and type(lexer).get_tokens_unprocessed in SCANS and \
            not lexer.filters and type(lexer).get_tokens is Lexer.get_tokens:
        text = prepare(code)
        runs = class_runs(lexer, text, _css_class, _CLASSES)
        if runs is not None:
            return _write_runs(text, runs)
    out: list[str] = []
    run_cls: str | None = None
    run = ""
    classes = _CLASSES
    for _, ttype, value in _tokens(code, lexer):
        cls = classes.get(ttype)
        if cls is None:
            cls = _css_class(ttype)
        if cls == run_cls:
            run += value
        elif value:             # an empty token does not end a run
            if run:
                out.append(_wrap(run_cls, run))
            run_cls = cls
            run = value
    if run:
        out.append(_wrap(run_cls, run))
    return "".join(out)


# stand-ins for a span's markup while a block's spans are put together, so that the block
# is escaped once, whole (used only when the code has none of them)
_OPEN, _MID, _CLOSE = "\x01", "\x02", "\x03"


def _write_runs(text: str, runs: Runs) -> str:
    """The spans of a scan's runs (a line end is never inside a span)."""
    if _OPEN in text or _MID in text or _CLOSE in text:
        return "".join(_wrap(cls, value) for cls, value in _joined_runs(text, runs))
    out: list[str] = []
    add = out.append
    head = ""
    for start, end, cls in runs:
        if cls is None:
            head += text[start:end]
            continue
        value = text[start:end]
        if head:
            value, head = head + value, ""
        if not cls:
            add(value)
        elif "\n" not in value:
            add(f"{_OPEN}{cls}{_MID}{value}{_CLOSE}")
        else:
            add("\n".join([f"{_OPEN}{cls}{_MID}{line}{_CLOSE}" if line else ""
                           for line in value.split("\n")]))
    body = "".join(out)
    if "&" in body or "<" in body or ">" in body:
        body = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return body.replace(_OPEN, '<span class="').replace(_MID, '">').replace(_CLOSE, "</span>")


def _joined_runs(text: str, runs: Runs) -> Iterator[tuple[str, str]]:
    """(class, text) per run, its pieces joined."""
    head = ""
    for start, end, cls in runs:
        if cls is None:
            head += text[start:end]
        else:
            yield cls, head + text[start:end]
            head = ""


def _wrap(cls: str | None, text: str) -> str:
    """A run of one class, escaped, as one span per line (a line end is never inside one)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not cls:
        return text
    if "\n" not in text:
        return f'<span class="{cls}">{text}</span>'
    return "\n".join([f'<span class="{cls}">{line}</span>' if line else ""
                      for line in text.split("\n")])


def _tokens(code: str, lexer: Lexer) -> Iterator[tuple[int, _TokenType, str]]:
    """The lexer's tokens of ``code`` as ``get_tokens`` makes them (newlines normalised,
    options applied, filters run), without its extra generator when there are no filters."""
    prepare = getattr(lexer, "_preprocess_lexer_input", None)
    if prepare is None or lexer.filters or type(lexer).get_tokens is not Lexer.get_tokens:
        return ((0, ttype, value) for ttype, value in lexer.get_tokens(code))
    return lexer.get_tokens_unprocessed(prepare(code))


def inline_spans(code: str, lexer: Lexer) -> str:
    """A highlighted code span's content (Rouge's ``span`` output: token spans, no wrapper)."""
    body = _spans(code, lexer)
    return body[:-1] if body.endswith("\n") and not code.endswith("\n") else body


def _trailing_newline(code: str) -> str:
    return code if code.endswith("\n") else code + "\n"


@dataclass(frozen=True)
class RougeOptions:
    """kramdown's ``syntax_highlighter_opts`` as Jekyll hands them to Rouge."""
    css_class: str = "highlight"        # the class of the block's <pre>
    line_numbers: bool = False          # block: {line_numbers: true}: Rouge's table
    start_line: int = 1                 # block: {start_line: N}
    default_lang: str | None = None     # language of unlabelled blocks and code spans
    disable: bool = False               # disable: true, or syntax_highlighter: nil... (off)


DEFAULT_ROUGE = RougeOptions()


def _true(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "yes", "1")


def rouge_options(opts: object, highlighter: object = "rouge") -> RougeOptions:
    """Read a ``syntax_highlighter_opts`` mapping (anything else gives the defaults)."""
    if not isinstance(opts, dict):
        opts = {}
    block = opts.get("block")
    if not isinstance(block, dict):
        block = {}
    try:
        start = int(str(block.get("start_line", opts.get("start_line", 1))))
    except (TypeError, ValueError):
        start = 1
    lang = opts.get("default_lang")
    return RougeOptions(
        css_class=str(opts.get("css_class") or "highlight"),
        line_numbers=_true(block.get("line_numbers", opts.get("line_numbers", False))),
        start_line=start,
        default_lang=str(lang) if lang else None,
        disable=_true(opts.get("disable", False)),
    )


def _table(body: str, lines: int, start: int) -> str:
    """Rouge's ``line_numbers`` table around a block's spans (``body`` ends with a newline)."""
    gutter = "".join(f"{n}\n" for n in range(start, start + lines))
    return ('<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl">'
            f'<pre class="lineno">{gutter}</pre></td><td class="rouge-code"><pre>{body}</pre>'
            "</td></tr></tbody></table>")


@lru_cache(maxsize=2048)
def code_block_html(code: str, lang: str | None, *, highlight: bool = True,
                    lexer_lang: str | None = None, rouge: RougeOptions = DEFAULT_ROUGE) -> str:
    """A fenced or indented code block as Jekyll 4 writes it (tests/test_highlight.py).

    ``lang`` is the language as written (it becomes the class); ``lexer_lang`` is the name to
    look the lexer up by when it differs (blogtool looks up ``Java`` as ``java``, Jekyll does
    not). ``highlight=False`` is Jekyll with ``highlighter: pygments``/``none``: no wrapper, no
    spans. ``rouge`` carries kramdown's ``syntax_highlighter_opts``."""
    code = _trailing_newline(code) if code else code
    lang = (lang or "").strip() or None
    if not highlight or rouge.disable:
        cls = f' class="language-{html.escape(lang)}"' if lang else ""
        return f"<pre><code{cls}>{escape_code(code)}</code></pre>\n"
    if lang is None or lang in _PLAIN:
        body = escape_code(code)
        label = "plaintext" if lang is None else lang
    else:
        lexer = find_lexer(lexer_lang if lexer_lang is not None else lang)
        if lexer is None:
            return (f'<pre><code class="language-{html.escape(lang)}">{escape_code(code)}'
                    "</code></pre>\n")
        body = _spans(code, lexer)
        label = lang
    if rouge.line_numbers:
        body = _table(body, code.count("\n"), rouge.start_line)
    return (f'<div class="language-{html.escape(label)} highlighter-rouge"><div class="highlight">'
            f'<pre class="{html.escape(rouge.css_class)}"><code>{body}</code></pre></div></div>\n')


@lru_cache(maxsize=512)
def highlight_tag_html(code: str, lang: str, linenos: bool = False) -> str:
    """Jekyll's ``{% highlight lang [linenos] %}`` figure, with Rouge's line-number table
    (Pygments' own ``linenos`` markup does not match Rouge's, so the gutter is written here)."""
    code = code.strip("\r\n")
    lang = lang.lower()
    lexer = find_lexer(lang)
    body = _spans(code, lexer) if lexer is not None else escape_code(code)
    if body.endswith("\n"):
        body = body[:-1]
    if linenos:
        count = code.count("\n") + 1
        gutter = "".join(f"{n}\n" for n in range(1, count + 1))
        body = ('<table class="rouge-table"><tbody><tr><td class="gutter gl">'
                f'<pre class="lineno">{gutter}</pre></td><td class="code"><pre>{body}\n'
                "</pre></td></tr></tbody></table>")
    cls = lang.replace("+", "-")
    return (f'<figure class="highlight"><pre><code class="language-{html.escape(cls)}" '
            f'data-lang="{html.escape(lang)}">{body}</code></pre></figure>')
