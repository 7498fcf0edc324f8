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
    if "\n\n" not in state.src and not state.src.startswith("\n"):
        return
    lines = state.src.split("\n")

    def blank(k: int) -> bool:
        return 0 <= k < len(lines) and not lines[k].strip()

    out: list[Token] = []
    newline = _blank()        # one token, placed wherever a blank line was (it is never changed)
    for tok in state.tokens:
        if (tok.level == 0 and tok.nesting >= 0 and tok.map and not tok.hidden
                and blank(tok.map[0] - 1)):
            out.append(newline)
        out.append(tok)
    end = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    if out and blank(end - 1):
        out.append(newline)
    state.tokens = out
