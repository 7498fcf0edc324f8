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

from .detect import detect_language, is_log_line, java_signal

__all__ = ["recovery_plugin", "line_kind", "RECOVERABLE"]

# Languages a recovered run may be given; anything else stays prose.
RECOVERABLE = frozenset({"log", "java"})

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)\'')
_COMMENT = re.compile(r"//.*$|/\*.*?(?:\*/|$)|^\s*\*.*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]")
_WORD_RUN = re.compile(r"(?<![\w.$@\"'])([A-Za-z]+) ([A-Za-z]+) ([A-Za-z]+)(?![\w(])")
_JAVA_WORDS = frozenset(
    "abstract boolean break byte case catch char class const continue default do double else "
    "enum extends final finally float for if implements import instanceof int interface long "
    "native new package private protected public return short static strictfp super switch "
    "synchronized this throw throws transient try void volatile while var".split())
_CODE_PUNCT = re.compile(r"[(){}\[\];=+<>]|\.\w")
_STRONG_JAVA = re.compile(
    r"\s*(?:@[A-Z]\w*|(?:public|private|protected|static|final|abstract|synchronized|import"
    r"|package|return|throw|try|catch|finally|if|for|while|else|class|interface|enum)\b"
    r"|[}{]|//|/\*)")

_LABEL_COLON = re.compile(r"\w: ")
_COLON_OK = re.compile(r"\s*(?:case|default)\b|.*\?|.*\bfor\s*\(")


def _code_part(line: str) -> str:
    """The line without string literals and comments: what must look like code."""
    return _COMMENT.sub("", _STRING.sub('""', line))


def _has_prose(code: str) -> bool:
    if _CJK.search(code):
        return True
    for m in _WORD_RUN.finditer(code):
        if not any(w in _JAVA_WORDS for w in m.groups()):
            return True
    return False


def line_kind(line: str) -> str | None:
    """``"strong"`` for a line that can start a recovered block, ``"weak"`` for one that
    can only continue it, ``None`` for prose (or anything unclear)."""
    if not line.strip() or line.lstrip().startswith(("{%", "{{")):
        return None
    if is_log_line(line):
        return "strong"
    code = _code_part(line)
    if _has_prose(code):
        return None
    s = code.strip()
    signal = java_signal(code) if s else java_signal(line)   # "f(); // 中文注释"
    if signal and (s.endswith((";", "{", "}")) or _STRONG_JAVA.match(line) or not s):
        # a statement must contain code punctuation, not be "Step 1: edit flume.conf;"
        if not s or _CODE_PUNCT.search(s) or _STRONG_JAVA.match(line):
            # "word: " is prose ("Step 1: edit flume.conf;") unless a case label, a
            # ternary or a for-each
            if not _LABEL_COLON.search(s) or _COLON_OK.match(s):
                return "strong"
    if s and _CODE_PUNCT.search(s) and not _LABEL_COLON.search(s):
        return "weak"
    return None


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n]:state.eMarks[n]]


def _rel_indent(state: StateBlock, n: int) -> int:
    return state.sCount[n] - state.blkIndent


def _scan(state: StateBlock, start: int, end: int) -> int:
    """The line after the run that starts at ``start`` (``start`` if there is none)."""
    if _rel_indent(state, start) >= 4 or _rel_indent(state, start) < 0:
        return start
    if line_kind(_line(state, start)) != "strong":
        return start
    last = start + 1           # one past the last code line
    n = start + 1
    while n < end:
        if state.isEmpty(n):
            n += 1
            continue
        indent = _rel_indent(state, n)
        if indent < 0:
            break
        blank_before = n > last
        kind = line_kind(_line(state, n))
        if indent >= 4:
            pass               # would be code (or its continuation) anyway: merge it
        elif kind is None or (blank_before and kind != "strong"):
            break
        last = n + 1
        n += 1
    return last


def _dedent(text: str) -> str:
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(widths) if widths else 0
    return "\n".join(line[cut:] for line in lines)


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


def _recovery_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.level > 0:
        # inside a list item, quote, footnote...: a one-statement item stays as written.
        # (state.parentType cannot tell: lheading leaves it "paragraph" when it fails.)
        return False
    if silent:
        # asked on every line of a paragraph: a cheap first test and a bounded scan keep
        # a long paragraph linear
        if not is_log_line(_line(state, start)):
            return False
        end = min(end, start + _SILENT_WINDOW)
    stop = _scan(state, start, end)
    if stop == start:
        return False
    text = _dedent(state.getLines(start, stop, state.blkIndent, True))
    lang = detect_language(text)
    if lang not in RECOVERABLE:
        return False
    if silent:
        # only log pastes may interrupt a paragraph ("日志如下：" followed by the log)
        return lang == "log"
    prev = _previous_code_block(state, start)
    if prev is not None and prev.map is not None:
        merged = _dedent(state.getLines(prev.map[0], stop, state.blkIndent, True))
        merged_lang = detect_language(merged)
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


def recovery_plugin(md: MarkdownIt) -> None:
    """Install the recovery rule before ``paragraph`` (and as a paragraph terminator, so a
    log pasted right under "日志如下：" is not joined to the sentence)."""
    md.block.ruler.before("paragraph", "code_recovery", _recovery_rule,
                          {"alt": ["paragraph"]})
