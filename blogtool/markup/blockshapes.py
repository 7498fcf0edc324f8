"""Whole-block shapes of configuration and command languages, for ``detect.py``: shell
commands, YAML, nginx configuration, Dockerfiles, JSON fragments and HTML."""
from __future__ import annotations

import re

from .langmarkers import html_markup

__all__ = ["command_line", "one_command", "yaml_block", "nginx_block", "dockerfile_block",
           "json_fragment", "html_block"]


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


_CJK_SENTENCE = re.compile(r"[，。：；！？、]")
_PROGRAM = re.compile(r"\s*[a-z][\w.+-]*\s")


def command_line(line: str) -> bool:
    """A shell command line (``npm i x``, ``docker ps | grep y``, ``./bin/start.sh``). A
    known program may take CJK placeholders (``grep "关键词" 文件名 | tail -n 10``), but
    not a CJK sentence."""
    code = line.split(" #", 1)[0].rstrip()
    if code.endswith(";"):
        return False
    if _CJK.search(code):
        return (not _CJK_SENTENCE.search(code) and len(code.split()) > 1
                and bool(_PROGRAM.match(code)) and bool(_COMMAND.match(code)))
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
                structure += 1      # a block scalar (| or >): YAML's alone
            if s.startswith("- "):
                structure += 1
            continue
        if _YAML_ITEM.match(line) and not s.endswith((";", "{")):
            structure += 1
            continue
        return False
    return keys >= 2 and structure >= 1


# (a line that starts with a quote goes on with the quoted value above: log_format)
_NGINX_LINE = re.compile(r"\s*(?:[\w./$-]+(?:\s+[^;{}]*)?\s*[;{]|\}|#|\.\.\.|['\"])")
_NGINX_NAME = re.compile(
    r"\s*(?:server|location|listen|server_name|proxy_pass|upstream|try_files|proxy_\w+"
    r"|rewrite|worker_processes|worker_connections|error_log|access_log|client_max_body_size"
    r"|gzip\w*|ssl_\w+|add_header|fastcgi_\w+|keepalive_timeout|sendfile|default_type"
    r"|log_format|events|http|stream|limit_\w+|autoindex|expires|sendfile\w*|geo|map"
    r"|\w+_header|resolver|charset|allow|deny|root|alias|error_page|auth_basic\w*)\b")


def nginx_block(lines: list[str]) -> bool:
    """nginx configuration: directives ending in ``;`` or ``{`` (a few continuation lines
    aside), with an nginx-only name."""
    allowed = len(lines) // 5          # lines that are not directives
    for line in lines:
        if not _NGINX_LINE.match(line):
            allowed -= 1
            if allowed < 0:
                return False
    return any(_NGINX_NAME.match(line) for line in lines)


# (FROM names one image, so SQL's "FROM emp e1 JOIN ..." is not an instruction)
_DOCKER = re.compile(r"\s*(?:FROM(?=\s+(?:--\S+\s+)*\S+(?:\s+[Aa][Ss]\s+\S+)?\s*(?:#.*)?$)"
                     r"|RUN|COPY|ADD|CMD|ENTRYPOINT|ENV|EXPOSE|WORKDIR|ARG|LABEL"
                     r"|USER|VOLUME|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL)\s+\S")
_DOCKER_MAIN = re.compile(r"\s*(?:FROM|RUN|COPY|CMD|ENTRYPOINT|WORKDIR|EXPOSE)\s")


def dockerfile_block(lines: list[str]) -> bool:
    """Every instruction line a Dockerfile instruction (continuations and comments aside)."""
    n = 0
    continued = False
    for line in lines:
        s = line.strip()
        if continued or s.startswith("#") or s in ("...", "…"):
            continued = s.endswith("\\") and not s.startswith("#")
            continue
        if not _DOCKER.match(line):
            return False
        n += 1
        continued = s.endswith("\\")
    return n >= 1 and any(_DOCKER_MAIN.match(line) for line in lines)


_JSON_COMMENT = re.compile(r"\s+//.*$")
_JSON_LINE = re.compile(r"\s*(?:\"[^\"]*\"\s*:\s*(?:\"[^\"]*\"|-?[\d.]+(?:e\d+)?|true|false"
                        r"|null|\{\s*\}|\[\s*\]|\{|\[)\s*,?|[\]}],?|\{|\[|\"[^\"]*\",?|-?[\d.]+,?)\s*$")


def json_fragment(lines: list[str]) -> bool:
    """A part of a JSON document (quoted keys, JSON values, brackets) that does not parse
    alone: ``"dependencies": {...},``."""
    if lines[0].lstrip()[:1] not in ('{', '[', '"'):
        return False
    keyed = sum(1 for line in lines if line.lstrip().startswith('"') and ":" in line)
    shaped = sum(1 for line in lines if _JSON_LINE.match(_JSON_COMMENT.sub("", line)))
    return keyed >= 2 and shaped * 10 >= len(lines) * 9


def html_block(lines: list[str]) -> bool:
    """Markup that is HTML rather than XML (a page, a template)."""
    return html_markup("\n".join(lines[:20]))
