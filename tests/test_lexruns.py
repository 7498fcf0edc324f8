"""Highlighting from class runs (lexruns.py) writes exactly what Pygments' own tokens give."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexer import RegexLexer
from pygments.lexers import get_lexer_by_name
from pygments.token import Name, Text

from blogtool.markup import fastlex, lexjoin
from blogtool.markup.fastlex import NotText, fast_lexer
from blogtool.markup.highlight import _CLASSES, _css_class, _spans
from blogtool.markup.lexruns import class_runs, token_runs
from blogtool.markup.loglexer import LogLexer

DATA = Path(__file__).resolve().parent / "data" / "code"
PIECES = list('{}()[]<>"\'`$#@\\/*-+=;:,.!?&|%^~ \t\n') + [
    "class", "if", "new", "return", "/*", "*/", '"""', "String s", "foo(", "x.y", "&amp;",
    "@Override", "case A:", "0x1F", "'c'", "import a.b;", "中文", "\x01", "\x02", "\x03",
    "ERROR", "2014-01-01 00:00:00,123", "\tat org.Foo.bar(Foo.java:1)", "Caused by: ",
    "#include <vector>", "std::map<int, T>", "echo $HOME", "<a href='x'>", "SELECT *"]
NAMES = ["java", "log", "bash", "console", "cpp", "c", "xml", "python", "scala", "sql"]


def _plain(name: str):
    return LogLexer() if name == "log" else get_lexer_by_name(name)


def _samples() -> list[str]:
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(DATA.rglob("*"))
             if p.is_file()]
    rng = random.Random(5)
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))
              for _ in range(400)]
    return texts


SAMPLES = _samples()


# the fast subset keeps three lexers at one join point; the sweep has all at both
@pytest.mark.parametrize("name", [n if n in ("java", "log", "python") else
                                  pytest.param(n, marks=pytest.mark.sweep) for n in NAMES])
@pytest.mark.parametrize("join_after", [pytest.param(1, marks=pytest.mark.sweep), 50])
def test_spans_from_runs_equal_spans_from_pygments_tokens(name: str, join_after: int,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(lexjoin, "JOIN_AFTER", join_after)
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    plain = _plain(name)
    fast = fast_lexer(_plain(name))
    for text in SAMPLES:
        assert _spans(text, fast) == _spans(text, plain), text[:200]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(NAMES))
def test_generated_code_highlights_the_same(pieces: list[str], name: str) -> None:
    text = "".join(pieces)
    assert _spans(text, fast_lexer(_plain(name))) == _spans(text, _plain(name))


def _token_runs(lexer, text: str):
    try:
        return token_runs(lexer, text, _css_class, _CLASSES)
    except NotText:
        return None


# the lexers fastlex scans itself (not console, a session lexer, nor xml, whose states are
# too short to gain); c and cpp scan with their type tables (``_scan_c``)
SCANNED = [n for n in NAMES
           if type(fast_lexer(_plain(n))).get_tokens_unprocessed in fastlex.SCANS]


def test_both_scans_are_among_the_lexers_compared() -> None:
    assert {"java", "log", "bash", "python", "scala", "sql", "c", "cpp"} <= set(SCANNED)
    assert type(fast_lexer(_plain("cpp"))).get_tokens_unprocessed is fastlex._scan_c


@pytest.mark.parametrize("name", [n if n in ("java", "log", "cpp") else
                                  pytest.param(n, marks=pytest.mark.sweep) for n in SCANNED])
@pytest.mark.parametrize("join_after", [1, 50])
def test_runs_made_in_the_scan_equal_the_runs_of_its_tokens(name: str, join_after: int,
                                                            monkeypatch) -> None:
    monkeypatch.setattr(lexjoin, "JOIN_AFTER", join_after)
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    fast = fast_lexer(_plain(name))
    for text in SAMPLES:
        runs = class_runs(fast, text, _css_class, _CLASSES)
        assert runs == _token_runs(fast, text), text[:200]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(SCANNED))
def test_generated_code_gives_the_runs_of_its_tokens(pieces: list[str], name: str) -> None:
    fast = fast_lexer(_plain(name))
    text = "".join(pieces)
    assert class_runs(fast, text, _css_class, _CLASSES) == _token_runs(fast, text)


class _Dropping(RegexLexer):
    """A lexer whose callback gives a token that is not the text (a rewritten name) and
    whose groups leave text out."""
    name = "dropping"
    tokens = {"root": [
        (r"(a)(-)(b)", lambda lexer, m: iter([(m.start(), Name, "A"), (m.end() - 1, Name, "b")])),
        (r"(x)-(y)", lambda lexer, m: iter([(m.start(1), Name, "x"), (m.start(2), Name, "y")])),
        (r"\s+|.", Text),
    ]}


def test_a_callback_that_rewrites_text_falls_back_to_the_tokens() -> None:
    # the joined-rules scan on a lexer too short for fast_lexer to pick it
    fast = type("Dropping", (_Dropping,), {"get_tokens_unprocessed": fastlex._scan,
                                          "_states": None})()
    assert class_runs(fast, "a-b\n", lambda t: "n", {}) is None
    # every type has the class "n" here: x, then y and the newline after the dropped "-"
    assert class_runs(fast, "x-y\n", lambda t: "n", {}) == [(0, 1, None), (2, 4, "n")]
    # the reference reads Pygments' own scan of the plain lexer the same way
    assert token_runs(_Dropping(), "x-y\n", lambda t: "n", {}) == [(0, 1, None), (2, 4, "n")]
    assert token_runs(_Dropping(), "x-y x-y\n", lambda t: "n", {}) == \
        [(0, 1, None), (2, 5, None), (6, 8, "n")] == \
        class_runs(fast, "x-y x-y\n", lambda t: "n", {})
    # text dropped between tokens of one class: one span, without the dropped text
    for lexer in (fast, _Dropping()):
        assert _spans("x-y z\n", lexer) == '<span class="n">xy</span> z\n'
        assert _spans("a-b\n", lexer) == '<span class="n">Ab</span>\n'
