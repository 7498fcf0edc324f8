"""Cheap, deterministic language detection for unlabelled code blocks.

Pygments' ``guess_lexer`` imports every lexer on its first call and names the seed's log
blocks "CBM BASIC V2", so blogtool never uses it. Instead the first lines of a block are
looked at once: whole-block shapes first (a traceback, JSON, a shell session, a log, XML,
a Dockerfile, nginx configuration, SQL, YAML, ini and properties), then the markers of each
programming language (``langmarkers.py``), where one language must clearly outnumber every
other. When nothing is clear the answer is ``text``: an unhighlighted block is better than a
wrongly coloured one.

Names are Pygments aliases (``java``, ``xml``, ``console``, ``bash``, ``properties``,
``ini``, ``pytb``, ``json``, ``sql``, ``python``, ``pycon``, ``yaml``, ``javascript``,
``typescript``, ``go``, ``c``, ``cpp``, ``scala``, ``dockerfile``, ``nginx``, ``text``) plus
``log`` (blogtool's lexer), which also covers Java stack traces.
"""
from __future__ import annotations

import json
import re
from collections import Counter

from .blockshapes import (
    command_line,
    dockerfile_block,
    html_block,
    json_fragment,
    nginx_block,
    one_command,
    yaml_block,
)
from .langmarkers import NAMED, marker_counts
from .logline import is_log_line, log_line_shape

__all__ = ["detect_language", "LANGUAGES", "is_log_line", "log_line_shape", "java_signal",
           "java_shaped", "MARKUP_LINE", "TRACEBACK_HEAD"]

LANGUAGES = ("java", "log", "xml", "console", "bash", "properties", "ini", "pytb", "json",
             "sql", "python", "pycon", "yaml", "javascript", "typescript", "go", "c", "cpp",
             "scala", "dockerfile", "nginx", "text")

TRACEBACK_HEAD = re.compile(r"[ \t]*Traceback \(most recent call last\):")
_PYTB_LINE = re.compile(r'[ \t]*File "[^"\n]+", line \d+')
_PROMPT = re.compile(
    r"(?:\$|[\w.-]+@[\w.-]+:[^\s$#]*[$#]|\[[\w.-]+@[\w.-]+[^\]]*\][$#]"
    r"|(?:mysql|hive|hbase\([^)]*\):\d+:\d+)>)[ \t]+\S"
    r"|#[ \t]+(?:sudo|service|systemctl|netstat|ps|ls|cat|cd|vi|vim|yum|apt|apt-get|echo|kill"
    r"|top|free|df|du|tail|head|grep|java|jps|jstack|jmap|jstat|hdfs|hadoop|mvn|git|ssh|scp"
    r"|curl|wget|tar|mkdir|rm|cp|mv|chmod|chown|docker|kubectl|mysql|lsof|iptables|ulimit"
    r"|sysctl|mount|rpm|make|\./|bin/)\b"
)
_SHEBANG = re.compile(r"#!\s*/(?:usr/)?bin/(?:env[ \t]+)?(?:ba|z|k)?sh\b")
_BASH_LINE = re.compile(
    r"[ \t]*(?:export[ \t]+\w+=|if[ \t]+\[|then\b|fi\b|else\b|elif\b|for[ \t]+\w+[ \t]+in\b"
    r"|do\b|done\b|while[ \t]+(?:true|\[|read)|case\b|esac\b|echo[ \t]|sudo[ \t]|cd[ \t]"
    r"|nohup[ \t]|tar[ \t]+-|cp[ \t]|mv[ \t]|mkdir[ \t]|rm[ \t]+-|ssh[ \t]|scp[ \t]|chmod[ \t]"
    r"|sleep[ \t]|source[ \t]|exit[ \t]+\d|kill[ \t]|yum[ \t]|apt(?:-get)?[ \t]"
    r"|(?:\./|bin/)[\w.-]+|[A-Z_][A-Z0-9_]*=\S|java[ \t]+-|jstat[ \t]|pgrep[ \t])"
)
_BASH_TOKEN = re.compile(r"\$\{?\w+|\$\(|&&|\|\||2>&1|;[ \t]*(?:then|do)\b")
_SECTION = re.compile(r"[ \t]*\[[\w .:/-]+\][ \t]*$")
_KV_STRICT = re.compile(
    r"[ \t]*[A-Za-z_][\w.-]*[ \t]*=[ \t]*(?![\[{'\"(])[^\s=][^;{}()]*$"
    r"|[ \t]*[A-Za-z_][\w-]*(?:\.[\w-]+)+[ \t]*[=:][ \t]*\S[^;{}]*$")
# "uv tool install x", "opam install y": a program and one of the usual subcommands
_SUBCOMMAND = re.compile(
    r"[ \t]*[a-z][\w.-]*(?:[ \t]+[a-z][\w-]*)?[ \t]+(?:install|add|remove|uninstall|run|build"
    r"|init|update|upgrade|start|stop|restart|status|pull|push|clone|exec|login)"
    r"(?:[ \t]+[\w@./:=-]+){0,3}[ \t]*$")
_HEREDOC = re.compile(r"<<-?[ \t]*['\"]?(\w+)['\"]?[ \t]*$")
_MANIFEST = re.compile(r"(?:---|apiVersion:|kind:)")
_PLACEHOLDER = re.compile(r"\$\{[\w.-]+(?::[^{}\s]*)?\}|\{\d+\}")
# ini values may be quoted (Addrs = ["http://..."])
_KV_LOOSE = re.compile(r"[ \t]*[A-Za-z_/][\w./*-]*[ \t]*=[ \t]*\S")
_DOTTED_KV = re.compile(r"[ \t]*[A-Za-z_][\w-]*(?:\.[\w-]+)+[ \t]*=[ \t]*\S")
_CONF_COMMENT = re.compile(r"[ \t]*(?:[#;!]|(?:\.\.\.|…+)[ \t]*$)")
_SQL_START = re.compile(
    r"[ \t]*(?:(?:SELECT|INSERT[ \t]+INTO|REPLACE[ \t]+INTO|UPDATE|DELETE[ \t]+FROM"
    r"|CREATE[ \t]+(?:TABLE|INDEX|DATABASE|VIEW|UNIQUE|USER|POLICY|FUNCTION|PROCEDURE|TRIGGER)"
    r"|ALTER[ \t]+TABLE|DROP[ \t]+(?:TABLE|INDEX|DATABASE)|SHOW[ \t]+\w+|EXPLAIN[ \t]|GRANT[ \t]"
    r"|TRUNCATE[ \t]|WITH[ \t]+\w+[ \t]+AS|COMMENT[ \t]+ON|MERGE[ \t]+INTO"
    r"|SET[ \t]+(?:GLOBAL|SESSION|NAMES|@)|START[ \t]+TRANSACTION"
    r"|CREATE[ \t]+OR[ \t]+REPLACE[ \t]+(?:FUNCTION|PROCEDURE|VIEW|TRIGGER|PACKAGE))\b"
    r"|(?:USE[ \t]+\w+|BEGIN|COMMIT|FLUSH[ \t]+\w+|DESC[ \t]+\w+)[ \t]*;)",
    re.IGNORECASE)
# a statement typed at a database prompt, with no output after it
_SQL_SESSION = re.compile(r"[ \t]*(?:(?:mysql|hive|SQL)> |->)")
_SQL_COMMENT = re.compile(r"[ \t]*(?:--|#)")
_SQL_END = re.compile(r";[ \t]*(?:--.*)?$", re.MULTILINE)
_SQL_PROMPT = re.compile(r"[ \t]*SQL> ")
_SQL_WORD = re.compile(
    r"\b(?:FROM|WHERE|VALUES|SET|TABLE|JOIN|GROUP[ \t]+BY|ORDER[ \t]+BY|LIMIT|LIKE|INDEX"
    r"|PRIMARY[ \t]+KEY|ENGINE|NOT[ \t]+NULL|VARIABLES|STATUS|AND|ON)\b", re.IGNORECASE)
_XML_LINE = re.compile(r"[ \t]*<(?:\?xml|!--|!\[CDATA\[|/?[A-Za-z][\w:.-]*(?:[ \t/>]|$))")
_JAVA_KEYWORD = re.compile(
    r"[ \t]*(?:(?:public|private|protected|static|final|abstract|synchronized|native)\b"
    r"|(?:class|interface|enum|import|package|return|throw|new|try|catch|finally|else)\b"
    r"|(?:if|for|while|switch|catch|synchronized)[ \t]*\("
    r"|@[A-Z]\w*(?:\(|[ \t]*$)"
    r"|/\*\*?|\*/|\*[ \t]|\*$|//"
    r"|(?:[A-Z][\w$]*(?:<[^>]*>)?(?:\[\])*|int|long|boolean|double|float|char|byte|short|void|var)"
    r"[ \t]+[a-z_$][\w$]*[ \t]*(?:=|;|\())"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
# kramdown attribute lists and extensions ({: .warning}, {:toc}, {::comment}) and Liquid:
# never part of what a block's language is, never part of a pasted log
MARKUP_LINE = re.compile(r"[ \t]*\{(?::|%|\{)")
_PYCON = re.compile(r"[ \t]*>>> \S")
_MAX_LINES = 24
# markers that do not make a block code of a programming language: CSS, and shell variables
# (a shell script is told by its commands, after these counts)
_NOT_CODE = frozenset({"css", "shell"})


def java_signal(line: str) -> bool:
    """True when a line looks like a line of Java (or any C-family language)."""
    s = line.strip()
    if not s or s.startswith(("{%", "{{")):   # Liquid left in Markdown, not code
        return False
    if s[-1] in ";{}" or s in ("{", "}", "});", "};"):
        return not _CJK.search(s.split("//", 1)[0]) or s.startswith("//")
    if s[-1] in "(," and not _CJK.search(s):
        return True
    return bool(_JAVA_KEYWORD.match(line)) and (not _CJK.search(line)
                                                 or s.startswith(("//", "/*", "*")))


def _is_json(code: str) -> bool:
    head, tail = code[0], code[-1]
    if not ((head == "{" and tail == "}") or (head == "[" and tail == "]")):
        return False
    try:
        value = json.loads(code)
    except ValueError:
        return False
    return isinstance(value, (dict, list)) and bool(value)


def detect_language(code: str) -> str:
    """The language of an unlabelled block (a Pygments alias or ``log``), ``text`` if unsure."""
    code = code.strip()
    if not code:
        return "text"
    # the first 24 lines decide: enough for any language, and a 3,000-line paste costs no
    # more than a short one
    lines = [line for line in code.splitlines()[:_MAX_LINES]
             if line.strip() and not ("{" in line and MARKUP_LINE.match(line))]
    if not lines:
        return "text"
    first = lines[0]
    n = len(lines)

    if TRACEBACK_HEAD.match(first):
        return "pytb"
    if len(code) < 100_000 and _is_json(code):
        return "json"
    if _SHEBANG.match(first):
        return "bash"
    if _PROMPT.match(first):
        if (all(_SQL_SESSION.match(line) for line in lines)
                and _SQL_START.match(first.split(">", 1)[1])):
            return "sql"
        return "console"
    if _PYCON.match(first):
        return "pycon"

    logged = [is_log_line(line) for line in lines]
    log = sum(logged)
    if log * 2 >= n and log:
        return "log"
    if 'File "' in code and any(_PYTB_LINE.match(line) for line in lines):
        return "pytb"
    if first.lstrip().startswith("<"):
        if html_block(lines):
            return "text"       # HTML, a template or JSP: not XML, and not the code inside
        xml = sum(1 for line, is_log in zip(lines, logged, strict=True)
                  if not is_log and _XML_LINE.match(line))
        if xml * 2 >= n:
            return "xml"
    markers = marker_counts(lines)
    code_markers = sum(markers[lang] for lang in markers if lang not in _NOT_CODE)
    if code_markers < 4:
        if json_fragment(lines):
            return "json"
        if dockerfile_block(lines):
            return "dockerfile"
        if nginx_block(lines):
            return "nginx"
    sql_first = next((line for line in lines if not _SQL_COMMENT.match(line)), "")
    if _SQL_PROMPT.match(first):
        return "sql"
    if _SQL_START.match(sql_first) and (_SQL_WORD.search(code) or _SQL_END.search(code)):
        return "sql"
    strongest = max((v for k, v in markers.items() if k not in _NOT_CODE), default=0)
    # a Kubernetes manifest is YAML even when a block scalar holds code
    if (strongest < 4 or _MANIFEST.match(first)) and yaml_block(lines):
        return "yaml"
    counts = _Lines(lines, logged) if code_markers < 2 else None
    if counts is not None:
        lang = _configuration_or_shell(lines, counts)
        if lang:
            return lang
    lang = _by_markers(markers, n)
    if lang:
        return lang
    if (counts is not None and not code_markers and counts.body > 1
            and max(counts.bash, counts.commands) * 2 >= counts.body):
        return "bash"
    if any(_PROMPT.match(line) and not line.lstrip().startswith("#") for line in lines):
        return "console"
    return "text"


class _Lines:
    """Counts of configuration and shell lines in a block (log lines aside)."""

    __slots__ = ("body", "sections", "kv", "loose", "bash", "commands")

    def __init__(self, lines: list[str], logged: list[bool]) -> None:
        bash = kv = loose = comments = sections = commands = 0
        continued = value_continued = False
        heredoc = ""
        for i, (line, is_log) in enumerate(zip(lines, logged, strict=True)):
            if heredoc:             # the text a command reads, up to its end word
                commands += 1
                heredoc = "" if line.strip() == heredoc else heredoc
                continue
            if continued:           # the rest of a command split with "\\"
                commands += 1
                continued = line.rstrip().endswith("\\")
                continue
            if value_continued:     # the rest of a value split with "\\"
                kv += 1
                value_continued = line.rstrip().endswith("\\")
                continue
            if "{" in line:         # a placeholder: url=${DB_URL:jdbc:...}, msg=Expired: {0}
                line = _PLACEHOLDER.sub("v", line)
            if is_log:
                continue
            if _CONF_COMMENT.match(line):
                comments += 1
                if _BASH_LINE.match(line[1:].lstrip()) is None:
                    continue
            if _SECTION.match(line):
                sections += 1
                continue
            if _KV_STRICT.match(line):
                kv += 1
                value_continued = line.rstrip().endswith("\\")
            if _KV_LOOSE.match(line):
                loose += 1
            if (command_line(line) or _SUBCOMMAND.match(line)
                    or (line.endswith("\\") and i + 1 < len(lines)
                        and lines[i + 1].lstrip().startswith("-"))):
                commands += 1
                continued = line.rstrip().endswith("\\")
            elif _BASH_LINE.match(line):
                bash += 1
            else:
                continue
            here = _HEREDOC.search(line)
            heredoc = here.group(1) if here else ""
        self.body = len(lines) - comments - sections
        self.sections, self.kv, self.loose = sections, kv, loose
        self.bash, self.commands = bash, commands


def _configuration_or_shell(lines: list[str], counts: _Lines) -> str:
    """ini, properties or a shell script, for a block with (almost) no code markers: one
    weak marker is tolerated (a word like "virtual" in a path)."""
    body = counts.body
    if counts.sections and body and counts.loose * 2 >= body:
        return "ini"
    if not body:
        return ""
    if (counts.kv >= 1 and counts.kv >= 2 * (body - counts.kv)
            and max(counts.bash, counts.commands) * 2 < body
            and (body > 1 or any(_DOTTED_KV.match(line) for line in lines))):
        return "properties"
    if (max(counts.bash, counts.commands) * 5 >= body * 4
            and (body > 1 or one_command(lines[-1]) or counts.bash)):
        return "bash"
    return ""


def java_shaped(code: str) -> bool:
    """A run of statements that reads as Java and as no other language detect_language
    names: two in five lines look like Java (``;``, braces, declarations) and no line
    carries another language's marker. Recovery uses this for runs it already opened on a
    Java line (``conf.set("k", "v");``), where detect_language alone would say text."""
    lines = [line for line in code.splitlines()[:_MAX_LINES] if line.strip()]
    if not lines:
        return False
    markers = marker_counts(lines)
    if any(markers[lang] for lang in markers if lang not in ("java", "css", "html")):
        return False
    return sum(1 for line in lines if java_signal(line)) * 5 >= len(lines) * 2


def _by_markers(markers: Counter[str], n: int) -> str:
    """The language whose markers clearly outnumber every other's (C and C++ count
    together), or ``""``."""
    scores = Counter({lang: count for lang, count in markers.items()
                      if lang not in ("html", "css")})
    scores["c"] += scores.pop("cpp", 0)
    scores["javascript"] += scores.pop("typescript", 0)
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] == 0:
        return ""
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top < 1.5 * second + 1 or top < 2:
        return ""
    if best == "c":
        return "cpp" if markers["cpp"] else "c"
    if best == "javascript" and markers["typescript"]:
        # type annotations, interfaces: TypeScript (a type or two alone may be Python...)
        return "typescript" if markers["javascript"] or top >= 4 else ""
    return best if best in NAMED else ""
