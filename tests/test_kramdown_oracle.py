"""kramdown differential test: every case in ``tests/kramdown_cases`` and 1,000 documents
composed from them, rendered by Jekyll 4.3.1 (one ``ruby`` process per batch) and by blogtool
under ``compat: jekyll``, compared as normalised HTML.

A case with a ``note`` is a known difference: it must still differ (so a fix is noticed and
the note removed), and the README lists it. Every other case must be identical.
"""
from __future__ import annotations

import importlib
import pkgutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tests.kramdown_cases as case_modules
from tests.kramdown_oracle import Case, RubyError, blogtool_render, jekyll_render, normalize_html


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for info in pkgutil.iter_modules(case_modules.__path__):
        cases.extend(importlib.import_module(f"tests.kramdown_cases.{info.name}").CASES)
    return cases


CASES = all_cases()


def _compare(cases: list[Case]) -> list[tuple[Case, str, str]]:
    diffs = []
    for case, expected in zip(cases, jekyll_render(cases), strict=True):
        assert not isinstance(expected, RubyError), f"{case.name}: Jekyll raised {expected}"
        want, got = normalize_html(expected), normalize_html(blogtool_render(case))
        if want != got:
            diffs.append((case, want, got))
    return diffs


def _report(diffs: list[tuple[Case, str, str]]) -> str:
    return "\n\n".join(f"{c.name}: {c.text!r}\n--- Jekyll\n{w}\n--- blogtool\n{g}"
                       for c, w, g in diffs)


def test_case_names_are_unique_and_cover_four_languages() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    text = "".join(c.text for c in CASES)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)                # Chinese (Han)
    assert any("\u3040" <= ch <= "\u30ff" for ch in text)                # Japanese kana
    assert any("\uac00" <= ch <= "\ud7a3" for ch in text)                # Korean Hangul
    assert any(ch.isascii() and ch.isalpha() for ch in text)


def test_every_case_matches_jekyll() -> None:
    diffs = _compare(CASES)
    unexpected = [d for d in diffs if not d[0].note]
    assert not unexpected, _report(unexpected)
    fixed = {c.name for c in CASES if c.note} - {d[0].name for d in diffs}
    assert not fixed, f"known differences that are now identical (drop their note): {fixed}"
    print(f"\nkramdown cases identical: {len(CASES) - len(diffs)} / {len(CASES)}")


_PLAIN = [c for c in CASES if not c.note and not c.kramdown]
_JOINERS = ["\n\n", "\n\n", "\n", "\n\n\n"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Two to four case documents, joined by blank lines or (sometimes) a bare line break."""
    parts = draw(st.lists(st.sampled_from(_PLAIN), min_size=2, max_size=4))
    out = parts[0].text.rstrip("\n")
    for part in parts[1:]:
        out += draw(st.sampled_from(_JOINERS)) + part.text.rstrip("\n")
    return out + "\n"


def test_composed_documents_match_jekyll() -> None:
    docs: list[str] = []

    @settings(max_examples=1100, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(documents())
    def collect(doc: str) -> None:
        docs.append(doc)

    collect()
    unique = list(dict.fromkeys(docs))
    assert len(unique) >= 1000
    cases = [Case(f"composed-{i}", d) for i, d in enumerate(unique)]
    diffs = _compare(cases)
    share = 1 - len(diffs) / len(cases)
    print(f"\ncomposed documents identical: {len(cases) - len(diffs)} / {len(cases)}")
    if diffs:
        print(_report(diffs[:3]))
    assert share >= 0.98, _report(diffs[:5])
