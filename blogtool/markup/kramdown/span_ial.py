"""kramdown span IALs: ``{: .cls #id key="v"}`` written right after a span element gives it
attributes: emphasis, strong, strikethrough, code spans, links and images
(``![x](a.png){: width="50%"}``, ``[a](b){:target="_blank"}``, ``*a*{:.c}``).

Classes add up, other attributes replace (so ``title`` overrides a link's title); several lists
in a row apply in turn; references to ALDs (``{:name}``) are resolved from
``env["kramdown_alds"]``. After plain text (or a space) the list stays text, as in kramdown;
``\\{:`` is an escaped brace. Attributes on a code span follow Jekyll's Rouge setup: a
``language-x`` class makes Rouge highlight the span, otherwise it is plain text and gets
``language-plaintext ... highlighter-rouge``.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from ..highlight import DEFAULT_ROUGE, RougeOptions, escape_code, find_lexer, inline_spans
from .attrs import SPAN_IAL, AttrList, apply_attrs, parse_attr_list
from .span_html import START_TAG

__all__ = ["span_ial_plugin"]

# Elements closed by these tokens take attributes on their opening token.
_CLOSERS = {"em_close": "em_open", "strong_close": "strong_open", "s_close": "s_open",
            "link_close": "link_open"}
# Elements that are one token.
_SINGLE = frozenset(("image", "code_inline"))
# Elements kramdown attaches a list to but whose HTML shows no attributes here.
_SWALLOW = frozenset(("math_inline", "kd_footnote_ref"))


def span_ial(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if src[pos] != "{" or not src.startswith(":", pos + 1) or src.startswith(("::", ":/"),
                                                                              pos + 1):
        return False
    m = SPAN_IAL.match(src, pos, state.posMax)
    if m is None:
        return False
    if not silent:
        token = state.push("kd_span_ial", "", 0)
        token.content = m.group(0)
        token.meta = {"ial": parse_attr_list(m.group(1))}
    state.pos = m.end()
    return True


def _opening(tokens: list[Token], close: int, open_type: str) -> int | None:
    depth = 0
    for j in range(close, -1, -1):
        tok = tokens[j]
        if tok.type == tokens[close].type:
            depth += 1
        elif tok.type == open_type:
            depth -= 1
            if depth == 0:
                return j
    return None


def _target(tokens: list[Token], i: int) -> int | None:
    """The token an IAL at ``i`` applies to (skipping IALs applied before it)."""
    j = i - 1
    while j >= 0 and (tokens[j].type == "kd_span_ial" and tokens[j].meta.get("applied")
                      or tokens[j].type == "text" and not tokens[j].content):
        j -= 1      # earlier lists on the same element; what is left of a ** or ~~ pair
    if j < 0:
        return None
    tok = tokens[j]
    if tok.type in _CLOSERS:
        return _opening(tokens, j, _CLOSERS[tok.type])
    if tok.type in _SINGLE or tok.type in _SWALLOW:
        return j
    if tok.type == "html_inline":
        return _html_opening(tokens, j)
    return None


_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)")
_ATTR = re.compile(r"""\s([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _html_opening(tokens: list[Token], j: int) -> int | None:
    """The start tag an IAL after inline HTML applies to: the tag itself, or the start tag
    matching the end tag just before the IAL."""
    m = _TAG.match(tokens[j].content)
    if m is None:
        return None
    if not m.group(1):
        return j
    name = m.group(2).lower()
    depth = 0
    for k in range(j, -1, -1):
        if tokens[k].type != "html_inline":
            continue
        t = _TAG.match(tokens[k].content)
        if t is None or t.group(2).lower() != name:
            continue
        depth += 1 if t.group(1) else -1
        if depth == 0:
            return k
    return None


def _html_with_attrs(content: str, ial: AttrList, alds: Any) -> str:
    """An element's start tag with an attribute list applied (classes added, others
    replaced); ``content`` may go on after the start tag (a raw element such as <kbd>)."""
    start = START_TAG.match(content)
    if start is None:
        return content
    tag, rest = content[:start.end()], content[start.end():]
    m = _TAG.match(tag)
    assert m is not None
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    attrs: dict[str, str] = {}
    for a in _ATTR.finditer(tag, m.end(), end):
        value = next((v for v in a.groups()[1:] if v is not None), "")
        attrs[a.group(1)] = html.unescape(value)
    apply_attrs(attrs, ial, alds)
    rendered = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())
    return f"<{m.group(2)}{rendered}{tag[end:]}{rest}"


def apply_span_ials(state: StateInline) -> None:
    """Inline post-processing (after emphasis pairing): attach or give back as text."""
    if "{:" not in state.src:
        return
    tokens = state.tokens
    alds = state.env.get("kramdown_alds") or {}
    for i, tok in enumerate(tokens):
        if tok.type != "kd_span_ial":
            continue
        target = _target(tokens, i)
        if target is None:
            tok.type = "text"
            tok.meta = {}
            continue
        tok.meta["applied"] = True
        element = tokens[target]
        if element.type in _SWALLOW:
            continue
        if element.type == "html_inline":
            element.content = _html_with_attrs(element.content, tok.meta["ial"], alds)
            continue
        attrs: dict[str, str] = {k: str(v) for k, v in element.attrs.items()}
        apply_attrs(attrs, tok.meta["ial"], alds)
        element.attrs = dict(attrs)


def _code_renderer(previous: Callable[..., str], highlight: bool,
                   rouge: RougeOptions) -> Callable[..., str]:
    highlight = highlight and not rouge.disable
    plain = not rouge.default_lang and highlight

    def render(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        token = tokens[idx]
        if not token.attrs and plain:
            return str(previous(tokens, idx, options, env))  # a bound render rule
        attrs = {k: str(v) for k, v in token.attrs.items()}
        classes = attrs.get("class", "").split()
        lang = next((c[len("language-"):] for c in classes if c.startswith("language-")), None)
        body = escape_code(token.content)
        if highlight:
            if lang is None and rouge.default_lang:
                lang = rouge.default_lang
                classes = [f"language-{lang}", *classes]
            if lang is None:
                classes = ["language-plaintext", *classes, "highlighter-rouge"]
            else:
                lexer = find_lexer(lang)
                if lexer is not None:
                    body = inline_spans(token.content, lexer)
                    classes = [*classes, "highlighter-rouge"]
            attrs["class"] = " ".join(classes)
        rendered = "".join(f' {k}="{escape_code(v).replace(chr(34), "&quot;")}"'
                           for k, v in attrs.items() if v or k != "class")
        return f"<code{rendered}>{body}</code>"

    return render


def span_ial_plugin(md: MarkdownIt, highlight: bool = True,
                    rouge: RougeOptions = DEFAULT_ROUGE) -> None:
    """Install span IALs; call after the code rendering rules are installed."""
    md.inline.ruler.before("text", "kd_span_ial", span_ial)
    md.inline.ruler2.push("kd_span_ial", apply_span_ials)
    md.add_render_rule("kd_span_ial", lambda *args: "")
    previous = md.renderer.rules.get("code_inline")  # type: ignore[attr-defined]
    if previous is not None:
        md.add_render_rule("code_inline", _code_renderer(previous, highlight, rouge))
