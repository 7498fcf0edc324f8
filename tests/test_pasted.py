"""Pasted runs as troubleshooting posts have them: every run in tests/data/pasted/runs is one
code block with its text intact (only the run's common indentation removed), and the
paragraphs and list items of tests/data/pasted/prose.md, which mention logs, stay prose."""
from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pygments.token import Error

from blogtool.markup.code import code_plugin
from blogtool.markup.loglexer import LogLexer
from blogtool.markup.options import MarkupOptions
from blogtool.markup.recovery import recovery_plugin

DATA = Path(__file__).parent / "data" / "pasted"


def _plain() -> MarkdownIt:
    return MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "strikethrough", "replacements", "smartquotes"])


MD = _plain()
recovery_plugin(MD)


def runs() -> list[tuple[str, str]]:
    found = []
    for path in sorted((DATA / "runs").glob("*.txt")):
        for i, run in enumerate(path.read_text(encoding="utf-8").split("\n%%%\n")):
            found.append((f"{path.stem}-{i}", run.rstrip("\n")))
    return found


def expected(run: str) -> str:
    """The run without its common indentation of spaces (tab-indented lines keep theirs)."""
    lines = run.split("\n")
    widths = [len(x) - len(x.lstrip(" ")) for x in lines
              if x.strip() and not x.lstrip(" ").startswith("\t")]
    cut = min(widths)
    out = []
    for x in lines:
        lead = len(x) - len(x.lstrip(" "))
        out.append("" if not x.strip() else x[min(cut, lead):])
    return "\n".join(out) + "\n"


RUNS = runs()


def test_corpus_size_and_sources() -> None:
    assert len(RUNS) >= 60
    assert {name.split("-")[0] for name, _ in RUNS} >= {
        "hadoop", "hbase", "kafka", "flume", "zookeeper", "spring", "tomcat", "gc", "python",
        "nginx", "java"}


def _blocks(tokens: list) -> list:
    return [t for t in tokens if t.type in ("fence", "code_block")]


@pytest.mark.parametrize("name,run", RUNS, ids=[n for n, _ in RUNS])
def test_run_after_a_paragraph_is_one_block(name: str, run: str) -> None:
    doc = f"先看一下当时的输出。\n\n{run}\n\n从上面可以看出问题所在。\n"
    tokens = MD.parse(doc)
    (block,) = _blocks(tokens)
    assert block.content == expected(run)
    texts = [t.content for t in tokens if t.type == "inline"]
    assert texts == ["先看一下当时的输出。", "从上面可以看出问题所在。"]
    if name.startswith("java"):
        assert block.info == "java"
    elif name.startswith("python") and run.lstrip().startswith("Traceback"):
        assert block.info == "pytb"
    else:
        assert block.info == "log"


@pytest.mark.parametrize("name,run", [r for r in RUNS if not r[0].startswith("java")],
                         ids=[n for n, _ in RUNS if not n.startswith("java")])
def test_log_run_right_under_its_sentence(name: str, run: str) -> None:
    doc = f"日志如下：\n{run}\n\n  后面的中文说明。\n"
    tokens = MD.parse(doc)
    (block,) = _blocks(tokens)
    assert block.content == expected(run)
    assert [t.content for t in tokens if t.type == "inline"] == ["日志如下：", "后面的中文说明。"]


def test_runs_render_highlighted_and_without_smart_quotes() -> None:
    md = _plain()
    code_plugin(md, MarkupOptions())
    for name, run in RUNS:
        html = md.render(f"正文。\n\n{run}\n")
        assert html.count('highlighter-rouge"><div class="highlight">') == 1, name
        assert "\u201c" not in html and "\u2026" not in html, name


def test_log_lexer_takes_every_run_without_error_tokens() -> None:
    lexer = LogLexer()
    for name, run in RUNS:
        if name.startswith("java"):
            continue
        tokens = list(lexer.get_tokens(expected(run)))
        assert "".join(v for _, v in tokens) == expected(run), name
        assert all(t is not Error for t, _ in tokens), name


# --- prose -------------------------------------------------------------------------------

PROSE = (DATA / "prose.md").read_text(encoding="utf-8")


def test_prose_corpus_stays_prose() -> None:
    tokens = MD.parse(PROSE)
    items = [t for t in tokens if t.type in ("paragraph_open", "list_item_open")]
    assert len(items) >= 100
    assert _blocks(tokens) == []
    assert MD.render(PROSE) == _plain().render(PROSE)


def test_prose_paragraphs_one_by_one() -> None:
    # each paragraph alone, also indented by two spaces as authors do
    for para in PROSE.split("\n\n"):
        if para.lstrip().startswith(("-", "*", "1.", ">", "|")):
            continue
        for text in (para, "  " + para.replace("\n", "\n  ")):
            assert _blocks(MD.parse(text + "\n")) == [], text


@pytest.mark.parametrize("text", [
    "{: .warning}\n", "{:toc}\n", "{::comment}\nint a = 1;\n{:/comment}\n",
    "* TOC\n{:toc}\n", "{% highlight java %}\n", "{{ page.title }};\n",
    "2014-10-11 22:48:56,818 INFO [main] c.e.Foo - started\n{: .log}\n",
])
def test_kramdown_and_liquid_markup_is_never_code(text: str) -> None:
    tokens = MD.parse(text)
    for block in _blocks(tokens):
        assert not any(m in block.content for m in ("{:", "{%", "{{"))


def test_a_log_record_and_prose_right_after_it() -> None:
    text = ("2014-10-11 22:48:56,818 INFO [main] c.e.Foo - started\n"
            "从这一行可以看出 agent 已经启动了。\n")
    tokens = MD.parse(text)
    (block,) = _blocks(tokens)
    assert block.content == "2014-10-11 22:48:56,818 INFO [main] c.e.Foo - started\n"
    assert tokens[-2].content == "从这一行可以看出 agent 已经启动了。"


def test_wrapped_line_at_two_spaces_after_records_at_four() -> None:
    text = ("日志：\n\n"
            "    2014-10-13 07:03:18,893 (m) [INFO - a.B.c(B.java:206)] Building RpcClient with\n"
            "  hostname: 10.2.8.11, port: 1463\n"
            "    2014-10-13 07:03:18,905 (main) [DEBUG - a.B.c(B.java:231)] Created RpcClient\n\n"
            "后文。\n")
    tokens = MD.parse(text)
    (block,) = _blocks(tokens)
    assert block.info == "log"
    assert block.content == (
        "  2014-10-13 07:03:18,893 (m) [INFO - a.B.c(B.java:206)] Building RpcClient with\n"
        "hostname: 10.2.8.11, port: 1463\n"
        "  2014-10-13 07:03:18,905 (main) [DEBUG - a.B.c(B.java:231)] Created RpcClient\n")
