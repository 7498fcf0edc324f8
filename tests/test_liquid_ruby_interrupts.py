"""``{% break %}`` and ``{% continue %}`` against real Ruby Liquid 5.4, inside and outside loops.

Outside any loop Ruby stops the template where the interrupt happens (no error): at the top
level, in ``if``/``unless``/``case``, in an include (and what includes it, up to a ``for``),
in ``capture`` (which keeps what came before) and in ``ifchanged``. ``tablerow`` does not take
interrupts: its later cells write their text up to their first tag or output. The cases
below are written out for each of these; 600 more are generated from nested blocks with
interrupts in them and compared in one ``ruby`` process. The last test builds a site with
real Jekyll: the content, each layout and the excerpt stop separately.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from liquid_oracle import Batch, Case, differences, report

from compat import build_blogtool, build_jekyll

_SOURCE = tempfile.mkdtemp(prefix="bt-liquid-interrupts-")
INCLUDES = {
    "stop.html": "I1{% break %}I2",
    "skip.html": "C1{% continue %}C2",
    "loop.html": "{% for k in (1..3) %}k{{ k }}{% if k == 2 %}{% break %}{% endif %}{% endfor %}L",
    "deep.html": "D{% if true %}{% include stop.html %}d{% endif %}D",
}
(Path(_SOURCE) / "_includes").mkdir()
for _name, _text in INCLUDES.items():
    (Path(_SOURCE) / "_includes" / _name).write_text(_text, encoding="utf-8")

WRITTEN = [
    # outside any loop: the template ends there, the text after its last tag too
    "a{% break %}b", "a{% continue %}b", "{%- break -%}  x", "a{% break extra words %}b",
    "a{% if true %}x{% break %}y{% endif %}b", "a{% unless false %}x{% continue %}y{% endunless %}b",
    "a{% case 1 %}{% when 1 %}x{% break %}y{% endcase %}b",
    "{% if true %}{% break %}{% else %}e{% endif %}x{{ 1 | plus: 1 }}",
    "{% assign z = 1 %}{% break %}{% assign z = 2 %}{{ z }}",
    "{% for i in (1..0) %}x{% else %}E{% break %}F{% endfor %}after",
    "a{% comment %}{% break %}{% endcomment %}b", "a{% raw %}{% break %}{% endraw %}b",
    # includes: the interrupt leaves the include and goes on to the including template
    "a{% include stop.html %}b", "a{% include skip.html %}b", "a{% include deep.html %}b",
    "{% for i in (1..3) %}[{{ i }}{% include stop.html %}]{% endfor %}e",
    "{% for i in (1..3) %}[{{ i }}{% include skip.html %}]{% endfor %}e",
    "{% include loop.html %}|{% include loop.html %}",
    # capture and ifchanged keep what their body wrote before the interrupt
    "a{% capture x %}p{% break %}q{% endcapture %}b{{ x }}",
    "{% for i in (1..3) %}{% capture x %}p{{ i }}{% break %}q{% endcapture %}{% endfor %}[{{ x }}]",
    "{% for i in (1..3) %}{% capture x %}p{{ i }}{% continue %}q{% endcapture %}{{ x }}{% endfor %}"
    "[{{ x }}]",
    "a{% ifchanged %}x{% break %}y{% endifchanged %}b",
    "{% for i in (1..2) %}{% ifchanged %}c{% break %}d{% endifchanged %}{% endfor %}"
    "{% ifchanged %}c{% endifchanged %}after",
    # tablerow leaves the interrupt waiting; a for loop in a later cell takes it
    "{% tablerow i in (1..3) %}a{{ i }}{% break %}b{% endtablerow %}after",
    "{% tablerow i in (1..3) %}{% if i == 1 %}{% break %}{% endif %}a{{ i }}b{% endtablerow %}x",
    "{% tablerow i in (1..3) %}a{% raw %}R{% endraw %}b{% break %}x{% endtablerow %}after",
    "{% tablerow i in (1..3) %}a{% comment %}C{% endcomment %}b{{ i }}{% break %}{% endtablerow %}",
    "{% tablerow i in (1..3) %}{% for j in (1..2) %}<{{ j }}>{% endfor %}{% break %}x"
    "{% endtablerow %}after",
    "{% tablerow i in (1..3) %}{% for j in (1..2) %}<{{ j }}>{% endfor %}{% continue %}x"
    "{% endtablerow %}after",
    "{% for k in (1..2) %}{% tablerow i in (1..2) %}{{ i }}{% continue %}{% endtablerow %}K{{ k }}"
    "{% endfor %}after",
    "{% tablerow i in (1..2) %}{% tablerow j in (1..2) %}{{ j }}{% break %}y{% endtablerow %}z"
    "{% endtablerow %}after",
    "{% tablerow i in (1..3) %}{% capture c %}p{{ i }}q{{ i }}r{% endcapture %}[{{ c }}]{% break %}"
    "{% endtablerow %}[{{ c }}]after",
    "{% tablerow i in (1..3) cols:2 %}{% break %}{{ i }}{% endtablerow %}after",
    "{% tablerow i in (1..3) %}a{% include stop.html %}b{{ i }}{% endtablerow %}after",
    # inside loops, as before
    "{% for i in (1..3) %}{% for j in (1..3) %}{{ i }}{{ j }}{% if j == 2 %}{% break %}{% endif %}"
    "{% endfor %}{% if i == 2 %}{% continue %}{% endif %}|{% endfor %}after",
]


def test_interrupts_written_out_match_ruby() -> None:
    found = differences([Case(t, {}) for t in WRITTEN], _SOURCE)
    assert not found, report(found)


_BODY_PIECES = ["t", "{{ i }}", "{% break %}", "{% continue %}", "{% include stop.html %}",
                "{% include skip.html %}", "{% include loop.html %}", "{% raw %}r{% endraw %}",
                "{% comment %}c{% endcomment %}", "{% assign i = 'v' %}", "{% increment n %}",
                "{% cycle 'p', 'q' %}", " "]


@st.composite
def body(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.integers(0, 2)) == 0:
            parts.append(draw(block(depth + 1)))
        else:
            parts.append(draw(st.sampled_from(_BODY_PIECES)))
    return "".join(parts)


@st.composite
def block(draw: st.DrawFn, depth: int) -> str:
    inner = draw(body(depth))
    kind = draw(st.sampled_from(["if", "unless", "case", "for", "for-else", "tablerow",
                                 "capture", "ifchanged", "for", "tablerow"]))
    if kind == "if":
        cond = draw(st.sampled_from(["true", "false", "i == 2", "forloop.first"]))
        return "{% if " + cond + " %}" + inner + "{% else %}e" + draw(body(depth)) + "{% endif %}"
    if kind == "unless":
        return "{% unless i == 1 %}" + inner + "{% endunless %}"
    if kind == "case":
        return "{% case i %}{% when 1 %}" + inner + "{% when 2 %}w" + draw(body(depth)) + \
            "{% endcase %}"
    if kind in ("for", "for-else"):
        var = draw(st.sampled_from(["i", "j"]))
        rng = draw(st.sampled_from(["(1..3)", "(1..2)", "(1..0)"]))
        default = "{% else %}E" + draw(body(depth)) if kind == "for-else" else ""
        return "{% for " + var + " in " + rng + " %}" + inner + default + "{% endfor %}"
    if kind == "tablerow":
        cols = draw(st.sampled_from(["", " cols:2"]))
        return "{% tablerow i in (1..3)" + cols + " %}" + inner + "{% endtablerow %}"
    if kind == "capture":
        return "{% capture c %}" + inner + "{% endcapture %}[{{ c }}]"
    return "{% ifchanged %}" + inner + "{% endifchanged %}"


CASES = 600
PER_EXAMPLE = 20
BATCH = Batch(_SOURCE, size=CASES)   # one ruby process for all the cases


@settings(max_examples=CASES // PER_EXAMPLE, phases=[Phase.generate], derandomize=True,
          deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(body(), min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
def test_generated_interrupts_match_ruby(templates: list[str]) -> None:
    """Collects the generated templates; they are compared with Ruby in one batch below."""
    for template in templates:
        found = BATCH.add(Case(template + "|{{ c }}{{ i }}|end", {"i": 1}))
        assert not found, report(found)


def test_generated_interrupts_match_ruby_last_batch() -> None:
    """The last, partial batch; also checks that the generated test ran."""
    found = BATCH.flush()
    assert BATCH.total >= CASES * 0.9, f"only {BATCH.total} cases were generated"
    assert not found, report(found)


SITE = {
    "_config.yml": "title: t\n",
    "_layouts/default.html": "<html>{{ content }}\n{% include foot.html %}\nafter</html>\n",
    "_layouts/stop.html": "---\nlayout: default\n---\n<div>{{ content }}</div>"
                          "{% if true %}{% break %}{% endif %}never\n",
    "_includes/foot.html": "foot{% continue %}never\n",
    "_posts/2024-01-02-a.md": "---\nlayout: default\n---\nFirst {{ 1 | plus: 1 }}.\n\n"
                              "Second {% break %} never\n\nThird.\n",
    "_posts/2024-01-03-b.md": "---\nlayout: stop\n---\nB {% capture x %}cap{% continue %}lost"
                              "{% endcapture %}{{ x }} never\n",
    "index.html": "---\nlayout: default\n---\n{% for p in site.posts %}[{{ p.excerpt | strip_html"
                  " | strip }}|{{ p.content | size }}]{% endfor %}\n",
}


def test_page_and_layouts_stop_separately_as_in_jekyll(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for name, text in SITE.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    jekyll = build_jekyll(src, tmp_path / "jekyll")
    ours = build_blogtool(src, tmp_path / "blogtool")
    assert jekyll.ok, jekyll.describe()
    assert ours.ok, ours.describe()
    pages = sorted(p.relative_to(jekyll.dest) for p in jekyll.dest.rglob("*") if p.is_file())
    assert len(pages) == 3
    assert pages == sorted(p.relative_to(ours.dest) for p in ours.dest.rglob("*") if p.is_file())
    for rel in pages:
        expected = (jekyll.dest / rel).read_text(encoding="utf-8")
        assert (ours.dest / rel).read_text(encoding="utf-8") == expected, rel
    assert "never" not in (ours.dest / "2024/01/03/b.html").read_text(encoding="utf-8")
