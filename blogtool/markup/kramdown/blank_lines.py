"""Core rule: kramdown's blank lines between top-level blocks.

kramdown writes one empty line into the HTML for each run of blank lines between (and after)
the top-level blocks of a document: ``a\\n\\nb`` gives ``<p>a</p>\\n\\n<p>b</p>\\n``. Nothing a
reader sees changes, but byte-level comparisons (feeds, which copy the HTML) do.
"""
from __future__ import annotations

from markdown_it.rules_core import StateCore
from markdown_it.token import Token


def _blank() -> Token:
    token = Token("kramdown_blank", "", 0)
    token.block = True
    return token


def blank_lines(state: StateCore) -> None:
    src = state.src
    if "\n\n" not in src and not src.startswith("\n"):
        return
    lines = src.split("\n")
    count = len(lines)
    out: list[Token] = []
    append = out.append
    newline = _blank()        # one token, placed wherever a blank line was (it is never changed)
    for tok in state.tokens:
        if tok.level == 0 and tok.nesting != -1 and not tok.hidden and tok.map:
            k = tok.map[0] - 1
            if 0 <= k < count and not lines[k].strip():
                append(newline)
        append(tok)
    end = count - 1 if lines[-1] == "" else count
    if out and end > 0 and not lines[end - 1].strip():
        append(newline)
    state.tokens = out
