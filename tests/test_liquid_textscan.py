"""The faster template tokenizer gives python-liquid's tokens, text for text."""
from __future__ import annotations

import random
from pathlib import Path

from liquid.lex import get_lexer

from blogtool.liquid.textscan import template_tokenizer

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
STOCK = get_lexer("{%", "%}", "{{", "}}", "", "")
FAST = template_tokenizer()

# pieces whose mixtures reach every branch of the text pattern's end: markers with and
# without trimming, lone braces, newlines (a final one ends text before it), raw and comments
PIECES = ["{", "}", "%", "-", " ", "\n", "\t", "a", "{{", "}}", "{%", "%}", "{{-", "-}}",
          "{%-", "-%}", "raw", "endraw", "comment", "endcomment", "if x", "endif", "#",
          "\u3000", "文", "\r\n"]


def _tokens(tokenize, source: str) -> object:
    try:
        return [(t.kind, t.value, t.start_index) for t in tokenize(source)]
    except Exception as exc:  # the same syntax error from both
        return type(exc).__name__, str(exc)


def test_the_fast_pattern_is_in_use() -> None:
    assert FAST is not STOCK


def test_same_tokens_for_every_fixture_file() -> None:
    checked = 0
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix not in (".md", ".markdown", ".html", ".xml", ".liquid", ".txt"):
            continue
        source = path.read_text("utf-8", errors="replace")
        assert _tokens(FAST, source) == _tokens(STOCK, source), path
        checked += 1
    assert checked > 50


def test_same_tokens_for_mixtures_of_markers_and_text() -> None:
    rng = random.Random(20)
    for _ in range(20000):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 16)))
        assert _tokens(FAST, source) == _tokens(STOCK, source), repr(source)


def test_long_text_between_tags() -> None:
    text = ("正文 {not a tag} 100%\n" * 300) + "{% if a %}x{% endif %}\n" + "尾\n" * 50
    assert _tokens(FAST, text) == _tokens(STOCK, text)
    assert _tokens(FAST, text + "\n") == _tokens(STOCK, text + "\n")
