"""A Pygments lexer for the logs troubleshooting posts paste: log4j/logback/JUL layouts,
Python logging, syslog, JVM GC logs and Java stack traces.

Pygments (and Rouge) ship no log lexer (pygments#1112). This one emits only standard token
types, so every Pygments style and every Rouge theme colours it:

* timestamps ``Literal.Date``; threads ``Name.Variable``; loggers ``Name.Namespace``
  with the method ``Name.Function``; ``File.java`` ``Name.Attribute`` and its line ``Number``;
* one token per level: ERROR/FATAL/SEVERE ``Generic.Error``, WARN ``Generic.Emph``,
  INFO ``Keyword.Pseudo``, DEBUG ``Comment.Special``, TRACE/FINER ``Comment``;
* stack traces: exception classes ``Name.Exception``, frames' classes and methods as above,
  ``Caused by:``/``... 12 more`` ``Generic.Heading``/``Comment``.

The lexer works line by line: a line is a header (timestamp, thread, level, logger, up to the
separator) followed by a message in which levels, locations, exceptions and numbers are still
picked out.
"""
from __future__ import annotations

import re

from pygments.lexer import RegexLexer, bygroups, default, include
from pygments.token import (
    Comment,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)

__all__ = ["LogLexer", "LEVEL_TOKENS", "TIMESTAMP_RE"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# Every timestamp shape a line may start with (also used by analyse_text and detect.py).
TIMESTAMP = (
    r"(?:"
    r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{4}/\d{2}/\d{2}[ T]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?"
    r"|\d{2}/\d{2}/\d{2,4}[ ]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?"
    r"|\d{2}-" + _MONTH + r"-\d{4}[ ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?"
    r"|" + _MONTH + r"[ ]\d{1,2},[ ]\d{4}[ ]\d{1,2}:\d{2}:\d{2}[ ][AP]M"
    r"|" + _MONTH + r"[ ][ \d]\d[ ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?"
    r"|\d{2}:\d{2}:\d{2}[.,]\d{3}"
    r"|\[\d{4}-\d{2}-\d{2}[ T][\d:.,+\-]+\]"
    r"|\[\d+(?:\.\d+)?m?s\]"
    r")"
)
TIMESTAMP_RE = re.compile(r"[ \t]*" + TIMESTAMP)

_ERROR = r"(?:FATAL|ERROR|SEVERE|CRITICAL|EMERG|ALERT|CRIT|ERR)"
_WARN = r"(?:WARNING|WARN)"
_INFO = r"(?:INFO|NOTICE|CONFIG)"
_DEBUG = r"(?:DEBUG|FINE)"
_TRACE = r"(?:TRACE|FINER|FINEST)"
_ANY_LEVEL = "(?:" + "|".join((_ERROR, _WARN, _INFO, _DEBUG, _TRACE)) + ")"

LEVEL_TOKENS = {
    "ERROR": Generic.Error,
    "WARN": Generic.Emph,
    "INFO": Keyword.Pseudo,
    "DEBUG": Comment.Special,
    "TRACE": Comment,
}

_LOCATION = (r"(\()([\w$-]+\.(?:java|kt|scala|groovy|clj|py|rb|go|js|ts|c|cc|cpp))"
             r"(:)(\d+)(\))")
_LOCATION_TOKENS = (Punctuation, Name.Attribute, Punctuation, Number, Punctuation)
_EXCEPTION = r"(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Fault)\b"


_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_PLAIN_WORD = (r"(?:(?!(?:" + _ERROR + "|" + _WARN + "|" + _INFO + "|" + _DEBUG + "|" + _TRACE
               + "|" + _MONTHS + r")\b)[A-Za-z_][\w$]*|[^\W\d\x00-\x7f]+)(?![\w$.])")


def _levels() -> list[tuple[str, object]]:
    """Upper-case level words, as whole words, wherever they appear."""
    return [(rf"\b{_ERROR}\b", LEVEL_TOKENS["ERROR"]),
            (rf"\b{_WARN}\b", LEVEL_TOKENS["WARN"]),
            (rf"\b{_INFO}\b", LEVEL_TOKENS["INFO"]),
            (rf"\b{_DEBUG}\b", LEVEL_TOKENS["DEBUG"]),
            (rf"\b{_TRACE}\b", LEVEL_TOKENS["TRACE"])]


class LogLexer(RegexLexer):
    """Application, system and JVM logs, and Java stack traces."""

    name = "Log"
    aliases = ["log", "log4j", "logback"]
    filenames = ["*.log"]
    mimetypes = ["text/x-log"]
    url = "https://github.com/pygments/pygments/issues/1112"
    flags = re.MULTILINE

    tokens = {
        "root": [
            (r"\n", Text),
            (r"[ \t]+$", Text),
            # Java stack traces
            (r"([ \t]*)(at)([ \t]+)", bygroups(Text, Keyword, Text), "frame"),
            (r"([ \t]*)(\.\.\.)([ \t]*)(\d+)([ \t]+)(more|common frames omitted)(.*?$)",
             bygroups(Text, Punctuation, Text, Number, Text, Comment, Comment)),
            # a Python traceback's frame inside a log: File "x.py", line 3, in main
            (r'([ \t]*)(File)([ \t]+)("[^"\n]+")(,[ \t]*)(line)([ \t]+)(\d+)'
             r"(?:(,[ \t]*)(in)([ \t]+)([\w<>.$]+))?",
             bygroups(Text, Keyword, Text, String.Double, Punctuation, Keyword, Text, Number,
                      Punctuation, Keyword, Text, Name.Function)),
            (r"([ \t]*)(Caused by|Suppressed|Wrapped by)(:)([ \t]*)",
             bygroups(Text, Generic.Heading, Punctuation, Text), "exception"),
            (r'(Exception in thread)([ \t]+)("[^"\n]*")([ \t]*)',
             bygroups(Generic.Heading, Text, String, Text), "exception"),
            (r"[ \t]*(?=" + _EXCEPTION + r")", Text, "exception"),
            # JVM GC logs: "12.345: [GC ...", "2014-...+0800: 12.345: [Full GC ..."
            (r"([ \t]*)(\d+\.\d+)(:)(?=[ \t]*\[)", bygroups(Text, Number.Float, Punctuation),
             "gc"),
            (r"([ \t]*)(" + TIMESTAMP + r")(:)([ \t]+)(\d+\.\d+)(:)(?=[ \t]*\[)",
             bygroups(Text, Literal.Date, Punctuation, Text, Number.Float, Punctuation), "gc"),
            (r"([ \t]*)(" + TIMESTAMP + r")", bygroups(Text, Literal.Date), "header"),
            # a line that starts with its level: Python logging, JUL's second line, Maven
            (r"(?=[ \t]*\[?" + _ANY_LEVEL + r"\b)", Text, "header"),
            default("message"),
        ],
        "levels": _levels(),
        "header": [
            (r"\n", Text, "#pop"),
            # "[DEBUG - logger.method(File.java:1)]": the dash does not end the header
            (r"[ \t]*-[ \t]+(?=(?:[\w$]+\.)+[\w$<>]+\()", Punctuation),
            # Spring Boot: "ERROR 12345 --- [thread] logger : message"
            (r"---(?=[ \t])", Punctuation),
            (r"[ \t]+", Text),
            include("levels"),
            # JVM unified logging: [info][gc]
            (r"(\[)(error)(\])", bygroups(Punctuation, LEVEL_TOKENS["ERROR"], Punctuation)),
            (r"(\[)(warning|warn)(\])", bygroups(Punctuation, LEVEL_TOKENS["WARN"], Punctuation)),
            (r"(\[)(info)(\])", bygroups(Punctuation, LEVEL_TOKENS["INFO"], Punctuation)),
            (r"(\[)(debug)(\])", bygroups(Punctuation, LEVEL_TOKENS["DEBUG"], Punctuation)),
            (r"(\[)(trace)(\])", bygroups(Punctuation, LEVEL_TOKENS["TRACE"], Punctuation)),
            (r"(\[)(?![ \t]*" + _ANY_LEVEL + r"\b)([^\]\n]*)(\])",
             bygroups(Punctuation, Name.Variable, Punctuation)),
            (r"[\[\]]", Punctuation),
            # (thread) or [thread], not a level
            (r"(\()([^()\n]*)(\))(?=[ \t])", bygroups(Punctuation, Name.Variable, Punctuation)),
            # logger.method(File.java:123)
            (r"((?:[\w$]+\.)+)([\w$<>]+)" + _LOCATION,
             bygroups(Name.Namespace, Name.Function, *_LOCATION_TOKENS)),
            # syslog: host program[pid]:
            (r"([\w/.-]+)(\[)(\d+)(\])(:)", bygroups(Name.Function, Punctuation, Number,
                                                     Punctuation, Punctuation),
             ("#pop", "message")),
            (r"([\w.-]+)([ \t]+)(?=[\w/.-]+(?:\[\d+\])?:[ \t])",
             bygroups(Name.Variable, Text)),
            (r"\d+(?=[ \t])", Number),
            # com.example.Foo, c.e.Foo, root: (Python's default format)
            (r"(?:[A-Za-z_$][\w$-]*\.)+[A-Za-z_$][\w$]*", Name.Namespace),
            (r"([\w.]+)(:)(?=\S)", bygroups(Name.Namespace, Punctuation), ("#pop", "message")),
            (r"[ \t]*(?:-|:|\||>)[ \t]+", Punctuation, ("#pop", "message")),
            (r":", Punctuation),
            default(("#pop", "message")),
        ],
        "message": [
            (r"\n", Text, "#pop"),
            # Fast path, same text: plain words (not a level or month name, not followed by
            # "." that could start a logger or exception), runs of CJK letters and runs of
            # punctuation and spaces (not starting "$" or "[") are Text, as many in a row as
            # there are, in one token; without it every word tries every rule below.
            (r'(?:' + _PLAIN_WORD + r'|[^\w\n"($\[][^\w\n"(]*)+', Text),
            include("levels"),
            (r"((?:[\w$]+\.)+)([\w$<>]+)" + _LOCATION,
             bygroups(Name.Namespace, Name.Function, *_LOCATION_TOKENS)),
            (_LOCATION, bygroups(*_LOCATION_TOKENS)),
            (_EXCEPTION, Name.Exception),
            (TIMESTAMP, Literal.Date),
            (r'"[^"\n]*"', String.Double),
            (r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b", Number),
            (r"\b\d+(?:\.\d+)?(?:[KMG]B?|ms|s|secs)?\b", Number),
            (r"[A-Za-z_][\w$]*", Text),
            (r"[^\w\n\"(]+", Text),
            (r".", Text),
        ],
        "gc": [
            (r"\n", Text, "#pop"),
            (r"\b(?:Full GC|GC pause|GC|Pause Young|Pause Full|Pause Remark|Pause Cleanup"
             r"|PSYoungGen|ParOldGen|PSOldGen|ParNew|CMS|DefNew|Tenured|Metaspace|PSPermGen"
             r"|G1 Evacuation Pause|Times)\b", Keyword),
            (r"\((?:[A-Z][\w ]*)\)", Comment),
            (r"->", Operator),
            (r"\d+(?:\.\d+)?(?:[KMG]B?|ms|s|secs)?\b", Number),
            (r"[\[\](),:=]", Punctuation),
            (r"[^\n\[\](),:=\d-]+|.", Text),
        ],
        "frame": [
            (r"\n", Text, "#pop"),
            (r"((?:[\w$/@.-]+\.)?)([\w$<>-]+)(\()", bygroups(Name.Namespace, Name.Function,
                                                           Punctuation)),
            (r"([\w$-]+\.\w+)(:)(\d+)(\))", bygroups(Name.Attribute, Punctuation, Number,
                                                    Punctuation)),
            (r"(Native Method|Unknown Source|<generated>|[\w$-]+\.\w+)(\))", bygroups(Comment,
                                                                         Punctuation)),
            (r"[ \t]*~?\[[^\]\n]*\]", Comment),
            (r"[^\n]", Text),
        ],
        "exception": [
            (r"\n", Text, "#pop"),
            (r"(?:[\w$]+\.)*[\w$]+(?=:|[ \t]*$)", Name.Exception),
            (r":[ \t]*", Punctuation, ("#pop", "message")),
            default(("#pop", "message")),
        ],
    }

    def analyse_text(text: str) -> float:  # type: ignore[misc]  # Pygments' convention
        """Share of non-empty lines that start with a timestamp."""
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            return 0.0
        return sum(1 for line in lines if TIMESTAMP_RE.match(line)) / len(lines)
