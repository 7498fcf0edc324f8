"""Text of an HTML page outside some elements, rewritten piece by piece: what the
html-pipeline filters of jemoji and jekyll-mentions do to the text nodes of ``<body>``."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?>|"
                    r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.S)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_RAW = frozenset({"script", "style"})
_BODY_OPEN = re.compile(r"<body(.*?)>\s*", re.S)


def rewrite_text(html: str, ignored: Iterable[str], rewrite: Callable[[str], str]) -> str:
    """``html`` with ``rewrite`` applied to every text run not inside an ``ignored`` element
    (nor inside script or style)."""
    skip = frozenset(ignored) | _RAW
    out: list[str] = []
    open_tags: list[str] = []
    hidden = 0
    pos = 0
    for m in _TOKEN.finditer(html):
        text = html[pos:m.start()]
        if text:
            out.append(text if hidden else rewrite(text))
        out.append(m.group(0))
        pos = m.end()
        name = (m.group(2) or "").lower()
        if not name or name in _VOID or m.group(0).endswith("/>"):
            continue
        if m.group(1):                          # an end tag closes up to its opener
            if name in open_tags:
                while open_tags:
                    top = open_tags.pop()
                    if top in skip:
                        hidden -= 1
                    if top == name:
                        break
        else:
            open_tags.append(name)
            if name in skip:
                hidden += 1
    tail = html[pos:]
    if tail:
        out.append(tail if hidden else rewrite(tail))
    return "".join(out)


def rewrite_body(output: str, ignored: Iterable[str], rewrite: Callable[[str], str]) -> str:
    """Only the part between ``<body ...>`` and ``</body>`` when the page has a body tag
    (the plugins leave the head alone), else the whole output."""
    if "<body" not in output:
        return rewrite_text(output, ignored, rewrite)
    m = _BODY_OPEN.search(output)
    if m is None:
        return output
    head, rest = output[:m.end()], output[m.end():]
    body, sep, tail = rest.partition("</body>")
    return head + rewrite_text(body, ignored, rewrite) + sep + tail
