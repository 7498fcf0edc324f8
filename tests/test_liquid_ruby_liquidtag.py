"""``{% liquid %}`` against real Ruby Liquid 5.4: each line is a tag of its own whose markup
ends with the line (and is stripped), in the three error modes. Written cases, then 300
generated bodies of statements, some malformed, compared in one ``ruby`` process."""
from __future__ import annotations

import tempfile

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from liquid_oracle import Batch, Case, differences, report

_SOURCE = tempfile.mkdtemp(prefix="bt-liquid-tag-")
MODES = ["warn", "lax", "strict"]
WRITTEN = [
    "{% liquid\nassign a = 1\nassign b = 2\n%}{{ a }}{{ b }}",
    "{% liquid assign a = 1\nassign b = a | plus: 2\n%}{{ a }}{{ b }}",
    "{% liquid\nassign a = 1 junk\nassign b = 2\n%}{{ a }}{{ b }}",
    "{% liquid\nassign a = 'x' | append: 'y' z\n%}{{ a }}",
    "{% liquid\nif true\necho 'y'\nendif\n%}",
    "{% liquid\nfor i in (1..3)\necho i\nif i == 2\nbreak\nendif\nendfor\n%}|",
    "{% liquid\n  assign a = 1   \n  echo a | plus: 1 x\n%}",
    "{% liquid\ncase 1\nwhen 1\necho 'one'\nendcase\n%}",
    "{% liquid\nassign a = 1\nbreak\necho 'no'\n%}after",
    "{%- liquid\nassign a = 1\n-%} {{ a }}",
    "{% liquid\ncapture c\necho 'x'\nendcapture\necho c\n%}",
    "{% liquid\n# a comment\necho 'a'\n\n\necho 'b'\n%}",
    "a{% liquid %}b", "a{% liquid\n\n%}b", "a{% liquid   \n  %}b",
    "{% liquid\necho 'q' | append: \n%}", "{% liquid\necho 'q' | append: %}",
]


def test_liquid_tags_written_out_match_ruby() -> None:
    cases = [Case(t, {"x": 2, "s": "中文"}, mode=m) for t in WRITTEN for m in MODES]
    found = differences(cases, _SOURCE)
    assert not found, report(found)


STATEMENTS = ["assign a = 1", "assign a = x | plus: 1", "assign a = x junk", "assign b = s",
              "echo a", "echo s | upcase", "echo x | plus: 1 y", "echo 'q' | append: ",
              "# note", "", "  echo a  ", "increment n", "cycle 'p', 'q'", "break", "continue"]
BLOCKS = [("if x > 1", "endif"), ("unless a", "endunless"), ("for i in (1..2)", "endfor"),
          ("case x", "endcase"), ("capture c", "endcapture"), ("if x junk", "endif")]


@st.composite
def body(draw: st.DrawFn, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            head, end = draw(st.sampled_from(BLOCKS))
            inner = draw(body(depth + 1))
            if head.startswith("case"):
                inner = ["when 2", *inner]
            lines += [head, *inner, end]
        else:
            lines.append(draw(st.sampled_from(STATEMENTS)))
    return lines


CASES = 300
PER_EXAMPLE = 10
BATCH = Batch(_SOURCE, size=CASES)   # one ruby process for all the cases


@settings(max_examples=CASES // PER_EXAMPLE, phases=[Phase.generate], derandomize=True,
          deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(body(), st.sampled_from(MODES), st.booleans()),
                min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
def test_generated_liquid_tags_match_ruby(drawn: list[tuple[list[str], str, bool]]) -> None:
    """Collects the generated tags; they are compared with Ruby in one batch below."""
    for lines, mode, first_on_tag_line in drawn:
        text = ("{% liquid " if first_on_tag_line else "{% liquid\n") + "\n".join(lines)
        found = BATCH.add(Case(text + "\n%}[{{ a }}{{ b }}{{ c }}]", {"x": 2, "s": "中文"},
                               mode=mode))
        assert not found, report(found)


def test_generated_liquid_tags_match_ruby_last_batch() -> None:
    """The last, partial batch; also checks that the generated test ran."""
    found = BATCH.flush()
    assert BATCH.total >= CASES * 0.9, f"only {BATCH.total} cases were generated"
    assert not found, report(found)
