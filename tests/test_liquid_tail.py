"""A body's text after its last tag is written as it is, not tokenized: the output, the
warnings and the errors are those of the whole text, whatever the text around the cut (fake
delimiters, whitespace control, spaces Ruby does not trim, unclosed blocks)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.errors import BuildError, Diagnostics
from blogtool.liquid import engine as engine_module
from blogtool.liquid.engine import LiquidEngine, LiquidSettings
from blogtool.liquid.state import RECURSION_LIMIT

sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))    # as a render sets it

CTX = {"site": {"title": "T", "tags": ["a", "b"]}, "page": {"title": "P", "n": 2}}

PIECES = ["{% if page.n > 1 %}", "{% endif %}", "{%- if page.title -%}", "{%- endif -%}",
          "{{ page.title }}", "{{- site.title -}}", "{{ page.n | plus: 1 }}", "{% raw %}{{ x }}",
          "{% endraw %}", "{% for t in site.tags %}", "{% endfor %}", "{{ t }}",
          "{{ x | | upcase }}",
          "{% comment %}c{% endcomment %}", "{% assign y = 3 %}", "{{ y }}", "{%- endif %}",
          "}}", "%}", "-}}", "-%}", "{", "}", " ", "\n", "\u3000", "\t", "text", "文字", "\n\n",
          "{% if x %}", "{% endunless %}", "{{ 1 | divided_by: 0 }}"]


def _engine(tmp_path: Path, diagnostics: Diagnostics) -> LiquidEngine:
    return LiquidEngine(LiquidSettings(source=str(tmp_path), timezone="UTC"), post_urls={},
                        link_urls={}, diagnostics=diagnostics)


def _outcome(tmp_path: Path, text: str) -> tuple[str, list]:
    diagnostics = Diagnostics()
    try:
        out = _engine(tmp_path, diagnostics).render(text, CTX, path="p.md", line_offset=3)
    except BuildError as err:
        out = f"error: {err}"
    return out, [(w.path, w.line, w.message) for w in diagnostics.warnings]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_the_cut_renders_as_the_whole_text(tmp_path_factory: pytest.TempPathFactory,
                                           pieces: list[str]) -> None:
    tmp_path = tmp_path_factory.getbasetemp()
    text = "".join(pieces)
    cut = _outcome(tmp_path, text)
    real = engine_module._split_tail
    try:
        engine_module._split_tail = lambda t: (t, "")
        whole = _outcome(tmp_path, text)
    finally:
        engine_module._split_tail = real
    assert cut == whole, text


def test_posts_opening_with_the_same_tag_share_one_template(tmp_path: Path) -> None:
    engine = _engine(tmp_path, Diagnostics())
    bodies = ["{% assign x = 1 %}\n\n正文 " + str(i) + " } { -%\n" for i in range(3)]
    assert [engine.render(b, CTX, path="p.md") for b in bodies] == \
        ["\n\n正文 " + str(i) + " } { -%\n" for i in range(3)]
    assert list(engine._templates) == ["{% assign x = 1 %}"]
    # after a trimming tag the text is not cut (the trim applies to it)
    assert engine_module._split_tail("{{ a -}}  x") == ("{{ a -}}  x", "")
    assert engine_module._split_tail("{{ a }} {{ b") == ("{{ a }} {{ b", "")
