"""Line markers of programming languages, for ``detect.py``.

Each language has a few patterns that only (or almost only) its code has: ``def f():`` for
Python, ``:=`` and ``func`` for Go, ``#include`` and ``p->next`` for C, ``std::`` for C++,
``console.log`` and ``=>`` for JavaScript... :func:`marker_counts` counts, per language, the
lines that carry one of its markers. Languages blogtool does not name (TypeScript, Kotlin,
Rust, C#, PHP, Perl, Ruby, Dart, Swift, VB, R, CSS, HTML) have markers too: a block that
shows them is not given one of the named languages by mistake.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

__all__ = ["marker_counts", "NAMED", "command_line", "one_command", "yaml_block", "nginx_block",
           "dockerfile_block", "json_fragment", "html_block"]

# the languages detect.py may answer from these counts
NAMED = ("python", "go", "javascript", "typescript", "scala", "c", "cpp", "java")


_ESCAPED = set(".()[]{}*+?|^$\\/-:!<>=\"'#&%@,;~`")


def _literal(pattern: str) -> str:
    """The longest run of plain characters every match of ``pattern`` contains ("" when
    the pattern has top-level alternatives; groups and classes are skipped): a substring
    test that is far cheaper than the regex."""
    runs, cur, i, n = [], "", 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            if pattern[i + 1] in _ESCAPED:
                cur += pattern[i + 1]
            else:
                runs.append(cur)
                cur = ""
            i += 2
        elif ch in "[(":
            runs.append(cur)
            cur, depth, close = "", 1, "]" if ch == "[" else ")"
            i += 1
            while i < n and depth:
                if pattern[i] == "\\":
                    i += 1
                elif pattern[i] == ch and ch == "(":
                    depth += 1
                elif pattern[i] == close:
                    depth -= 1
                i += 1
            if i < n and pattern[i] in "*?{":
                i += 1
        elif ch in "*?{":
            runs.append(cur[:-1])
            cur = ""
            i += 1
            if ch == "{":
                i = pattern.find("}", i) + 1
        elif ch == "+":
            runs.append(cur)
            cur = cur[-1:]
            i += 1
        elif ch == "|":
            return ""           # alternatives at the top level
        elif ch in "^$.":
            runs.append(cur)
            cur = ""
            i += 1
        else:
            cur += ch
            i += 1
    runs.append(cur)
    return max(runs, key=len)


_PLAIN = re.compile(r"(?:[^\\()\[\]{}*+?|^$.]|\\[.()\[\]{}*+?|^$\\/-:<>=])+")


def _any_of(pattern: str) -> tuple[str, ...]:
    """For a pattern whose first required group is plain alternatives,
    ``(?:public|private)``: the literals one of which every match contains."""
    m = re.search(r"\(\?:((?:[^()\\]|\\.)*)\)(?![?*{])", pattern)
    if not m or re.search(r"(?<!\\)\|", pattern[:m.start()] + pattern[m.end():]):
        return ()
    found = []
    for alt in re.split(r"(?<!\\)\|", m.group(1)):
        plain = _PLAIN.match(alt)
        if not plain or len(plain.group()) < 2:
            return ()
        found.append(re.sub(r"\\(.)", r"\1", plain.group()))
    return tuple(found)


class _Marker:
    """A compiled marker and the literal (or literals, one of which) a block must contain
    for it to match."""

    __slots__ = ("rx", "literal", "any_of")

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(pattern, re.MULTILINE)
        literal = _literal(pattern)
        self.literal = literal if len(literal) >= 2 else ""
        self.any_of = () if self.literal else _any_of(pattern)

    def finditer(self, text: str):  # type: ignore[no-untyped-def]
        if self.literal and self.literal not in text:
            return ()
        if self.any_of and not any(word in text for word in self.any_of):
            return ()
        return self.rx.finditer(text)


def _rx(*parts: str) -> tuple[_Marker, ...]:
    # one pattern per marker: each is skipped by a substring test when the block lacks its
    # literal ("fmt.", "std::"), which most blocks do
    return tuple(_Marker(p) for p in parts)


# Per language: (strong markers, weak markers). A line with a strong marker scores 2, a line
# with only weak ones 1. Strong markers are (nearly) unique to the language.
_Patterns = tuple["_Marker", ...]
_MARKERS: dict[str, tuple[_Patterns, _Patterns]] = {
    "python": (_rx(
        r"^\s*def \w+\(.*\)\s*(?:->\s*[^:]+)?:\s*$", r"^\s*class \w+(?:\([\w., =]*\))?:\s*$",
        r"^\s*from [\w.]+ import [\w*(]", r"^\s*elif .*:\s*$",
        r"^\s*except(?: [\w., ()]+)?(?: as \w+)?\s*:\s*$", r"\bself\.\w",
        r"__(?:init|name|main|file|dict|class|str|repr|len|call|enter|exit|all|doc|module)__",
        r"^\s*(?:>>>|\.\.\.) ", r"\blambda \w*:", r"^\s*if __name__\b",
        r"^\s*(?:for|with) .*[^:]:\s*$", r"\bprint\(f?\"",
    ), _rx(
        r"^\s*import [\w.]+(?: as \w+)?(?:, [\w.]+)*\s*$",
        r"^\s*(?:else|try|finally)\s*:\s*$", r"^\s*(?:if|while) .*[^:]:\s*$",
        r"^\s*print\(.*\)\s*$", r"\bNone\b", r"^\s*@\w+(?:\.\w+)*\s*$", r"\bTrue\b", r"\bFalse\b",
        r"\[\w+ for \w+ in ", r"\.append\(", r"\blen\(",
    )),
    "go": (_rx(
        r"^\s*package [a-z]\w*\s*$", r"^\s*func(?: \(\w+ \*?\w+\))? \w*\(", r"\w ?:= ?\S",
        r"\biota\b", r"^\s*(?:const|var) \($",
        r"\bfmt\.\w+\(", r"\berr != nil\b", r"^\s*import \($",
        r"^\s*type \w+ (?:struct|interface) \{", r"\bgo func\(", r"\bchan\b",
    ), _rx(
        r"^\s*import \"[\w/.-]+\"$", r"^\s*defer ", r"\[\](?:byte|string|int)\b", r"\bmake\(\[",
        r"\berrors\.New\(", r"^\s*\"[\w/.-]+\"$", r"\bnil\b",
    )),
    "javascript": (_rx(
        r"\bconsole\.(?:log|error|warn)\(", r"\brequire\(['\"]", r"\bmodule\.exports\b",
        r"^\s*export (?:default|const|function|class|async)\b", r"^\s*import .* from ['\"]",
        r"\)\s*=>", r"\b\w+\s*=>\s*[{(]", r"\bfunction\s*\w*\s*\(", r"\bdocument\.\w",
        r"\basync (?:function|\()", r"\bJSON\.(?:parse|stringify)\(", r"\bprocess\.env\.",
        r"\$\(['\"]", r"\bnew Promise\(", r"\bwindow\.\w", r"^\s*constructor\s*\(",
    ), _rx(
        r"^\s*(?:const|let|var) \w+ = ", r"\s(?:===|!==)\s", r"\bawait \w", r"\.then\(",
        r"^\s*import ['\"]\.{0,2}/", r"\bthis\.\w+", r"\bundefined\b",
        r"^\s*\w+: (?:function|\[|\{)",
    )),
    "scala": (_rx(
        r"^\s*(?:case )?object \w+", r"^\s*case class \w+",
        r"^\s*(?:override )?def \w+(?:\[.*\])?(?:\(.*\)(?:\s*:\s*[\w\[\], ]+)?"
        r"|\s*:\s*[\w\[\], ]+)\s*=",
        r"\bextends App\b", r"^\s*import [\w.]+\.(?:_|\{)", r": Unit\b", r"\bArray\[\w+\]",
        r"\bsc\.(?:textFile|parallelize)\(", r"\bcase \w+(?:\(.*\))?(?: if .*)? =>",
        r"\bimplicit\b", r"\.map\s*\{\s*\w+\s*=>",
    ), _rx(
        r"^\s*(?:private |protected |override |lazy )*va[lr] \w+(?:\s*:\s*[\w\[\], ]+)?\s*=",
        r"\bSeq\(", r"\)\s*with\s+\w+", r"^\s*with \w+", r"\.B\b", r"\.U\b", r"\bWire\w*\(",
        r"\bNil\b", r" -> ",
    )),
    "c": (_rx(
        r"^\s*#(?:include\s*[<\"]|define\s+\w+(?:\(|\s+\S+\s*$|\s*$)|ifn?def\s+\w+\s*$"
        r"|endif\b|pragma\b|undef\s+\w+\s*$)", r"\w->\w",
        r"\bprintf\(", r"\b(?:malloc|kfree|kmalloc|free)\(", r"\bsizeof\s*\(",
        r"^\s*(?:static |extern |const |typedef )*struct \w+", r"\bunsigned\b",
        r"\b(?:u8|u16|u32|u64|s32|s64|size_t|uint\d+_t|int\d+_t|atomic_\w+)\b",
        r"\b\w+ \*\w+\s*[;,)=\[]", r"\bint main\s*\(", r"\bgoto \w+;", r"^\s*typedef\b",
        r"(?<![.\w])__(?!\w*__\b)[a-z]\w*", r"^\s*\.\w+\s*=\s*[\w&][^;]*,\s*$",
    ), _rx(
        r"\bNULL\b", r"^\s*static (?:inline )?\w", r"^\s*(?:void|int|long|char)\s+\*?\w+\(",
        r"^\s*#(?:if|elif|else)\b",
    )),
    "cpp": (_rx(
        r"\bstd::", r"\b(?:cout|cin|endl)\b", r"^\s*template\s*<", r"^\s*using namespace\b",
        r"\bnullptr\b", r"^\s*#include\s*<(?:iostream|vector|string|map|memory|algorithm|set"
        r"|unordered_map|thread|mutex|cstdio|cstring)>", r"\b(?:istringstream|ostringstream"
        r"|stringstream)\b", r"\bgboolean\b", r"\bgint\b", r"\bg_\w+\(", r"\bvector<",
        r"\b(?:static|dynamic|reinterpret|const)_cast<",
    ), _rx(
        r"^\s*namespace \w+", r"^\s*(?:public|private|protected):\s*$", r"\w::\w+\(",
        r"\bconst char\*", r"\bauto \w+ = ", r"\bvirtual\b", r"^\s*::\w+\(",
    )),
    "java": (_rx(
        r"^\s*(?:public|private|protected) (?:static |final |abstract |synchronized )*"
        r"(?:class|interface|enum|void|[A-Z]\w*(?:<.*>)?(?:\[\])?|int|long|boolean) \w",
        r"^\s*import (?:static )?[\w.]+(?:\.\*)?;", r"^\s*package [\w.]+;",
        r"\bSystem\.(?:out|err)\.", r"^\s*@(?:Override|Autowired|Service|Component|RestController"
        r"|Controller|Test|Bean|Configuration|Slf4j|Data|Transactional|RequestMapping"
        r"|GetMapping|PostMapping|Value|Resource|Mapper|SpringBootApplication)\b",
        r"\bString(?:\[\])? \w+\s*[=;,)]", r"\bthrows [A-Z]\w*", r"\bnew [A-Z]\w*<[^>]*>\(",
        r"\bcatch \([A-Z]\w*(?:\s*\|\s*\w+)* \w+\)",
        r"\b(?:logger|log|LOGGER|LOG)\.(?:info|debug|warn|error|trace)\(",
        r"\b[A-Z]\w*(?:<[\w<>, ?]*>)? [a-z]\w* = new [A-Z]", r"\bfinal [A-Z]\w* \w",
        r"\bthrow new [A-Z]\w*\(", r"^\s*synchronized \(",
    ), _rx(
        r"^\s*(?:public|private|protected)\s", r"\bnew [A-Z]\w*\(", r"\.class\b",
        r"\b(?:extends|implements) [A-Z]", r"\b(?:List|Map|Set|Optional|Future)<",
        r"\.(?:get|set|is)[A-Z]\w*\(", r"\b(?:boolean|Integer|Long|Object)\b", r"\.equals\(",
        r"\bthis\.\w+\s*=", r"^\s*@[A-Z]\w+", r"\bfor \((?:final )?[A-Z]\w* \w+ : ",
        r"\.length\b(?!\()", r"\bnew (?:int|long|byte|char|boolean)\[",
        r"<(?:Integer|Long|String|Boolean|Double|Object)(?:, ?[A-Z]\w*)?>",
        r"^\s*\*\s+@(?:param|return|since|author|throws|see)\b", r"^\s*public @interface\b",
        r"^\s*[A-Z]\w*(?:<[^>]*>)? [a-z]\w* = [A-Z]\w*\.\w+\(",
    )),
    # languages detect.py does not name: their markers keep the named ones honest
    "typescript": (_rx(
        r"\w\??: (?:string|number|boolean|any|void|unknown|never)(?:\[\])?\s*[;,)=|]",
        r"^\s*(?:export )?(?:interface \w+(?:<.*>)? (?:extends [\w, .<>]+ )?\{|type \w+(?:<.*>)? ="
        r"|enum \w+ \{)", r"\bas const\b",
        r"\bprivate readonly\b", r"^\s*@(?:Component|Injectable|Module|Input|Output|Entity"
        r"|Column)\(", r"^\s*(?:export )?const \w+: [A-Z]\w*",
        r"^\s*@(?:Get|Post|Put|Delete|Patch|Body|Param|Query|Public|Auth|UseGuards|ApiProperty"
        r"|Prop|Schema)\(", r"\): Promise<",
        r"^\s*(?:private|public|protected|readonly) constructor\b"), _rx(r"<\w+>\(")),
    "kotlin": (_rx(r"\bfun\b", r"^\s*data class\b", r"\bcompanion object\b", r"\{ \w+ -> ",
                   r"\b(?:mutable)?(?:List|Set|Map)Of\("), _rx(r"\bval \w+ = \w+Of\(")),
    "rust": (_rx(r"^\s*(?:pub )?fn \w+", r"\blet mut\b", r"\bprintln!\(", r"^\s*impl\b",
                 r"&str\b", r"^\s*use \w+::", r"\bmatch \w+ \{"), _rx(r"::new\(", r"\bVec<")),
    "csharp": (_rx(r"\bConsole\.\w+\(", r"^\s*using System", r"\bstring \w+ =",
                   r"static void Main\(", r"\bDateTime\.", r"\bMessageBox\.",
                   r"\bobject sender\b", r"EventArgs\b"), _rx(r"^\s*namespace [\w.]+\s*\{?$")),
    "php": (_rx(r"<\?php", r"\$this->", r"^\s*\$\w+ = ",
                r"^\s*(?:public |private |protected )?(?:static )?function \w+\(.*\$",
                r"^\s*(?:private|public|protected) \$\w+"), _rx(r"^\s*echo '")),
    "make": (_rx(r"\$\((?:MAKE|CC|CFLAGS|LDFLAGS)\)", r"^\.PHONY:"), _rx(r"^\t@?\$\(")),
    "perl": (_rx(r"\bmy [$@%]\w", r"^\s*sub \w+", r"\$_\b", r"=~ [ms]?/", r"\$\w+\{",
                 r"^\s*use strict", r"\$#\w"), _rx(r"\bdie\b", r"^\s*print \$")),
    "ruby": (_rx(r"^\s*puts ", r"\bdo \|\w+", r"^\s*require '", r"^\s*def \w+(?:\(.*\))?\s*$",
                 r"\.each\b"), _rx(r"^\s*end\s*$", r"^\s*p \w")),
    "dart": (_rx(r"\bWidget\b", r"@override\b", r"^\s*late ", r"^\s*part '", r"@riverpod",
                 r"\bsetState\("), _rx(r"^\s*final \w+ = ")),
    "swift": (_rx(r"\bguard let\b", r"^\s*import (?:UIKit|Foundation|SwiftUI)\b",
                  r"\bfunc \w+\(.*\) -> "), _rx(r"^\s*let \w+: ")),
    "vb": (_rx(r"^\s*Dim ", r"^\s*End (?:If|Sub|Function)", r"\bMsgBox\b"), _rx(r"^\s*Loop\b")),
    "r": (_rx(r"\w <- ", r"\blibrary\("), _rx(r"^\s*> \w")),
    "css": (_rx(r"^\s*[.#@][\w-][^{]*\{\s*$"), _rx(r"^\s*[a-z-]+\s*:\s*[^;{}]+;\s*$")),
    # (not <select>, <option>, <input>: MyBatis mappers and other XML have them)
    "html": (_rx(r"<(?:div|span|p|a|img|template|script|style|html|head|body|ul|ol|li|table|tr"
                 r"|td|th|button|h[1-6]|meta|link|br|nav|section|header|footer|main|article"
                 r"|iframe|svg|em|strong|small)(?=[\s>/])", r"<!DOCTYPE html", r"<%@",
                 r"\bclassName="),
             _rx(r"</\w+>")),
}

_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`[^`\n]*`')
# trailing comments ("//=> [1, 2]", "# => {3, 4}") say nothing about the language
_COMMENT = re.compile(r"(?:^|[ \t])(?://|#[ \t]).*$", re.MULTILINE)


def marker_counts(lines: list[str]) -> Counter[str]:
    """Per language, the marker score of the first lines: 2 for a line with a strong marker,
    1 for a line with only weak ones (string literals and trailing comments blanked). Each
    pattern runs once over the whole block; a match counts for the line it starts on. When
    one language alone has strong markers, on three lines or more, the weak ones are not
    looked for: nothing could outweigh it."""
    block = "\n".join(line[:_LINE_CAP] for line in lines[:_MARKER_LINES])
    raw = _COMMENT.sub("", block)
    bare = _COMMENT.sub("", _STRINGS.sub('""', block))
    starts = {text: [m.end() for m in _NEWLINE.finditer(text)] for text in (raw, bare)}

    def hits(lang: str, markers: _Patterns) -> set[int]:
        text = raw if lang in ("go", "javascript", "cpp") else bare
        found: set[int] = set()
        for marker in markers:          # a plain loop: this runs ~200 times a block
            literal = marker.literal
            if literal:
                if literal not in text:
                    continue
            elif marker.any_of and not any(word in text for word in marker.any_of):
                continue
            for m in marker.rx.finditer(text):
                found.add(bisect_right(starts[text], m.start()))
        return found

    strong = {lang: hits(lang, pair[0]) for lang, pair in _MARKERS.items()}
    counts: Counter[str] = Counter()
    sure = [lang for lang, lines_hit in strong.items() if lines_hit]
    if len(sure) == 1 and len(strong[sure[0]]) >= 3:
        counts[sure[0]] = 2 * len(strong[sure[0]])
        return counts
    for lang, (_, weak) in _MARKERS.items():
        score = 2 * len(strong[lang]) + len(hits(lang, weak) - strong[lang])
        if score:
            counts[lang] = score
    return counts


_NEWLINE = re.compile(r"\n")
_LINE_CAP = 120          # a line's first 120 characters show its language
_MARKER_LINES = 24       # and a block's first 24 lines


# --- whole-block shapes ---------------------------------------------------------------------

_COMMAND = re.compile(
    r"\s*(?:sudo\s+)?(?:npm|npx|yarn|pnpm|pip3?|docker(?:-compose)?|kubectl|helm|git|curl|wget"
    r"|apt(?:-get)?|yum|dnf|brew|cd|ls|cat|mkdir|rm|cp|mv|chmod|chown|echo|export|source|tar"
    r"|unzip|ssh|scp|rsync|systemctl|service|mvn|gradle|python3?|node|cargo|ln|touch|grep|find"
    r"|ps|kill|killall|vim?|nohup|crontab|openssl|ffmpeg|ip|ifconfig|netstat|firewall-cmd"
    r"|iptables|hdfs|hadoop|kafka-[\w-]+\.sh|zkServer\.sh|jps|jstack|jmap|jstat|javac?|mysql"
    r"|redis-cli|ssh-keygen|useradd|reboot|df|du|lsof|tail|head|sed|awk|xargs|which|unset"
    r"|ulimit|sysctl|mount|umount|ping|telnet|dig|nslookup|hostnamectl|journalctl|ufw"
    r"|setenforce|modprobe|dmesg|uname|whoami|sleep|bash|zsh|rustup|conda|pyenv|nvm|gh|hugo"
    r"|jekyll|bundle|gem|composer|deno|bun|tsc|ng|nest|prisma|pm2|supervisorctl|nginx|certbot"
    r"|tcpdump|strace|perf|gdb|gcc|g\+\+|clang|cmake|make|virsh|lspci|lsblk|ethtool"
    r"|qemu-[\w-]+|(?:\./|~/|/)[\w./-]+(?=\s+\S)|[\w./-]*\.sh|bin/[\w.-]+"
    r"|[A-Z_][A-Z0-9_]*=\S*)(?:\s|$)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


# any lower-case program with plain arguments, one of them an option: "uv tool install x -U"
_ARG = r"(?:-{1,2}[\w-]+(?:=\S+)?|[\w@./:~=+,%-]+|\"[^\"]*\"|'[^']*')"
_OPTIONED = re.compile(r"\s*[a-z][\w.-]*(?:\s+" + _ARG + r")*\s+-{1,2}[a-zA-Z][\w-]*(?:=\S+)?"
                       r"(?:\s+" + _ARG + r")*\s*\\?$")


def command_line(line: str) -> bool:
    """A shell command line (``npm i x``, ``docker ps | grep y``, ``./bin/start.sh``)."""
    code = line.split(" #", 1)[0].rstrip()
    if _CJK.search(code) or code.endswith(";"):
        return False
    return bool(_COMMAND.match(line) or _OPTIONED.match(code))


def one_command(line: str) -> bool:
    """A block of one line is a command only with options or two arguments (``npm i x``,
    ``ls -l``; ``hadoop fs`` alone may be a name in a sentence)."""
    words = line.split()
    return command_line(line) and (len(words) >= 3 or any(w.startswith("-") for w in words)
                                   or (len(words) == 2 and "/" in words[1]))


_YAML_KEY = re.compile(r"\s*(?:- )?(?:[A-Za-z_$][\w.$/-]*|\"[^\"]+\"|'[^']+')\s*:(?:\s+(.*))?$")
_YAML_ITEM = re.compile(r"\s*- \S")
_YAML_SCALAR = re.compile(r".*:\s*[|>][-+]?\s*$")


def yaml_block(lines: list[str]) -> bool:
    """Every line a YAML key, list item, document marker or block-scalar body, with some
    structure (nesting, a list or ``---``): ``spring:\\n  datasource:\\n    url: ...``."""
    structure = keys = 0
    scalar_indent = -1
    prev_key_open = -1
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if scalar_indent >= 0:
            if indent > scalar_indent:
                continue
            scalar_indent = -1
        s = line.strip()
        if s.startswith("#") or s in ("---", "...") or s == "-":
            structure += s in ("---",)
            continue
        if prev_key_open >= 0 and indent > prev_key_open:
            structure += 1
        prev_key_open = -1
        m = _YAML_KEY.match(line)
        if m:
            value = m.group(1) or ""
            if value.endswith((";", "{", "(", ",")) or "=" in value.split("#")[0][:1]:
                return False
            keys += 1
            if not value:
                prev_key_open = indent
            if _YAML_SCALAR.match(line):
                scalar_indent = indent
            if s.startswith("- "):
                structure += 1
            continue
        if _YAML_ITEM.match(line) and not s.endswith((";", "{")):
            structure += 1
            continue
        return False
    return keys >= 2 and structure >= 1


_NGINX_LINE = re.compile(r"\s*(?:[\w./$-]+(?:\s+[^;{}]*)?\s*[;{]|\}|#|\.\.\.)")
_NGINX_NAME = re.compile(
    r"\s*(?:server|location|listen|server_name|proxy_pass|upstream|try_files|proxy_\w+"
    r"|rewrite|worker_processes|worker_connections|error_log|access_log|client_max_body_size"
    r"|gzip\w*|ssl_\w+|add_header|fastcgi_\w+|keepalive_timeout|sendfile|default_type"
    r"|log_format|events|http|stream|limit_\w+|autoindex|expires|sendfile\w*|geo|map"
    r"|\w+_header|resolver|charset)\b")


def nginx_block(lines: list[str]) -> bool:
    """nginx configuration: directives ending in ``;`` or ``{`` (a few continuation lines
    aside), with an nginx-only name."""
    shaped = sum(1 for line in lines if _NGINX_LINE.match(line))
    return shaped * 5 >= len(lines) * 4 and any(_NGINX_NAME.match(line) for line in lines)


_DOCKER = re.compile(r"\s*(?:FROM|RUN|COPY|ADD|CMD|ENTRYPOINT|ENV|EXPOSE|WORKDIR|ARG|LABEL"
                     r"|USER|VOLUME|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL)\s+\S")
_DOCKER_MAIN = re.compile(r"\s*(?:FROM|RUN|COPY|CMD|ENTRYPOINT|WORKDIR|EXPOSE)\s")


def dockerfile_block(lines: list[str]) -> bool:
    """Every instruction line a Dockerfile instruction (continuations and comments aside)."""
    n = 0
    continued = False
    for line in lines:
        s = line.strip()
        if continued or s.startswith("#"):
            continued = s.endswith("\\") and not s.startswith("#")
            continue
        if not _DOCKER.match(line):
            return False
        n += 1
        continued = s.endswith("\\")
    return n >= 1 and any(_DOCKER_MAIN.match(line) for line in lines)


_JSON_COMMENT = re.compile(r"\s+//.*$")
_JSON_LINE = re.compile(r"\s*(?:\"[^\"]*\"\s*:\s*(?:\"[^\"]*\"|-?[\d.]+(?:e\d+)?|true|false"
                        r"|null|\{|\[)\s*,?|[\]}],?|\{|\[|\"[^\"]*\",?|-?[\d.]+,?)\s*$")


def json_fragment(lines: list[str]) -> bool:
    """A part of a JSON document (quoted keys, JSON values, brackets) that does not parse
    alone: ``"dependencies": {...},``."""
    keyed = sum(1 for line in lines if line.lstrip().startswith('"') and ":" in line)
    shaped = sum(1 for line in lines if _JSON_LINE.match(_JSON_COMMENT.sub("", line)))
    return (keyed >= 2 and shaped * 10 >= len(lines) * 9
            and lines[0].lstrip()[:1] in ('{', '[', '"'))


def html_block(lines: list[str]) -> bool:
    """Markup that is HTML rather than XML (a page, a template)."""
    head = "\n".join(lines[:20])
    return any(True for m in _MARKERS["html"][0] for _ in m.finditer(head))
