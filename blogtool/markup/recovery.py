"""Code recovery: pasted logs and Java that are not indented enough become code blocks.

Troubleshooting posts paste log lines and Java indented by two spaces, or mix two- and
four-space lines (the seed post does both). CommonMark only makes code of four spaces, and
indented code cannot interrupt a paragraph, so such pastes come out as one long paragraph
with curly quotes in it. This block rule runs before ``paragraph`` and turns a run of lines
that are *clearly* code into a ``fence`` token with the detected language
(``token.meta["recovered"] = True``).

Clearly means: the run starts with a strong line (a log record, a stack-trace line, or a
Java statement/declaration), every line of it is code-like (no CJK outside strings and
comments, no run of three plain words), and ``detect_language`` agrees on ``log`` or a
code language. Prose, lists, quotes, headings, tables and HTML never get here or fail those
tests; ``tests/data/prose`` measures it.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from .detect import (
    MARKUP_LINE,
    TRACEBACK_HEAD,
    detect_language,
    is_log_line,
    java_shaped,
    java_signal,
    log_line_shape,
)

__all__ = ["recovery_plugin", "line_kind", "clearly_prose", "RECOVERABLE"]

# Languages a recovered run may be given; anything else stays prose.
RECOVERABLE = frozenset({"log", "java", "pytb"})

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)\'')
_COMMENT = re.compile(r"//.*$|/\*.*?(?:\*/|$)|^\s*\*.*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]")
_WORD_RUN = re.compile(r"(?<![\w.$@\"'])([A-Za-z]+) ([A-Za-z]+) ([A-Za-z]+)(?![\w(])")
_JAVA_WORDS = frozenset({
    "abstract", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
    "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
    "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long",
    "native", "new", "package", "private", "protected", "public", "return", "short", "static",
    "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
    "void", "volatile", "while", "var"})
_CODE_PUNCT = re.compile(r"[(){}\[\];=+<>]|\.\w")
_STRONG_JAVA = re.compile(
    r"\s*(?:@[A-Z]\w*|(?:public|private|protected|static|final|abstract|synchronized|import"
    r"|package|return|throw|try|catch|finally|if|for|while|else|class|interface|enum)\b"
    r"|[}{]|//|/\*)")

_LABEL_COLON = re.compile(r"\w: ")
_PYTB_RESUME = re.compile(
    r"[ \t]*(?:Traceback \(most recent call last\):|During handling of the above exception"
    r"|The above exception was the direct cause)")
# Markdown structure that ends a paste: list items, quotes, headings, tables, emphasis or an
# image or link opening a line, HTML blocks
_STRUCTURE = re.compile(
    r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|#|\||\*\*|__|!\[|\[[^\]]*\]\("
    r"|</?(?:div|p|img|br|hr|table|center|span|a|iframe|script|style|figure|h[1-6]|ul|ol"
    r"|li|blockquote|details|summary)\b)", re.IGNORECASE)
_SENTENCE_PUNCT = re.compile(r"[，。；！？、：（）“”]")
_COLON_OK = re.compile(r"\s*(?:case|default)\b|.*\?|.*\bfor\s*\(")


def _code_part(line: str) -> str:
    """The line without string literals and comments: what must look like code."""
    return _COMMENT.sub("", _STRING.sub('""', line))


def _has_prose(code: str) -> bool:
    if _CJK.search(code):
        return True
    return any(not any(w in _JAVA_WORDS for w in m.groups())
               for m in _WORD_RUN.finditer(code))


def clearly_prose(line: str) -> bool:
    """A line that cannot be part of a pasted log: Markdown structure, kramdown or Liquid
    markup, or a CJK sentence (a line opening with CJK, or CJK with full-width punctuation
    outside string literals)."""
    if _STRUCTURE.match(line) or MARKUP_LINE.match(line):
        return True
    s = line.strip()
    if s and _CJK.match(s):
        return True
    code = _code_part(line)
    return bool(_CJK.search(code) and _SENTENCE_PUNCT.search(code))


def line_kind(line: str) -> str | None:
    """``"strong"`` for a line that can start a recovered block, ``"weak"`` for one that
    can only continue it, ``None`` for prose (or anything unclear)."""
    if not line.strip() or MARKUP_LINE.match(line):
        return None
    if is_log_line(line):
        return "strong"
    code = _code_part(line)
    if _has_prose(code):
        return None
    s = code.strip()
    signal = java_signal(code) if s else java_signal(line)   # "f(); // 中文注释"
    # a statement must contain code punctuation, not be "Step 1: edit flume.conf;"; and
    # "word: " is prose unless a case label, a ternary or a for-each
    if (signal and (s.endswith((";", "{", "}")) or _STRONG_JAVA.match(line) or not s)
            and (not s or _CODE_PUNCT.search(s) or _STRONG_JAVA.match(line))
            and (not _LABEL_COLON.search(s) or _COLON_OK.match(s))):
        return "strong"
    if s and _CODE_PUNCT.search(s) and not _LABEL_COLON.search(s):
        return "weak"
    return None


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n]:state.eMarks[n]]


def _rel_indent(state: StateBlock, n: int) -> int:
    return state.sCount[n] - state.blkIndent


def _opening_mode(line: str) -> str | None:
    """What kind of run a line at 0-3 spaces opens: ``log`` (a log record or a stack-trace
    line), ``pytb`` (a Python traceback), ``java``, or ``None``."""
    if TRACEBACK_HEAD.match(line):
        return "pytb"
    if is_log_line(line):
        return "log"
    if line_kind(line) == "strong":
        return "java"
    return None


def _continues(mode: str, line: str, blank_before: bool) -> bool:
    """Whether a line at 0-3 spaces belongs to a run of ``mode`` that is already open."""
    if mode == "java":
        kind = line_kind(line)
        return kind is not None and (not blank_before or kind == "strong")
    if blank_before:
        # after a blank line only a new record, frame or traceback resumes the paste
        return log_line_shape(line) or bool(_PYTB_RESUME.match(line))
    return log_line_shape(line) or not clearly_prose(line)


def _scan(state: StateBlock, start: int, end: int, mode: str | None = None) -> tuple[int, str]:
    """The line after the run that starts at ``start`` and the run's mode (``start`` and
    ``""`` if no run starts there). ``mode`` given: ``start`` continues a run of that mode."""
    if _rel_indent(state, start) >= 4 or _rel_indent(state, start) < 0:
        return start, ""
    first = _line(state, start)
    if mode is None:
        mode = _opening_mode(first)
        if mode is None:
            return start, ""
    elif clearly_prose(first) or (mode == "java" and line_kind(first) is None):
        return start, ""
    last = start + 1           # one past the last code line
    n = start + 1
    while n < end:
        if state.isEmpty(n):
            n += 1
            continue
        indent = _rel_indent(state, n)
        if indent < 0:
            break
        line = _line(state, n)
        if MARKUP_LINE.match(line):
            break              # kramdown attribute lists, extensions and Liquid are not code
        # lines indented four or more would be code (or its continuation) anyway: merge them
        if indent < 4 and not _continues(mode, line, n > last):
            break
        last = n + 1
        n += 1
    return last, mode


def _dedent(text: str) -> str:
    """Remove the run's common indentation (spaces; a tab-indented line such as ``\tat ...``
    keeps its tab and does not limit the cut)."""
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" ")) for line in lines
              if line.strip() and not line.lstrip(" ").startswith("\t")]
    cut = min(widths) if widths else 0
    return "\n".join(line[min(cut, len(line) - len(line.lstrip(" "))):] for line in lines)


_SILENT_WINDOW = 40


def _previous_code_block(state: StateBlock, start: int) -> Token | None:
    """An indented code block that this run continues (only blank lines between): a paste
    whose first lines had four spaces and the rest two is one block, not two."""
    if not state.tokens:
        return None
    prev = state.tokens[-1]
    if prev.type != "code_block" or prev.map is None or prev.level != state.level:
        return None
    if any(not state.isEmpty(n) for n in range(prev.map[1], start)):
        return None
    return prev


def _language(mode: str, text: str) -> str:
    """The language of a run: a log or traceback run is one by construction; Java must be
    confirmed by ``detect_language``."""
    if mode in ("log", "pytb"):
        return mode
    lang = detect_language(text)
    return "java" if lang == "text" and java_shaped(text) else lang


def _recovery_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.level > 0:
        # inside a list item, quote, footnote...: a one-statement item stays as written.
        # (state.parentType cannot tell: lheading leaves it "paragraph" when it fails.)
        return False
    if silent:
        # asked on every line of a paragraph: a cheap first test and a bounded scan keep
        # a long paragraph linear; only log pastes may interrupt a paragraph ("日志如下："
        # followed by the log)
        line = _line(state, start)
        return (0 <= _rel_indent(state, start) < 4
                and (is_log_line(line) or bool(TRACEBACK_HEAD.match(line))))
    prev = _previous_code_block(state, start)
    stop, mode = _scan(state, start, end)
    if stop == start and prev is not None and prev.map is not None and prev.map[1] == start:
        # a wrapped line at two spaces right after records indented by four
        prev_mode = _block_mode(prev.content)
        if prev_mode:
            stop, mode = _scan(state, start, end, prev_mode)
    if stop == start:
        return False
    text = _dedent(state.getLines(start, stop, state.blkIndent, True))
    lang = _language(mode, text)
    if lang not in RECOVERABLE:
        return False
    if prev is not None and prev.map is not None:
        merged = _dedent(state.getLines(prev.map[0], stop, state.blkIndent, True))
        adjacent = prev.map[1] == start
        merged_lang = lang if adjacent and _block_mode(prev.content) else \
            _language(mode, merged)
        if merged_lang in RECOVERABLE:
            state.tokens.pop()
            start, text, lang = prev.map[0], merged, merged_lang
    token = state.push("fence", "code", 0)
    token.info = lang
    token.content = text if text.endswith("\n") else text + "\n"
    token.markup = "```"
    token.map = [start, stop]
    token.meta = {"recovered": True}
    state.line = stop
    return True


def _block_mode(content: str) -> str:
    """``log``/``pytb`` when an indented code block ends inside a log or traceback paste,
    so that a wrapped line after it continues it; ``""`` otherwise."""
    lines = [line for line in content.splitlines() if line.strip()]
    if not lines:
        return ""
    if any(TRACEBACK_HEAD.match(line) for line in lines):
        return "pytb"
    if is_log_line(lines[0]) or is_log_line(lines[-1]):
        return "log"
    return ""


def recovery_plugin(md: MarkdownIt) -> None:
    """Install the recovery rule before ``paragraph`` (and as a paragraph terminator, so a
    log pasted right under "日志如下：" is not joined to the sentence)."""
    md.block.ruler.before("paragraph", "code_recovery", _recovery_rule,
                          {"alt": ["paragraph"]})
