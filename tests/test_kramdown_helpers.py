"""The helpers the kramdown rules share: the one-line block test, the marker token, a block's
closing token and values kept on an inline state."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from blogtool.markup.kramdown.blockline import line_match, marker_token
from blogtool.markup.kramdown.scratch import kept
from blogtool.markup.kramdown.tokens import closing

_WORD = re.compile(r"\{:(\w+)\}")


def _state(src: str) -> StateBlock:
    md = MarkdownIt()
    return StateBlock(src, md, {}, [])


def test_line_match_reads_one_line_from_its_text() -> None:
    state = _state("{:a}\n   {:b}\n    {:c}\nx {:d}\n")
    m = line_match(state, 0, "{:", _WORD)
    assert m is not None and m.group(1) == "a"
    m = line_match(state, 1, "{:", _WORD)                  # three spaces: still a marker line
    assert m is not None and m.group(1) == "b"
    assert line_match(state, 2, "{:", _WORD) is None       # four spaces: indented code
    assert line_match(state, 3, "{:", _WORD) is None       # does not start with the prefix
    assert line_match(state, 0, "{::", _WORD) is None


def test_line_match_full_and_endpos() -> None:
    state = _state("{:a} tail\n{:b}\n")
    assert line_match(state, 0, "{:", _WORD, full=True) is None
    full = line_match(state, 1, "{:", _WORD, full=True)
    assert full is not None and full.group(0) == "{:b}"
    two_lines = re.compile(r"\{:a\} tail\n\{:b\}")
    assert line_match(state, 0, "{:", two_lines) is None    # the line's end is the limit
    m = line_match(state, 0, "{:", two_lines, endpos=len(state.src))
    assert m is not None and m.end() == len("{:a} tail\n{:b}")


def test_marker_token_uses_up_its_line() -> None:
    state = _state("^\npara\n")
    token = marker_token(state, 0, "kramdown_eob")
    assert (token.type, token.map, token.hidden, state.line) == ("kramdown_eob", [0, 1], True, 1)
    assert state.tokens == [token]


def test_closing_finds_the_matching_close() -> None:
    tokens = MarkdownIt().parse("* a\n  * b\n* c\n\npara\n")
    assert closing(tokens, 0) == next(i for i, t in enumerate(tokens)
                                      if t.type == "bullet_list_close" and t.level == 0)
    inner = next(i for i, t in enumerate(tokens) if t.type == "bullet_list_open" and t.level > 0)
    assert tokens[closing(tokens, inner)].type == "bullet_list_close"
    assert tokens[closing(tokens, inner)].level == tokens[inner].level
    assert closing(tokens, len(tokens) - 2) == len(tokens) - 2    # inline: closes itself
    assert closing(tokens[:3], 0) == 2                            # cut short: the last token


def test_kept_makes_the_value_once() -> None:
    class State:
        pass

    state = State()
    first = kept(state, "_x", list)
    first.append(1)
    assert kept(state, "_x", list) is first and first == [1]
    assert kept(state, "_y", dict) == {}
