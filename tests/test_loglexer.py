"""The log lexer: token types per part of a record, per level, stack traces, GC logs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Generic, Keyword, Literal, Name, Number, Punctuation

from blogtool.markup.loglexer import LEVEL_TOKENS, LogLexer

DATA = Path(__file__).parent / "data" / "code"
SEED_LINE = ("2014-10-11 22:48:56,818 (lifecycleSupervisor-1-1) [DEBUG - org.apache.flume.api."
             "NettyAvroRpcClient.configure(NettyAvroRpcClient.java:505)] Batch size string = 500\n")


def tokens(text: str) -> list[tuple[object, str]]:
    return [(t, v) for t, v in LogLexer().get_tokens(text) if v.strip()]


def token_of(text: str, value: str) -> object:
    found = [t for t, v in tokens(text) if v.strip() == value]
    assert found, f"{value!r} not a token of {text!r}: {tokens(text)}"
    return found[0]


def test_seed_record_parts() -> None:
    assert tokens(SEED_LINE)[:14] == [
        (Literal.Date, "2014-10-11 22:48:56,818"),
        (Punctuation, "("),
        (Name.Variable, "lifecycleSupervisor-1-1"),
        (Punctuation, ")"),
        (Punctuation, "["),
        (Comment.Special, "DEBUG"),
        (Punctuation, " - "),
        (Name.Namespace, "org.apache.flume.api.NettyAvroRpcClient."),
        (Name.Function, "configure"),
        (Punctuation, "("),
        (Name.Attribute, "NettyAvroRpcClient.java"),
        (Punctuation, ":"),
        (Number, "505"),
        (Punctuation, ")"),
    ]


@pytest.mark.parametrize("level,token", [
    ("ERROR", Generic.Error), ("FATAL", Generic.Error), ("WARN", Generic.Emph),
    ("INFO", Keyword.Pseudo), ("DEBUG", Comment.Special), ("TRACE", Comment),
])
def test_each_level_has_its_token(level: str, token: object) -> None:
    line = f"2014-10-11 22:48:56,818 {level:<5} [main] com.example.Foo - hello\n"
    assert token_of(line, level) is token


def test_levels_are_distinct() -> None:
    assert len(set(LEVEL_TOKENS.values())) == len(LEVEL_TOKENS) == 5


def test_logback_thread_logger_and_message() -> None:
    line = "10:48:57.518 [http-nio-8080-exec-3] WARN  c.e.demo.Application - Started in 3.2 s\n"
    assert token_of(line, "10:48:57.518") is Literal.Date
    assert token_of(line, "http-nio-8080-exec-3") is Name.Variable
    assert token_of(line, "WARN") is Generic.Emph
    assert token_of(line, "c.e.demo.Application") is Name.Namespace


def test_stack_trace_frames() -> None:
    trace = ('Exception in thread "main" java.lang.IllegalStateException: No channel configured\n'
             "\tat org.apache.flume.sink.AbstractSink.start(AbstractSink.java:49)\n"
             "\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method) ~[na:1.8.0]\n"
             "Caused by: java.io.IOException: Broken pipe\n"
             "\t... 12 more\n")
    toks = tokens(trace)
    assert (Generic.Heading, "Exception in thread") in toks
    assert (Name.Exception, "java.lang.IllegalStateException") in toks
    assert (Name.Namespace, "org.apache.flume.sink.AbstractSink.") in toks
    assert (Name.Function, "start") in toks
    assert (Name.Attribute, "AbstractSink.java") in toks
    assert (Number, "49") in toks
    assert (Comment, "Native Method") in toks
    assert (Generic.Heading, "Caused by") in toks
    assert (Name.Exception, "java.io.IOException") in toks
    assert (Number, "12") in toks and (Comment, "more") in toks


def test_gc_lines() -> None:
    old = ("2014-10-11T22:48:56.818+0800: 12.345: [GC (Allocation Failure) [PSYoungGen: "
           "65536K->10720K(76288K)] 65536K->10736K(251392K), 0.0123 secs]\n")
    toks = tokens(old)
    assert toks[0] == (Literal.Date, "2014-10-11T22:48:56.818+0800")
    assert (Number.Float, "12.345") in toks
    assert (Keyword, "GC") in toks and (Keyword, "PSYoungGen") in toks
    assert (Number, "65536K") in toks
    unified = "[0.123s][info][gc] GC(0) Pause Young (Normal) 24M->3M(256M) 4.562ms\n"
    toks = tokens(unified)
    assert toks[0] == (Literal.Date, "[0.123s]")
    assert (Keyword.Pseudo, "info") in toks
    assert (Number, "24M") in toks


def test_syslog_jul_and_python_logging() -> None:
    syslog = "Oct 11 22:48:56 web01 sshd[1234]: Accepted password from 10.0.0.1 port 22\n"
    assert token_of(syslog, "Oct 11 22:48:56") is Literal.Date
    assert token_of(syslog, "sshd") is Name.Function
    assert token_of(syslog, "1234") is Number
    jul = ("Oct 11, 2014 10:48:56 PM org.apache.catalina.startup.Catalina start\n"
           "SEVERE: Server startup failed\n")
    assert token_of(jul, "Oct 11, 2014 10:48:56 PM") is Literal.Date
    assert token_of(jul, "SEVERE") is Generic.Error
    py = "WARNING:urllib3.connectionpool:Retrying after connection broken\n"
    assert token_of(py, "WARNING") is Generic.Emph
    assert token_of(py, "urllib3.connectionpool") is Name.Namespace


def test_every_log_sample_round_trips_without_error_tokens() -> None:
    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    kinds = [k for k, v in labels.items() if v == "log"]
    checked = 0
    for kind in kinds:
        for path in sorted((DATA / kind).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            toks = list(LogLexer().get_tokens(text))
            assert "".join(v for _, v in toks) == text, path
            assert not [v for t, v in toks if t in Error], path
            structure = {Literal.Date, Name.Exception, Name.Function, Keyword,
                         *LEVEL_TOKENS.values()}
            assert any(t in structure for t, _ in toks), path
            checked += 1
    assert checked >= 100


def test_analyse_text_is_share_of_timestamp_lines() -> None:
    assert LogLexer.analyse_text(SEED_LINE * 3) == 1.0
    assert LogLexer.analyse_text(SEED_LINE + "plain\n") == 0.5
    assert LogLexer.analyse_text("public class A {}\n") == 0.0


def test_registered_through_entry_point() -> None:
    """``pip install -e .`` registers the lexer under pygments.lexers (pyproject.toml)."""
    for alias in ("log", "log4j", "logback"):
        lexer = get_lexer_by_name(alias)
        assert type(lexer).__name__ == "LogLexer"
        assert type(lexer).__module__ == "blogtool.markup.loglexer"
    assert type(get_lexer_for_filename("flume.log")).__name__ == "LogLexer"


# --- pasted runs: continuation lines and frames ------------------------------------------

RECORD_HEAD = "2014-11-06 09:12:44,318 INFO [main] o.a.h.h.StateChange - "


@pytest.mark.parametrize("wrapped", [
    "The reported blocks 0 needs additional 1523 blocks to reach the threshold 0.9990.",
    "port: 1463",
    "hdfs://nameservice1/flume/events/2014-10-16/17/FlumeData.1413450000000",
    "nested exception is java.sql.SQLException: Access denied for user 'order'",
    '{"orderId":"20150304-000187","amount":199.00}',
    "Container killed on request. Exit code is 143",
])
def test_wrapped_line_is_lexed_as_the_message_of_the_record_above(wrapped: str) -> None:
    as_message = tokens(RECORD_HEAD + wrapped + "\n")
    head = len(tokens(RECORD_HEAD + "x\n")) - 1
    for indent in ("", "  ", "    "):
        continuation = tokens(RECORD_HEAD + "x\n" + indent + wrapped + "\n")[head + 1:]
        assert [(t, v.strip()) for t, v in continuation] == \
            [(t, v.strip()) for t, v in as_message[head:]], (indent, wrapped)
        assert not any(t in Error or t in Generic.Error for t, _ in continuation)


def test_frames_in_every_shape_are_frames() -> None:
    for line, function in [
        ("\tat a.B$$FastClassBySpringCGLIB$$2f4b0e1a.invoke(<generated>)", "invoke"),
        ("    at java.base/java.lang.Thread.run(Thread.java:829)", "run"),
        ("  at sun.nio.ch.FileDispatcherImpl.read0(Native Method)", "read0"),
        ("      at o.a.h.ipc.Client.call(Client.java:1468) ~[hadoop-common-2.6.0.jar:?]", "call"),
        ('  File "/opt/etl/loader.py", line 143, in load', "load"),
    ]:
        assert token_of(line + "\n", function) is Name.Function, line
        assert all(t is not Error for t, _ in tokens(line + "\n"))


def test_spring_boot_header() -> None:
    line = ("2015-09-10 14:02:11.880 ERROR 12345 --- [nio-8080-exec-7] "
            "c.e.order.web.GlobalExceptionHandler     : 下单失败\n")
    assert token_of(line, "nio-8080-exec-7") is Name.Variable
    assert token_of(line, "c.e.order.web.GlobalExceptionHandler") is Name.Namespace
    assert token_of(line, "ERROR") is LEVEL_TOKENS["ERROR"]
