"""Lines only a log or a Java stack trace has, for ``detect.py`` and code recovery: log
records of the common layouts (a timestamp then a thread, level or logger; nginx/Apache access
lines, glog, docker compose prefixes), stack frames, ``Caused by:``, ``... 12 more``,
exception lines and GC records."""
from __future__ import annotations

import re

from .loglexer import TIMESTAMP

__all__ = ["is_log_line", "log_line_shape"]

_LEVEL = r"(?:FATAL|ERROR|SEVERE|CRITICAL|WARNING|WARN|INFO|NOTICE|DEBUG|TRACE|FINE|FINER|FINEST)"

# A line that only a log (or a Java stack trace) has.
_LOG_LINE = re.compile(
    r"[ \t]*(?:"
    r"(?:" + TIMESTAMP + r")(?=[\s:\]\[|,-]|$)"
    r"|at[ \t]+[\w$<>/@.-]+\.[\w$<>-]+\((?:[\w$-]+\.\w+:\d+|Native Method|Unknown Source"
    r"|[\w$-]+\.\w+)\)"
    r"|\.\.\.[ \t]*\d+[ \t]+(?:more|common frames omitted)"
    r"|Caused by:[ \t]"
    r"|Exception in thread \""
    r"|(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)(?:\([\w$.]+\))?(?::|[ \t]*$)"
    r"|\d+\.\d+:[ \t]+\[(?:Full )?GC"
    r"|\[?" + _LEVEL + r"\]?(?::[\w.]*:|:[ \t]|[ \t]+\[)"
    r"|" + _LEVEL + r"[ \t]+\.?(?:[\w$]+\.)+[\w$]+[ \t]+:[ \t]"
    r")"
)
# A timestamp line that is clearly a log record rather than a dated sentence
# ("2014-10-11 22:48:56 左右，日志里全是 WARN。"): right after the timestamp comes a
# (thread), a [thread] or [LEVEL], a level followed by a logger or separator, a dotted
# logger, "host prog[pid]:", a GC record or a " - " separator.
_LOG_RECORD = re.compile(
    r"[ \t]*\[?(?:" + TIMESTAMP + r")\]?(?:"
    r"[ \t]*[(\[]|\|[^ \t|]"
    r"|[ \t:,|]+" + _LEVEL + r"\b[ \t]*(?:[\[(:|-]|$|in[ \t]+[\w.]+:"
    r"|[\w$.]+(?::\d+)?[ \t]+-[ \t]|(?:[\w$]+\.)+[\w$]+)"
    r"|[ \t]+(?:[\w$]+\.){2,}[\w$]+"
    r"|[ \t]+[\w.-]+[ \t]+[\w/.-]+(?:\[\d+\])?:[ \t]"
    r"|:[ \t]+\d+\.\d+:[ \t]*\["
    r"|[ \t]+-[ \t]"
    r"|[ \t]+" + _LEVEL + r"[ \t]+\d+[ \t]+---[ \t]"
    r")"
    # Kafka's "[2015-03-02 10:12:01,234] WARN Session 0x0 ..."
    r"|[ \t]*\[\d{4}-\d{2}-\d{2}[ T][\d:.,+\-Z]+\][ \t]+" + _LEVEL + r"\b[ \t]+[A-Za-z\[(]"
)
# Lines of other layouts that begin with no timestamp of ours: an nginx/Apache access log
# record and a glog (Kubernetes, Go) record.
_OTHER_RECORD = re.compile(
    r"[ \t]*(?:\d{1,3}\.){3}\d{1,3}[ \t]+\S+[ \t]+\S+[ \t]+\[\d{2}/[A-Z][a-z]{2}/\d{4}"
    r"(?::\d{2}){3}[ \t][+-]\d{4}\][ \t]+\""
    r"|[ \t]*[IWEF]\d{4}[ \t]\d{2}:\d{2}:\d{2}\.\d{6}[ \t]+\d+[ \t][\w.-]+:\d+\][ \t]"
)
_COMPOSE = re.compile(r"[ \t]*[\w.-]+[ \t]+\|[ \t](?=[ \t]*\[?\d)")


def _may_be_log(line: str) -> bool:
    """False for a line no log pattern can match: every record, frame or exception line
    starts with a digit, "[", ".", an upper-case letter or "at", or names an exception, or
    is prefixed by a docker compose service ("web-1 | ")."""
    s = line.lstrip(" \t")
    c = s[:1]
    if not c:
        return False
    if c.isdigit() or c in "[." or "A" <= c <= "Z" or s.startswith("at"):
        return True
    return " | " in s or "Exception" in s or "Error" in s or "Throwable" in s


def log_line_shape(line: str) -> bool:
    """True when a line has the shape of a log record or stack-trace line, whatever its
    message (inside a paste, ``WARNING: 连接建立成功，开始发送数据`` is a record)."""
    layout = _layout(line)
    return True if layout is None else layout


def _layout(line: str) -> bool | None:
    """What a line's layout alone says: a record or not, or None for a layout ``_LOG_LINE``
    knows whose message is still to be read."""
    if not _may_be_log(line):
        return False
    if not _LOG_LINE.match(line):
        return _other_layout(line)
    if _TS_ONLY.match(line):
        return bool(_LOG_RECORD.match(line))
    return None


def _other_layout(line: str) -> bool:
    """A record of a layout ``_LOG_LINE`` does not know (a line it does not match)."""
    if " | " in line:           # docker compose: "web-1  | 2023-02-09 09:25:37 INFO ..."
        m = _COMPOSE.match(line)
        if m:
            return log_line_shape(line[m.end():])
    return bool(_OTHER_RECORD.match(line))


def is_log_line(line: str) -> bool:
    """True when a line is one only a log or a Java stack trace has (recovery uses this)."""
    layout = _layout(line)
    if layout is not None:
        return layout
    # "java.lang.OutOfMemoryError: Java heap space 说明堆内存不够，需要调大 -Xmx。" is a
    # sentence about an exception: a CJK sentence mark outside quotes says prose
    return not _CJK_SENTENCE.search(_QUOTED.sub("", line))


_CJK_SENTENCE = re.compile(r"[，。；！？]")
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
_TS_ONLY = re.compile(r"[ \t]*\[?(?:" + TIMESTAMP + r")")
