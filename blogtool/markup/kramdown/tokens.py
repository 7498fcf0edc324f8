"""Where a block ends in markdown-it's flat token list, for the core rules that rewrite
lists and other blocks after parsing."""
from __future__ import annotations

from markdown_it.token import Token


def closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes the one opened at ``start`` (the last token when the
    list ends first)."""
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1
