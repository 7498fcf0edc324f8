"""Shared pieces of the Liquid differential tests: render a batch of templates with real Ruby
Liquid 5.4 plus Jekyll 4.3.1's filters (one ``ruby`` process) and with blogtool's engine, and
list the cases whose output, warnings or error/no-error differ."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from blogtool.errors import BuildError, Diagnostics
from blogtool.liquid.engine import LiquidEngine, LiquidSettings
from rubyoracle import RubyError, run_batch

# Jekyll's Liquid context: its filters, a site with url and baseurl, UTC.
RUBY_BODY = r'''
$site ||= begin
  ENV["TZ"] = "UTC"
  Jekyll.logger.log_level = :error
  Jekyll::Site.new(Jekyll.configuration({"source" => Dir.pwd, "destination" => "/nonexistent",
    "quiet" => true, "url" => "https://example.com", "baseurl" => "/blog",
    "timezone" => nil}))
end
Liquid::Template.error_mode = input["mode"].to_sym
t = Liquid::Template.parse(input["t"], line_numbers: true)
out = t.render!(input["vars"], registers: {site: $site, page: {}},
                strict_filters: input["strict_filters"], strict_variables: false)
{"out" => out.dup.force_encoding("UTF-8").scrub("\uFFFD"),
 "warnings" => t.warnings.map(&:message)}
'''


@dataclass
class Case:
    template: str
    vars: dict
    mode: str = "warn"
    strict_filters: bool = False

    def as_json(self) -> dict:
        return {"t": self.template, "vars": self.vars, "mode": self.mode,
                "strict_filters": self.strict_filters}


@dataclass
class Outcome:
    error: str | None
    out: str | None
    warnings: list[str]

    def same(self, other: Outcome) -> bool:
        """Same error/no-error, output and warnings. blogtool reports a warning once per
        file, line and message (its Diagnostics), Jekyll each time it occurs."""
        if (self.error is None) != (other.error is None):
            return False
        return self.error is not None or (self.out == other.out
                                          and _once(self.warnings) == _once(other.warnings))


def _once(messages: list[str]) -> list[str]:
    return list(dict.fromkeys(messages))


def ruby_outcomes(cases: list[Case], tmp_dir: str) -> list[Outcome]:
    import os
    cwd = os.getcwd()
    os.chdir(tmp_dir)
    try:
        answers = run_batch(["liquid", "jekyll"], RUBY_BODY, [c.as_json() for c in cases])
    finally:
        os.chdir(cwd)
    out = []
    for answer in answers:
        if isinstance(answer, RubyError):
            out.append(Outcome(str(answer), None, []))
        else:
            out.append(Outcome(None, answer["out"], answer["warnings"]))
    return out


_ENGINES: dict[tuple[str, bool, str], tuple[LiquidEngine, Diagnostics]] = {}


def python_outcome(case: Case, source: str) -> Outcome:
    key = (case.mode, case.strict_filters, source)
    if key not in _ENGINES:
        diags = Diagnostics()
        engine = LiquidEngine(LiquidSettings(source=source, baseurl="/blog",
                                             url="https://example.com", timezone="UTC",
                                             error_mode=case.mode,
                                             strict_filters=case.strict_filters),
                              post_urls={}, link_urls={}, diagnostics=diags)
        _ENGINES[key] = (engine, diags)
    engine, diags = _ENGINES[key]
    diags.warnings.clear()
    try:
        text = engine.render(case.template, dict(case.vars), path="t.html")
    except BuildError as err:
        return Outcome(err.problem.message, None, [])
    warnings = [w.message.removeprefix("Liquid Warning: ") for w in diags.warnings
                if "unknown filter" not in w.message]
    return Outcome(None, text, warnings)


def differences(cases: list[Case], tmp_dir: str) -> list[tuple[Case, Outcome, Outcome]]:
    ruby = ruby_outcomes(cases, tmp_dir)
    found = []
    for case, expected in zip(cases, ruby, strict=True):
        got = python_outcome(case, tmp_dir)
        if not expected.same(got):
            found.append((case, expected, got))
    return found


def report(found: list[tuple[Case, Outcome, Outcome]], limit: int = 25) -> str:
    lines = []
    for case, expected, got in found[:limit]:
        lines.append(f"{case.template!r} mode={case.mode} vars={case.vars!r}\n"
                     f"    ruby:     {expected}\n    blogtool: {got}")
    return f"{len(found)} differences\n" + "\n".join(lines)


# --- generated values ---------------------------------------------------------------------------

CJK = "中文日本語한국어，。「」　"
_text = st.text(alphabet=st.sampled_from(list("abcAB xyz-_.,'\"<>&/:?#%0129\n\t") + list(CJK)),
                max_size=12)
_floats = st.sampled_from([0.0, 0.1, 0.5, 1.5, 2.5, -1.25, 3.14159, 100.0, 1e20, 1.0e-5,
                           -0.5, 12.345, 1e16, 123456789.123])
_ints = st.integers(min_value=-1000, max_value=1000) | st.sampled_from([0, 1, 2, 10**20])
scalars = st.none() | st.booleans() | _ints | _floats | _text | st.sampled_from(
    ["", " ", "a b  c ", "2024-01-02", "10", "3.5", "-2", "a,b,,c,,", "中文,日本", " 中 文 "])
keys = st.sampled_from(["a", "b", "name", "title", "size", "first", "中", "x y"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(keys, inner, max_size=3), max_leaves=6)


def plain(value: Any) -> Any:
    """Values JSON carries both ways unchanged (no NaN, str keys)."""
    return value


_WS = re.compile(r"\s+")


class Batch:
    """Collects generated cases one hypothesis example at a time and compares them with Ruby
    every ``size`` cases (one ``ruby`` process per batch); ``flush`` compares the rest."""

    def __init__(self, source: str, size: int = 500):
        self.source = source
        self.size = size
        self.pending: list[Case] = []
        self.total = 0

    def add(self, case: Case) -> list[tuple[Case, Outcome, Outcome]]:
        self.pending.append(case)
        self.total += 1
        return self.flush() if len(self.pending) >= self.size else []

    def flush(self) -> list[tuple[Case, Outcome, Outcome]]:
        cases, self.pending = self.pending, []
        return differences(cases, self.source) if cases else []
