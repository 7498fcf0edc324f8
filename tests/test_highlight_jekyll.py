"""Highlighted code blocks against real Jekyll 4.3.1 (kramdown + Rouge), one ``ruby`` process
per batch: for every ``<pre>``, the wrappers around it (``div.language-x highlighter-rouge``,
``div.highlight``, ``pre.highlight``) and the code's text as a reader sees it (tags dropped,
entities decoded) must be Jekyll's, under ``compat: jekyll`` and under blogtool's own rules.

Token classes are not compared: Rouge and Pygments split some languages differently (README,
"Code blocks"). What the comparison holds is what blogtool's scanner and run writer
(``fastlex.walk``, ``highlight._write_runs``) could get wrong on their own: a character lost or
doubled where a lexer drops text, escaping, line ends, the blank lines at either end of a block.
"""
from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.kramdown_oracle import Case, RubyError, blogtool_render, jekyll_render
from tests.test_lexruns import PIECES

# languages Rouge and Pygments both know: those fastlex scans, and some it leaves to Pygments
LANGUAGES = ["java", "cpp", "c", "python", "scala", "sql", "bash", "javascript", "go", "ruby",
             "xml", "html", "yaml", "json"]


class _Blocks(HTMLParser):
    """Each ``<pre>``: the classes of the elements opened before it, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[list[str], str]] = []
        self._outer: list[str] = []
        self._inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._inside:
            return
        if tag in ("div", "pre"):
            self._outer.append(f"{tag}.{dict(attrs).get('class')}")
        if tag == "pre":
            self._inside = 1
            self.blocks.append((self._outer, ""))
            self._outer = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._inside = 0

    def handle_data(self, data: str) -> None:
        if self._inside:
            wrappers, text = self.blocks[-1]
            self.blocks[-1] = (wrappers, text + data)


def _blocks(html: str) -> list[tuple[list[str], str]]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _differences(cases: list[Case]) -> list[str]:
    found = []
    for case, expected in zip(cases, jekyll_render(cases), strict=True):
        assert not isinstance(expected, RubyError), f"{case.name}: Jekyll raised {expected}"
        want = _blocks(expected)
        assert want, f"{case.name}: Jekyll wrote no <pre>"
        for compat in ("jekyll", "blogtool"):
            got = _blocks(blogtool_render(case, compat))
            if got != want:
                found.append(f"{case.name} ({compat}): {case.text!r}\n  jekyll   {want!r}\n"
                             f"  blogtool {got!r}")
    return found


# blank lines at either end, a block of blank lines only, a tab-led line, tildes, CRLF
EDGES = ["\n\na\n", "a\n\n\n", "\n\n", "\ta\n\n", "a\n \n", "x = 1;\r\ny = 2;\n",
         "class A {\n\n  int x; // <b> & </b>\n\n}\n\n"]


def test_named_edges_keep_jekyll_text_and_wrappers() -> None:
    cases = [Case(f"{lang}-{k}", f"```{lang}\n{body}```\n")
             for lang in ("java", "python", "cpp", "xml") for k, body in enumerate(EDGES)]
    cases.append(Case("tilde-java", "~~~ java\na\n\n~~~\n"))
    found = _differences(cases)
    assert not found, f"{len(found)} differ:\n" + "\n".join(found[:8])


@st.composite
def _fenced(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(LANGUAGES))
    code = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40)))
    lead = draw(st.sampled_from(["", "\n", "\n\n"]))
    tail = draw(st.sampled_from(["\n", "\n\n", "\n\n\n"]))
    return lang, lead + code.replace("```", "``").replace("~~~", "~~") + tail


BLOCKS_PER_BATCH = 50
BATCHES = 3


@settings(max_examples=BATCHES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
@given(st.lists(_fenced(), min_size=BLOCKS_PER_BATCH, max_size=BLOCKS_PER_BATCH))
def test_generated_code_blocks_keep_jekyll_text_and_wrappers(
        blocks: list[tuple[str, str]]) -> None:
    cases = [Case(f"g{i}-{lang}", f"```{lang}\n{code}```\n")
             for i, (lang, code) in enumerate(blocks)]
    found = _differences(cases)
    assert not found, f"{len(found)} differ:\n" + "\n".join(found[:8])
