"""Differential harness for Markdown: Jekyll 4.3.1's own Markdown converter against blogtool.

``jekyll_render`` sends a batch of documents to one ``ruby`` process that builds a quiet
``Jekyll::Site`` (Jekyll's default configuration, so kramdown 2.4 with ``input: GFM`` and the
options Jekyll passes) and calls the site's Markdown converter on each document. A case may
carry extra ``kramdown:`` settings; the Ruby side keeps one site per distinct setting.

``blogtool_render`` renders the same document the way a build does under ``compat: jekyll``
(configuration merged by ``load_config``, options by ``settings_from``).

``normalize_html`` turns both into a comparable string: attributes sorted, entities decoded,
whitespace between tags dropped and runs of whitespace in text collapsed (kept inside
``<pre>``), elements left open closed where a browser closes them (``<p>a <b>x</p>`` is
``<p>a <b>x</b></p>``), so only differences a reader could see remain.

    outs = jekyll_render([Case("a", "# H {#x}\\n")])
    assert normalize_html(outs[0]) == normalize_html(blogtool_render(Case("a", "# H {#x}\\n")))
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.rubyoracle import RubyError, run_batch

_BODY = r"""
  $sites ||= {}
  cfg = input["kramdown"] || {}
  key = JSON.generate(cfg)
  conv = ($sites[key] ||= begin
    Jekyll.logger.log_level = :error
    dir = Dir.mktmpdir
    over = {"quiet" => true, "source" => dir, "destination" => File.join(dir, "_site")}
    over["kramdown"] = cfg unless cfg.empty?
    Jekyll::Site.new(Jekyll.configuration(over))
      .find_converter_instance(Jekyll::Converters::Markdown)
  end)
  conv.convert(input["text"])
"""


@dataclass(frozen=True)
class Case:
    """One Markdown document, with optional ``kramdown:`` settings (as in ``_config.yml``)."""
    name: str
    text: str
    kramdown: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""       # why blogtool's output differs, for a known difference


def jekyll_render(cases: Sequence[Case]) -> list[str | RubyError]:
    """Jekyll's HTML for every case, from one ``ruby`` process."""
    inputs = [{"text": c.text, "kramdown": dict(c.kramdown)} for c in cases]
    return run_batch(["jekyll", "tmpdir"], _BODY, inputs)


_OPTIONS_CACHE: dict[str, Any] = {}


def blogtool_options(kramdown: Mapping[str, Any] | None = None, compat: str = "jekyll") -> Any:
    """The ``MarkupOptions`` a build makes from ``kramdown:`` settings under ``compat``."""
    from blogtool.build.config import load_config, settings_from

    key = repr((sorted((kramdown or {}).items()), compat))
    if key not in _OPTIONS_CACHE:
        with tempfile.TemporaryDirectory() as src:
            overrides: dict[str, Any] = {"blogtool": {"compat": compat}}
            if kramdown:
                overrides["kramdown"] = dict(kramdown)
            config = load_config(Path(src), overrides=overrides)
            _OPTIONS_CACHE[key] = settings_from(config, str(Path(src) / "_site")).markup
    return _OPTIONS_CACHE[key]


def blogtool_render(case: Case, compat: str = "jekyll") -> str:
    from blogtool.markup.markdown import render_markdown

    return render_markdown(case.text, blogtool_options(case.kramdown, compat))


_WS = re.compile(r"\s+")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"])


class _Canon(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pre = 0
        self.text: list[str] = []
        self.open: list[str] = []

    def _flush(self) -> None:
        if not self.text:
            return
        data = "".join(self.text)
        self.text = []
        if not self.pre:
            data = _WS.sub(" ", data).strip()
        if data:
            self.out.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        parts = "".join(f' {k}="{_WS.sub(" ", v or "").strip()}"' for k, v in sorted(attrs))
        self.out.append(f"<{tag}{parts}>")
        if tag not in _VOID:
            self.open.append(tag)
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in _VOID:
            return
        if tag in self.open:
            # an end tag closes the elements left open inside it, as a browser does
            while self.open:
                inner = self.open.pop()
                if inner == "pre":
                    self.pre = max(0, self.pre - 1)
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break
        else:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self._flush()
        self.out.append(f"<!--{data}-->")


def normalize_html(html: str) -> str:
    """A canonical form of an HTML fragment, one tag or text run per line."""
    parser = _Canon()
    parser.feed(html)
    parser.close()
    parser._flush()
    parser.out.extend(f"</{tag}>" for tag in reversed(parser.open))
    return "\n".join(parser.out)


def compare(cases: Sequence[Case], compat: str = "jekyll") -> list[tuple[Case, str, str]]:
    """Every case whose normalised output differs: (case, Jekyll's, blogtool's)."""
    diffs = []
    for case, expected in zip(cases, jekyll_render(cases), strict=True):
        if isinstance(expected, RubyError):
            raise RuntimeError(f"{case.name}: Jekyll raised {expected}")
        ours = blogtool_render(case, compat)
        want, got = normalize_html(expected), normalize_html(ours)
        if want != got:
            diffs.append((case, want, got))
    return diffs
