"""The prose-line rule only saves calls: documents parse to the same tokens and HTML with the
rule switched off, whatever the lines open with, at the top level and inside lists and quotes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.markup.markdown import build_parser
from blogtool.markup.options import MarkupOptions

_LINES = [
    "中文段落，第二句。", "Plain words here", "ǅungla", "Ａｂｃ", "ㄅㄆ", "é début", "x",
    "- item", "* item", "+ item", "1. first", "１. full-width digit", "2) paren", "> quote",
    "# Title", "##标题", "#tag words", "```", "```java", "~~~", "<div>", "</div>", "<span>x</span>",
    "{: .note}", "{:ref: .x}", "{::comment}", "{:/}", "^", ": definition", "[id]: /url",
    "*[HTML]: Hyper", "[^1]: note", "$$", "| a | b |", "|---|---|", "---", "===", "***", "___",
    "    indented code", "\tcode", "  two spaces", "2015-01-09 12:00:01 ERROR failed",
    "    at org.x.Y.z(Y.java:1)", "Traceback (most recent call last):", "{% raw %}", "",
    "word | other", "A line with `code` and **bold**", "“引号”开头", "_under_", "Setext",
]


def _parsers() -> tuple:
    on = build_parser(MarkupOptions())
    off = build_parser(MarkupOptions())
    off.block.ruler.disable("kramdown_prose_line")
    return on, off


_ON, _OFF = _parsers()


def _same(text: str) -> None:
    env_on: dict = {}
    env_off: dict = {}
    on = _ON.parse(text, env_on)
    off = _OFF.parse(text, env_off)
    assert [t.as_dict() for t in on] == [t.as_dict() for t in off]
    assert _ON.renderer.render(on, _ON.options, env_on) == \
        _OFF.renderer.render(off, _OFF.options, env_off)


@pytest.mark.sweep
@settings(max_examples=600, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(["", "", "  ", "    ", "> ", "- ", "1. "]),
                          st.sampled_from(_LINES)), max_size=14))
def test_the_same_tokens_with_and_without_the_rule(lines: list[tuple[str, str]]) -> None:
    _same("\n".join(prefix + line for prefix, line in lines) + "\n")


def test_the_rule_is_in_the_chain_and_steps_aside_for_others() -> None:
    names = [r.name for r in _ON.block.ruler.__rules__ if r.enabled]
    assert names[names.index("code") + 1] == "kramdown_prose_line"

    def shout(state, start, end, silent):  # type: ignore[no-untyped-def]
        pos = state.bMarks[start] + state.tShift[start]
        if not state.src.startswith("LOUD", pos):
            return False
        if not silent:
            state.push("html_block", "", 0).content = "<p>!</p>\n"
            state.line = start + 1
        return True

    md = build_parser(MarkupOptions())
    md.block.ruler.before("heading", "shout", shout)   # a rule among the marker rules
    assert md.render("LOUD words\n\nquiet words\n") == "<p>!</p>\n\n<p>quiet words</p>\n"
