"""Language detection: accuracy on the labelled set, the seed's blocks, conservative cases."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pygments.lexers
import pytest

from blogtool.markup.detect import LANGUAGES, detect_language, is_log_line

DATA = Path(__file__).parent / "data" / "code"
SEED = Path(__file__).parent.parent / "_posts" / "2014-10-18-flume-sink-hang.md"


def labelled() -> list[tuple[str, str, str]]:
    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    return [(kind, label, path.read_text(encoding="utf-8"))
            for kind, label in sorted(labels.items())
            for path in sorted((DATA / kind).glob("*.txt"))]


def test_data_set_is_large_enough() -> None:
    samples = labelled()
    assert len(samples) >= 200
    assert {label for _, label, _ in samples} == set(LANGUAGES)


def test_accuracy_overall_and_per_class() -> None:
    per_label: dict[str, Counter] = defaultdict(Counter)
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for kind, label, text in labelled():
        ok = detect_language(text) == label
        per_label[label][ok] += 1
        per_kind[kind][ok] += 1
    right = sum(c[True] for c in per_label.values())
    total = sum(c[True] + c[False] for c in per_label.values())
    assert right / total >= 0.95
    for name, c in [*per_label.items(), *per_kind.items()]:
        assert c[True] / (c[True] + c[False]) >= 0.90, (name, c)


def test_never_uses_guess_lexer(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("guess_lexer called")
    monkeypatch.setattr(pygments.lexers, "guess_lexer", forbidden)
    for _, _, text in labelled()[:40]:
        detect_language(text)


def _seed_blocks() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = "\n".join(ln.strip() for ln in lines[17:22])
    second = "\n".join(ln[4:] for ln in lines[26:31])
    javadoc = "\n".join(ln[4:] for ln in lines[38:64])
    last = "\n".join(ln[2:] for ln in lines[70:77])
    return [first, second, javadoc, last]


def test_seed_blocks() -> None:
    first, second, javadoc, last = _seed_blocks()
    assert first.startswith("2014-10-11 22:48:56,818") and second.startswith("2014-10-13")
    assert javadoc.startswith("/**") and last.startswith("@Override")
    assert [detect_language(b) for b in _seed_blocks()] == ["log", "log", "java", "java"]


@pytest.mark.parametrize("text", [
    "",
    "   \n\n",
    "理论上是在调用super.start() 方法时出问题了。",
    "2014-10-11 22:48:56 左右，线上的 agent 开始不停地重连，日志里全是 WARN。",
    "The sink stopped sending events after the collector restarted; nothing said why.",
    "agent --> collector --> hdfs",
    "+-------+\n| host  |\n+-------+",
    "ERROR",
    "2016-02-24 08:00:03 7f3a2c1fb700\n*** (1) TRANSACTION:\nmysql tables in use 1, locked 1",
    "int a = 1;",                  # C, Java, C#...: one declaration says nothing
    "x, y = 1, 2",
    "#flume #hadoop",
    "{: .warning}",
    "{:toc}",
    "{% highlight java %}",
    "def list = []\nlist.add 100",   # Groovy
    "fun main() {\n    println(\"hi\")\n}",   # Kotlin
    "let mut n = 1;\nprintln!(\"{n}\");",   # Rust
    "Console.WriteLine(dt.Kind);\nstring s = \"a\";",   # C#
])
def test_unsure_is_text(text: str) -> None:
    assert detect_language(text) == "text"


@pytest.mark.parametrize("text,lang", [
    ("java.lang.NullPointerException\n\tat com.a.B.c(B.java:1)", "log"),
    ("$ jps -l\n12345 Application", "console"),
    ("mysql> SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks';\n+------+\n| x |", "console"),
    ("#!/bin/bash\necho hi", "bash"),
    ('{"a": [1, 2]}', "json"),
    ("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nKeyError: 'a'",
     "pytb"),
    ("select * from t where id = 1;", "sql"),
    ("<dependency>\n  <groupId>x</groupId>\n</dependency>", "xml"),
    ("a1.sinks.k1.type = avro\na1.sinks.k1.port = 1463", "properties"),
    ("[mysqld]\nmax_connections=1000", "ini"),
    ("@Override\npublic void start() {\n  super.start();\n}", "java"),
    (">>> import os\n>>> os.getcwd()", "pycon"),
    ("def f(x):\n    return x + 1", "python"),
    ("from kafka import KafkaConsumer\nc = KafkaConsumer('t')", "python"),
    ("spring:\n  redis:\n    host: 127.0.0.1\n    port: 6379", "yaml"),
    ("const fs = require('fs');\nconsole.log(fs.readFileSync('a'));", "javascript"),
    ("interface A {\n  id: number;\n}\nconst a: A = { id: 1 };\nconsole.log(a);", "typescript"),
    ("func main() {\n\tx := 1\n\tfmt.Println(x)\n}", "go"),
    ("#include <stdio.h>\nint main(void) { printf(\"hi\\n\"); return 0; }", "c"),
    ("#include <iostream>\nint main() { std::cout << 1 << std::endl; }", "cpp"),
    ("object App {\n  def main(args: Array[String]): Unit = println(1)\n}", "scala"),
    ("FROM openjdk:8\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]", "dockerfile"),
    ("server {\n    listen 80;\n    proxy_pass http://127.0.0.1:8080;\n}", "nginx"),
])
def test_each_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_deterministic() -> None:
    samples = [t for _, _, t in labelled()]
    assert [detect_language(t) for t in samples] == [detect_language(t) for t in samples]


def test_is_log_line_needs_a_record_after_the_timestamp() -> None:
    assert is_log_line("2014-10-11 22:48:56,818 INFO [main] c.e.Foo - 连接建立成功")
    assert is_log_line("\tat org.apache.flume.SinkRunner$PollingRunner.run(SinkRunner.java:143)")
    assert not is_log_line("2014-10-21 22:48:56 ERROR 级别的日志只有一条，但 WARN 有上千条。")
    assert not is_log_line("2014-10-11 22:48:56 左右，线上的 agent 开始不停地重连。")
