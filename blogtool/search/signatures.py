"""Error signatures: the exceptions and ERROR/FATAL messages in the text of one code or log
block, each reduced to a form that is the same every time the error happens.

An entry is an exception class (or ``""``) with a message signature; the text that varies
between two occurrences of one error (timestamps, thread names, process and object ids,
numbers, hex, hosts, paths, URLs, quoted names) is replaced by placeholders, so one error is
one entry however many times, on whatever machine, the log shows it.

What counts:

* the head of a stack trace (``x.y.FooException: message``, ``Caused by: ...``,
  ``Exception in thread "main" ...``) and a Python traceback's last line;
* a log line whose level (in its header, not in its message) is ERROR, FATAL, SEVERE,
  CRITICAL, or nginx's ``[error]``/``[crit]``/``[alert]``/``[emerg]``. When such a line is
  followed by a stack trace, or names an exception in its message, the line's own message
  becomes the context of that exception's entry instead of an entry of its own;
* an exception named in the message of a log line of any level (``WARN ... Exception
  running child : java.lang.OutOfMemoryError: Direct buffer memory``).

Exceptions a program merely mentions (``catch (IOException e)``, ``throw new X(...)``,
``import``) are not errors shown by the post and are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..markup.loglexer import TIMESTAMP

__all__ = ["ErrorEntry", "scan_text", "normalize"]

MAX_MESSAGE = 200

_EXC_NAME = (r"(?:[a-z_$][\w$]*\.)*[A-Z][\w$]*"
             r"(?:Exception|Error|Throwable|Fault|Failure|Interrupt|Exit|Iteration)")
_EXC = re.compile(r"(?<![\w$.])(" + _EXC_NAME + r")(?![\w$])")
# a stack trace's head, or a Python traceback's last line
_HEAD = re.compile(r"^[ \t]*(?:(?:Caused by|Suppressed|Wrapped by):[ \t]*"
                   r'|Exception in thread[ \t]+(?:"[^"]*"|\S+)[ \t]+)?'
                   r"(" + _EXC_NAME + r")(?:(?::[ \t]*(.*))|[ \t]*)$")
_FRAME = re.compile(r"^[ \t]*(?:at[ \t]|\.\.\.[ \t]*\d+[ \t]+(?:more|common)"
                    r'|File[ \t]+"|Traceback \(most recent call last\))')
_TIMESTAMP = re.compile(r"^[ \t]*\[?" + TIMESTAMP + r"\]?[ \t]*")
_LEVEL = re.compile(r"(?<![\w-])(FATAL|ERROR|SEVERE|CRITICAL|EMERG|ALERT|CRIT|WARNING|WARN|"
                    r"NOTICE|INFO|CONFIG|DEBUG|TRACE|FINEST|FINER|FINE)(?![\w-])"
                    r"|\[(error|crit|alert|emerg|warn|notice|info|debug)\]")
_ERROR_LEVELS = frozenset(("FATAL", "ERROR", "SEVERE", "CRITICAL", "EMERG", "ALERT", "CRIT",
                           "error", "crit", "alert", "emerg"))
_HEADER_END = re.compile(r"(?:^|[\[\]\s:|)-])$")
_PY_BASIC = re.compile(r"^(ERROR|CRITICAL|FATAL|WARNING|INFO|DEBUG):([\w.<>-]+):(.*)$")
_LOGFMT = re.compile(r'\blevel=(\w+)\b.*?\bmsg=(?:"((?:[^"\\]|\\.)*)"|(\S+))')

_SPRING_PID = re.compile(r"^\d+[ \t]+---[ \t]+")
_NGINX_PID = re.compile(r"^\d+#\d+:[ \t]*(?:\*\d+[ \t]+)?")
_LOGGER = re.compile(r"^(?:[\w$]+(?:\.[\w$<>\[\]/]+)+|[\w$.-]+(?=[ \t]+[-:][ \t]))"
                     r"(?:[ \t]+\((?:[^()]|\([^()]*\))*\))?"
                     r"(?:[ \t]*:[ \t]+|[ \t]+-[ \t]+|[ \t]+:[ \t]+)")
_LOGGER_METHOD = re.compile(r"^[a-z_$][\w$]*(?:\.[\w$<>]+){2,}[ \t]+")
_SEPARATOR = re.compile(r"^(?:[-:|][ \t]*)+")
_TRAILING_LOGGER = re.compile(r"[ \t]+\([\w$]+(?:\.[\w$]+)+\)$")

# normalisation, in order: each pattern's text becomes its placeholder
_VARYING = [
    (re.compile(r",[ \t]*client:[ \t].*$"), ""),      # nginx request context
    (re.compile(r"\b[a-zA-Z][\w+.-]*://[^\s'\"<>)\]]+"), "<url>"),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                r"[0-9a-fA-F]{12}\b"), "<id>"),
    (re.compile(r"\b[a-zA-Z][\w-]*(?:\.[\w-]+)*:\d{2,5}\b"), "<host>"),
    (re.compile(r"(?<![\w.<>/\]])(?:[A-Za-z]:|\b[\w.-]+(?=/[\w.@%+~$=-]+/))?"
                r"(?:[/\\][\w.@%+~$=-]*[\w@%+~$=-])+[/\\]?"), "<path>"),
    # ids: letters and digits joined by _ or - (blk_1073741825_1001, pool-1-thread-3,
    # container_e01_1400000000000_0001_01_000002, consumer-1, BP-92959-10.0.0.1-14059)
    (re.compile(r"(?<![\w<-])[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*[_-]\d(?:[\w.-]*\w)?"),
     "<id>"),
    # generated tokens: long runs mixing upper and lower case letters and digits
    (re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[A-Za-z0-9_-]{16,}\b"), "<id>"),
    (re.compile(r"(?<![\w.])/?\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"), "<ip>"),
    (re.compile(r"(?<![A-Za-z])'[^'\n]*'"), "'…'"),
    (re.compile(r'"[^"\n]*"'), '"…"'),
    (re.compile(r"`[^`\n]*`"), "`…`"),
    (re.compile(r"\b0x[0-9a-fA-F]+\b"), "<hex>"),
    (re.compile(r"(?<![\w<])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b"), "<hex>"),
    (re.compile(r"(?<![A-Za-z0-9_<])\d+(?:[.,:]\d+)*(?![A-Za-z]*\d)"), "<n>"),
]
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ErrorEntry:
    """One error shown in a block: its exception class (``""`` for a log message without
    one), its message signature, and the log line's own message when it came with one."""

    exception: str
    message: str
    context: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.exception, self.message)


def normalize(message: str) -> str:
    """The signature of a message: what varies between occurrences becomes a placeholder."""
    text = message.strip()
    for pattern, placeholder in _VARYING:
        text = pattern.sub(placeholder, text)
    text = _SPACES.sub(" ", text).strip(" \t,;:")
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE - 1].rstrip() + "…"
    return text


def _skip_brackets(text: str) -> str:
    """Drop leading ``[...]``/``(...)`` groups (thread names, context), nested or not."""
    while text[:1] in ("[", "("):
        close = "]" if text[0] == "[" else ")"
        depth = 0
        for i, ch in enumerate(text):
            if ch in "[(":
                depth += 1
            elif ch in "])":
                depth -= 1
                if depth == 0:
                    if ch != close:
                        return text
                    text = text[i + 1:].lstrip()
                    break
        else:
            return text
    return text


def log_line(line: str) -> tuple[bool, str] | None:
    """(is the level ERROR or worse, the message without its header) for a log line; None for
    a line that is not one."""
    body = _TIMESTAMP.sub("", line, count=1)
    basic = _PY_BASIC.match(body.strip())
    if basic:
        return basic.group(1) in _ERROR_LEVELS, basic.group(3).strip()
    logfmt = _LOGFMT.search(body)
    if logfmt:
        level = logfmt.group(1).lower()
        message = logfmt.group(2) if logfmt.group(2) is not None else logfmt.group(3)
        return level in ("error", "fatal", "crit", "critical", "panic"), message or ""
    match = _LEVEL.search(body)
    if match is None or match.start() > 100:
        return None
    prefix = body[:match.start()]
    if match.group(1) and not _HEADER_END.search(prefix.rstrip(" \t")):
        return None          # a level word inside prose ("... with ERROR 5")
    if len(prefix.split()) > 4:
        return None
    rest = body[match.end():]
    rest = _SEPARATOR.sub("", rest.lstrip(" \t]").lstrip())
    for _ in range(3):
        before = rest
        rest = _SPRING_PID.sub("", rest)
        rest = _NGINX_PID.sub("", rest)
        rest = _skip_brackets(rest)
        rest = _strip_logger(rest)
        rest = _SEPARATOR.sub("", rest)
        if rest == before:
            break
    rest = _skip_brackets(rest)
    return (match.group(1) or match.group(2)) in _ERROR_LEVELS, \
        _TRAILING_LOGGER.sub("", rest).strip()


def _strip_logger(text: str) -> str:
    """Drop a logger name (``o.a.h.NameNode:``, ``app.db -``, Tomcat's ``pkg.Class.method``)
    from the front of a message, unless it is an exception class."""
    for pattern in (_LOGGER, _LOGGER_METHOD):
        match = pattern.match(text)
        if match and not _EXC.fullmatch(match.group(0).rstrip(" \t:-")):
            return text[match.end():]
    return text


def _exception_in(message: str) -> tuple[str, str, str] | None:
    """(class, its message, the text before it) for a message that names a thrown
    exception: ``... failed: java.io.IOException: Broken pipe`` or one ending in the class."""
    for match in _EXC.finditer(message):
        after = message[match.end():]
        if after.startswith(":") or not after.strip():
            before = message[:match.start()].rstrip(" \t:;,-")
            if before.endswith(("new", "catch (", "throws", "import")):
                continue
            return match.group(1), after[1:].strip(), before
    return None


def scan_text(text: str) -> list[ErrorEntry]:
    """Every error in one block's text, in order of first appearance, each once."""
    entries: dict[tuple[str, str], ErrorEntry] = {}
    pending: str | None = None       # an ERROR line's message, waiting for its stack trace
    in_traceback = False             # inside a Python traceback: its frames and source lines

    def add(entry: ErrorEntry) -> None:
        entries.setdefault(entry.key, entry)

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            add(ErrorEntry("", normalize(pending)))
            pending = None

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if _FRAME.match(line) or (in_traceback and line[:1] in " \t"):
            continue
        in_traceback = False
        head = _HEAD.match(line)
        if head:
            context = normalize(pending) if pending is not None else ""
            pending = None
            add(ErrorEntry(head.group(1), normalize(head.group(2) or ""), context))
            continue
        parsed = log_line(line)
        flush()
        if parsed is None:
            continue
        is_error, message = parsed
        found = _exception_in(message)    # an exception in any log line is one it shows
        if found is not None:
            name, own, before = found
            add(ErrorEntry(name, normalize(own), normalize(before)))
        elif is_error and message:
            pending = message
    flush()
    return list(entries.values())
