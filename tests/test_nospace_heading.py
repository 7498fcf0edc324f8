"""Headings written without the space (``##Flume 安装``): headings with the ids Jekyll gives
the heading with the space; ``#tags``, code and other ``#`` lines stay as they are; under
``compat: jekyll`` they are paragraphs, as kramdown makes them."""
from __future__ import annotations

import re

import pytest

from blogtool.markup.markdown import render_document
from blogtool.markup.nospace_heading import nospace_heading
from blogtool.markup.options import MarkupOptions

OWN = MarkupOptions()
JEKYLL = MarkupOptions(compat="jekyll")


def html(text: str, options: MarkupOptions = OWN) -> str:
    return render_document(text, options).html


def with_space(text: str) -> str:
    """The same document with a space after every line-opening run of hashes."""
    return re.sub(r"^([ \t>*+-]*?)(#{1,6})(?=[^#\s])", r"\1\2 ", text, flags=re.M)


# (document, level, heading text): each becomes exactly that heading, with the id and
# output of the same heading written with the space
HEADINGS = [
    ("##Flume 安装\n", 2, "Flume 安装"),
    ("###代码\n", 3, "代码"),
    ("#Hadoop 集群搭建\n", 1, "Hadoop 集群搭建"),
    ("####配置文件说明\n", 4, "配置文件说明"),
    ("#####注意事项\n", 5, "注意事项"),
    ("######附录\n", 6, "附录"),
    ("##Flume：问题（一）\n", 2, "Flume：问题（一）"),
    ("##1、安装 JDK\n", 2, "1、安装 JDK"),
    ("###1.2 环境说明\n", 3, "1.2 环境说明"),
    ("##Installation\n", 2, "Installation"),
    ("###Step 2: configure the sink\n", 3, "Step 2: configure the sink"),
    ("##NameNode 安全模式\n", 2, "NameNode 安全模式"),
    ("##インストール手順\n", 2, "インストール手順"),
    ("###설치 방법\n", 3, "설치 방법"),
    ("##（二）原因分析\n", 2, "（二）原因分析"),
    ("##【总结】\n", 2, "【总结】"),
    ("##《Kafka 权威指南》笔记\n", 2, "《Kafka 权威指南》笔记"),
    ("##标题##\n", 2, "标题"),
    ("###代码 ###\n", 3, "代码"),
    ("##C#\n", 2, "C#"),
    ("  ##缩进两个空格\n", 2, "缩进两个空格"),
    ("##**加粗**的标题\n", 2, "加粗的标题"),
    ("##`flume-ng` 命令\n", 2, "flume-ng 命令"),
    ("正文第一段。\n##紧跟正文的标题\n", 2, "紧跟正文的标题"),
    ("#flume\n", 1, "flume"),
]


@pytest.mark.parametrize("text,level,title", HEADINGS)
def test_heading_without_space(text: str, level: int, title: str) -> None:
    rendered = render_document(text, OWN)
    (heading,) = rendered.headings
    assert (heading.level, heading.text.replace("**", "")) == (level, title) or \
        (heading.level, re.sub(r"<[^>]+>", "", heading.text)) == (level, title)
    spaced = with_space(text)
    if not title.endswith("#"):
        spaced = re.sub(r"(?<=[^ #])(#+)\n$", r" \1\n", spaced)    # "## 标题 ##"
    assert rendered.html == html(spaced)
    assert f"<h{level}" in rendered.html


def test_ids_follow_the_spaced_heading_and_deduplicate() -> None:
    text = "##Flume 安装\n\n## Flume 安装\n\n###代码\n\n### 代码\n"
    ids = [h.id for h in render_document(text, OWN).headings]
    assert ids == ["flume-安装", "flume-安装-1", "代码", "代码-1"]


# (document, where the heading is): inside containers
NESTED = [
    ("- ##列表里的标题\n", "<li>\n<h2"),
    ("1. ###有序列表里的标题\n", "<li>\n<h3"),
    ("> ##引用里的标题\n", "<blockquote>\n<h2"),
    ("> - ###引用里的列表\n", "<blockquote>\n<ul>\n<li>\n<h3"),
    ("- 第一项\n\n  ##列表项里的第二段\n", "<h2"),
]


@pytest.mark.parametrize("text,where", NESTED)
def test_inside_lists_and_quotes(text: str, where: str) -> None:
    out = html(text)
    assert where in out
    assert out == html(with_space(text))


# not headings: output equals what Jekyll-exact mode (kramdown) gives
NOT_HEADINGS = [
    "#flume #hadoop #大数据\n",
    "#Flume #Kafka\n",
    "这篇文章的标签是\n#flume\n",
    "#123\n",
    "见 issue\n#4521\n",
    "#!/bin/bash\n",
    "#include <stdio.h>\n",
    "#define MAX 100\n",
    "#ifdef DEBUG\n",
    "#JAVA_HOME=/usr/java/jdk1.8.0_91\n",
    "#export HADOOP_HEAPSIZE=4096\n",
    "#######七个井号\n",
    "#-----------\n",
    "#{name}\n",
    "正文里提到 #flume 这个话题，还有 ##双井号。\n",
    "```\n##代码里的注释\n```\n",
    "    ##缩进的代码\n",
    "~~~bash\n#JAVA_HOME=/usr/java\n##注释\n~~~\n",
    "`##行内代码`\n",
    "| a | b |\n|---|---|\n| ##x | y |\n",
]


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_not_headings(text: str) -> None:
    out = html(text)
    assert "<h1" not in out and "<h2" not in out and "<h3" not in out
    assert render_document(text, OWN).headings == ()


def test_code_run_lines_are_not_headings() -> None:
    text = ("日志如下：\n"
            "2014-10-13 07:03:18,893 INFO [main] c.e.Foo - started\n"
            "    #JAVA_HOME=/usr/java\n\n后文。\n")
    out = html(text)
    assert "<h" not in out.replace("<div", "").replace("highlight", "")
    assert "#JAVA_HOME" in out


@pytest.mark.parametrize("text,_level,_title", HEADINGS)
def test_jekyll_mode_leaves_them_as_paragraphs(text: str, _level: int, _title: str) -> None:
    assert render_document(text, JEKYLL).headings == ()
    assert "<p>" in html(text, JEKYLL)


def test_case_count() -> None:
    assert len(HEADINGS) + len(NESTED) + len(NOT_HEADINGS) + 2 >= 40


@pytest.mark.parametrize("line,expected", [
    ("##Flume 安装", (2, "Flume 安装")),
    ("#flume #hadoop", None),
    ("##flume #hadoop", (2, "flume #hadoop")),
])
def test_nospace_heading_function(line: str, expected: tuple[int, str] | None) -> None:
    assert nospace_heading(line) == expected
