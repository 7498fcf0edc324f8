"""Code recovery: under-indented logs and Java become code blocks, prose never does."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from blogtool.markup.code import code_plugin
from blogtool.markup.options import MarkupOptions
from blogtool.markup.recovery import line_kind, recovery_plugin

TESTS = Path(__file__).parent
SEED = TESTS.parent / "_posts" / "2014-10-18-flume-sink-hang.md"
CODE = TESTS / "data" / "code"
PROSE = TESTS / "data" / "prose"


def parser(options: MarkupOptions | None = None) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "strikethrough", "replacements", "smartquotes"])
    if options is None:
        recovery_plugin(md)
    else:
        code_plugin(md, options)
    return md


MD = parser()


def seed_body() -> str:
    return SEED.read_text(encoding="utf-8").split("---\n", 2)[2]


def recovered(text: str, md: MarkdownIt = MD) -> list:
    return [t for t in md.parse(text) if t.type == "fence" and (t.meta or {}).get("recovered")]


# --- the seed post -------------------------------------------------------------------------

def test_seed_renders_four_highlighted_blocks() -> None:
    html = parser(MarkupOptions()).render(seed_body())
    blocks = re.findall(r'<div class="language-(\w+) highlighter-rouge"><div class="highlight">'
                        r'<pre class="highlight"><code>(.*?)</code></pre></div></div>', html, re.S)
    assert [lang for lang, _ in blocks] == ["log", "log", "java", "java"]
    first, second, javadoc, last = (body for _, body in blocks)
    # every log line of both log blocks is inside its <pre>, the two-space lines included
    assert first.count("2014-10-11 22:48:5") == 5 and second.count("2014-10-13 07:03:18") == 5
    assert "Batch size string" in first and "Polling sink runner starting" in first
    assert "lifecycleState" in last and "@Override" in last and last.rstrip().endswith(
        '<span class="p">}</span>')
    assert "The start() of RpcSink" in javadoc and "Rpc sink {} started." in javadoc
    # no log line or Java statement left outside a <pre>
    outside = re.sub(r"<pre.*?</pre>", "", html, flags=re.S)
    assert "2014-10-1" not in outside and "lifecycleState" not in outside
    assert "Preconditions" not in outside and "@Override" not in outside
    # no smart quotes inside code
    for _, body in blocks:
        assert "\u201c" not in body and "\u201d" not in body
    assert '"No channel configured"' in last
    # the two-space Chinese sentence after the last snippet is still a paragraph
    assert html.rstrip().endswith("<p>应该是channel出问题了，为什么在sink启动后，channel出问题了呢？</p>")
    assert "<p>理论上是在调用super.start() 方法时出问题了。\nAbstractRpcSink 的父类为 AbstractSink</p>" in html


def test_seed_tokens() -> None:
    tokens = [t for t in MD.parse(seed_body()) if t.type in ("fence", "code_block")]
    assert [(t.type, t.info) for t in tokens] == [
        ("fence", "log"), ("code_block", ""), ("code_block", ""), ("fence", "java")]
    first, last = tokens[0], tokens[3]
    assert first.meta == {"recovered": True} and last.meta == {"recovered": True}
    lines = first.content.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("2014-10-11 22:48:56,818") and lines[2].startswith("  2014-")
    assert last.content == ("@Override\npublic synchronized void start() {\n"
                            '  Preconditions.checkState(channel != null, "No channel configured");'
                            "\n\n  lifecycleState = LifecycleState.START;\n}\n")


# --- prose is left alone -----------------------------------------------------------------

def test_no_false_code_blocks_in_prose_set() -> None:
    files = sorted(PROSE.glob("*.md"))
    assert len(files) >= 200
    false = [p.name for p in files if recovered(p.read_text(encoding="utf-8"))]
    assert false == []


@pytest.mark.parametrize("text", [
    "  应该是channel出问题了，为什么在sink启动后，channel出问题了呢？\n",
    "2014-10-21 22:48:56 ERROR 级别的日志只有一条，但 WARN 有上千条。\n",
    "Step 1: edit flume.conf;\nStep 2: restart the agent (service flume-ng-agent restart);\n",
    "- super.start();\n- channel.put(event);\n",
    "> logger.info(\"x\");\n> return null;\n",
    "## public void start() {\n",
    "| a | b |\n|---|---|\n| x = 1; | y; |\n",
    "<div>\nint a = 1;\n</div>\n",
    "{% include JB/setup %}\n",
    "The fix: call super.start(); then it works.\n",
])
def test_structures_and_prose_stay(text: str) -> None:
    assert recovered(text) == []
    assert MD.render(text) == MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "strikethrough", "replacements", "smartquotes"]).render(text)


# --- what is recovered -----------------------------------------------------------------------

def _indented(text: str, indent: int) -> str:
    return "\n".join(" " * indent + ln if ln.strip() else ln for ln in text.splitlines())


def test_every_log_and_java_sample_is_recovered_at_0_and_2_spaces() -> None:
    labels = json.loads((CODE / "labels.json").read_text(encoding="utf-8"))
    checked = 0
    for kind, label in labels.items():
        if label not in ("log", "java"):
            continue
        for path in sorted((CODE / kind).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for indent in (0, 2):
                doc = f"正文。\n\n{_indented(text, indent)}\n\n  后面的中文说明。\n"
                tokens = MD.parse(doc)
                blocks = [t for t in tokens if t.type in ("fence", "code_block")]
                assert len(blocks) == 1, (path, indent)
                assert blocks[0].type == "code_block" or blocks[0].info == label, (path, indent)
                assert tokens[-2].content == "后面的中文说明。", (path, indent)
                checked += 1
    assert checked >= 300


def test_log_interrupts_the_sentence_that_introduces_it() -> None:
    text = ("日志如下：\n2014-10-11 22:48:56,818 INFO [main] c.e.Foo - started\n"
            "2014-10-11 22:48:57,001 ERROR [main] c.e.Foo - failed\n")
    tokens = MD.parse(text)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close", "fence"]
    assert tokens[1].content == "日志如下：" and tokens[3].info == "log"


def test_indented_block_continued_by_a_two_space_run_is_one_block() -> None:
    text = "看代码：\n\n    public void stop() {\n        running = false;\n  }\n\n后文。\n"
    blocks = [t for t in MD.parse(text) if t.type in ("fence", "code_block")]
    assert len(blocks) == 1
    assert blocks[0].info == "java"
    assert blocks[0].content == "  public void stop() {\n      running = false;\n}\n"


def test_stack_trace_with_frames_in_four_spaces_is_one_block() -> None:
    text = ("java.lang.IllegalStateException: No channel configured\n"
            "    at org.apache.flume.sink.AbstractSink.start(AbstractSink.java:49)\n"
            "    at org.apache.flume.SinkRunner.start(SinkRunner.java:79)\n")
    (block,) = recovered(text)
    assert block.info == "log" and block.content == text


def test_line_kind() -> None:
    assert line_kind("@Override") == "strong"
    assert line_kind("  }") == "strong"
    assert line_kind("createConnection(); // 创建连接") == "strong"
    assert line_kind('logger.warn("Unable to create Rpc client using hostname: " + hostname') \
        == "weak"
    assert line_kind("理论上是在调用super.start() 方法时出问题了。") is None
    assert line_kind("We tried three things; none of them worked.") is None


def test_jekyll_mode_and_switch_turn_recovery_off() -> None:
    body = seed_body()
    for options in (MarkupOptions(compat="jekyll"), MarkupOptions(code_recovery=False)):
        assert recovered(body, parser(options)) == []
    html = parser(MarkupOptions(compat="jekyll")).render(body)
    # kramdown's three blocks: the 4-space log, the javadoc, the one 4-space line of the last
    assert html.count('<div class="language-plaintext highlighter-rouge">') == 3
    assert "<p>@Override\npublic synchronized void start() {" in html
    assert "language-log" not in html and "language-java" not in html
