"""Core rule: attach each ``kramdown_ial`` token to its block.

kramdown's placement rules:

* an IAL line right after a block (no blank line between) belongs to that block; several IAL
  lines in a row add up;
* otherwise it belongs to the block that starts on the very next line, and is dropped when a
  blank line (or nothing) follows;
* only blocks of the same container count (an IAL inside a list item never reaches the list).

Classes are appended to the block's, other attributes replace; ALD references are resolved
against ``env["kramdown_alds"]``. The list of ALD references stays in ``meta["kramdown_refs"]``
of the opening token (``{:toc}`` is such a reference).
"""
from __future__ import annotations

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .attrs import AttrList, apply_attrs

# Tokens that are a whole block by themselves (no closing token).
_LEAF_BLOCKS = frozenset(("fence", "code_block", "hr", "html_block", "math_block",
                          "math_block_label"))
_MARKERS = frozenset(("kramdown_ial", "kramdown_ald", "kramdown_eob", "kramdown_options"))


def _opening(tokens: list[Token], close: int) -> int:
    """Index of the token that opens the block ending at ``close``."""
    tok = tokens[close]
    if tok.nesting == 0:
        return close
    depth = 0
    for j in range(close, -1, -1):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return close


def _previous_sibling(tokens: list[Token], i: int) -> int | None:
    level = tokens[i].level
    for j in range(i - 1, -1, -1):
        tok = tokens[j]
        if tok.level < level:
            return None                    # reached the container's opening token
        if tok.level == level and tok.block:
            return j
    return None


def _attach(token: Token, ial: AttrList, alds: dict[str, AttrList]) -> None:
    attrs: dict[str, str] = {k: str(v) for k, v in token.attrs.items()}
    apply_attrs(attrs, ial, alds)
    token.attrs = dict(attrs)
    if ial.refs:
        token.meta = dict(token.meta or {})
        token.meta.setdefault("kramdown_refs", []).extend(ial.refs)


def apply_ials(state: StateCore) -> None:
    tokens = state.tokens
    if not any(t.type == "kramdown_ial" for t in tokens):
        return
    alds: dict[str, AttrList] = state.env.get("kramdown_alds", {})
    # level -> (IAL, line the block must start on, or -1: the next block after blank lines)
    pending: dict[int, tuple[AttrList, int]] = {}
    target_of: dict[int, int | None] = {}             # IAL token index -> block it went to
    for i, tok in enumerate(tokens):
        if tok.type == "kramdown_ial":
            if tok.meta.get("consumed"):
                continue
            ial: AttrList = tok.meta["ial"]
            line = tok.map[0] if tok.map else -1
            prev = None if tok.meta["after_blank"] else _previous_sibling(tokens, i)
            if prev is not None and tokens[prev].type == "kramdown_ial":
                if prev in target_of and target_of[prev] is not None:
                    target = target_of[prev]
                    assert target is not None
                    _attach(tokens[target], ial, alds)
                    target_of[i] = target
                    continue
                prev = None                     # stacked before-IALs: collect them below
            if prev is not None and tokens[prev].type not in _MARKERS:
                target = _opening(tokens, prev)
                _attach(tokens[target], ial, alds)
                target_of[i] = target
                continue
            target_of[i] = None
            # After a blank line the IAL waits across further blank lines (they continue
            # the same run of blank lines in kramdown); otherwise the block must follow.
            reach = -1 if tok.meta["after_blank"] else line + 1
            earlier = pending.get(tok.level)
            if earlier is not None and earlier[1] in (line, -1):
                earlier[0].update(ial)
                pending[tok.level] = (earlier[0], reach if earlier[1] != -1 else -1)
            else:
                merged = AttrList()
                merged.update(ial)
                pending[tok.level] = (merged, reach)
            continue
        if pending and tok.nesting == -1:
            for level in [lv for lv in pending if lv > tok.level]:
                del pending[level]             # the container ended
        if tok.type in _MARKERS:
            pending.pop(tok.level, None)       # an ALD, ^ or {::options} takes a waiting IAL
            continue
        if tok.nesting == -1 or not tok.block:
            continue
        waiting = pending.pop(tok.level, None)
        if waiting is not None and tok.map and waiting[1] in (tok.map[0], -1):
            _attach(tok, waiting[0], alds)
