"""The template's tokens as Liquid reads them, where python-liquid's tokenizer differs.

* ``{%-`` and ``-%}`` trim ASCII whitespace only: an ideographic space (U+3000) or a no-break
  space next to them stays (python-liquid trims every Unicode space).
* Text made only of such spaces between two trimming tags is kept
  (``{%- if x -%}\u3000{%- endif -%}`` writes the space).
* Markup after a block's end tag is ignored (``{% endhighlight java %}``, ``{% endif foo %}``).
* The text after the last tag is kept whole (python-liquid loses its final newline after a
  ``-%}``).
"""
from __future__ import annotations

from collections.abc import Iterable

from liquid.token import TOKEN_CONTENT, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG, Token

_RUBY_SPACE = " \t\n\v\f\r"


def _ruby_trimmed(token: Token, following: Token) -> Token:
    """Text next to ``{%-``/``-%}`` trimmed of ASCII whitespace only, as Ruby's strip: an
    ideographic space (U+3000) or a no-break space stays (python-liquid strips them)."""
    source, start = token.source, token.start_index
    if not source or start < 0 or following.kind not in (TOKEN_TAG, TOKEN_OUTPUT):
        return token
    marker = "{{" if following.kind == TOKEN_OUTPUT else "{%"
    end = source.rfind(marker, start, following.start_index + 2)
    if end < 0:
        return token
    raw = source[start:end]
    if "{%" in raw or "{{" in raw:
        return token
    left = source[:start].endswith(("-%}", "-}}"))
    right = source.startswith(("{%-", "{{-"), end)
    python = raw.lstrip() if left else raw
    python = python.rstrip() if right else python
    if python != token.value:
        return token
    ruby = raw.lstrip(_RUBY_SPACE) if left else raw
    ruby = ruby.rstrip(_RUBY_SPACE + "\0") if right else ruby
    return token if ruby == token.value else Token(TOKEN_CONTENT, ruby, start, source)


def _markup_span(token: Token) -> tuple[int, int] | None:
    """Where a tag (from ``{%`` to ``%}``) or an output statement is in its source."""
    source, start = token.source, token.start_index
    if not source or start < 0:
        return None
    if token.kind == TOKEN_OUTPUT:
        return start, start + len(token.value)
    begin = source.rfind("{%", 0, start + 1)
    end = source.find("%}", start)
    return (begin, end + 2) if begin >= 0 and end >= 0 else None


def _restore_gaps(tokens: list[Token]) -> list[Token]:
    """Text between two tags (or after the last) that python-liquid's Unicode strip removed
    whole, though Ruby keeps it (``{%- if x -%}\u3000{%- endif -%}``)."""
    out: list[Token] = []
    last: tuple[int, int] | None = None
    for token in tokens:
        if token.kind in (TOKEN_TAG, TOKEN_OUTPUT):
            span = _markup_span(token)
            if span and not out:   # text before the first tag
                gap = _gap_token(token.source, 0, span[0])
                if gap is not None:
                    out.append(gap)
            if span and last and out and out[-1].kind in (TOKEN_TAG, TOKEN_OUTPUT,
                                                            TOKEN_EXPRESSION):
                gap = _gap_token(token.source, last[1], span[0])
                if gap is not None:
                    out.append(gap)
            last = span
        elif token.kind != TOKEN_EXPRESSION:
            last = None
        out.append(token)
    if last and out and out[-1].kind in (TOKEN_TAG, TOKEN_OUTPUT, TOKEN_EXPRESSION):
        gap = _gap_token(out[-1].source, last[1], len(out[-1].source))
        if gap is not None:
            out.append(gap)
    return out


def _gap_token(source: str, start: int, end: int) -> Token | None:
    gap = source[start:end]
    if not gap or gap.strip() or "{" in gap:
        return None   # python-liquid keeps text that is not all whitespace
    if source[:start].endswith(("-%}", "-}}")):
        gap = gap.lstrip(_RUBY_SPACE)
    if source.startswith(("{%-", "{{-"), end):
        gap = gap.rstrip(_RUBY_SPACE + "\0")
    return Token(TOKEN_CONTENT, gap, start, source) if gap else None


def tokens_as_liquid_reads_them(tokens: Iterable[Token]) -> list[Token]:
    """Tokens as Ruby Liquid reads them: markup after a block's end tag is ignored
    (``{% endhighlight java %}``, ``{% endif foo %}``), and the text after the last tag is
    kept whole (python-liquid loses its final newline after a ``-%}``)."""
    out: list[Token] = []
    for token in tokens:
        if (token.kind == TOKEN_EXPRESSION and out and out[-1].kind == TOKEN_TAG
                and out[-1].value.startswith("end")):
            continue
        out.append(token)
    for k, token in enumerate(out):
        if token.kind == TOKEN_CONTENT and k + 1 < len(out):
            out[k] = _ruby_trimmed(token, out[k + 1])
    out = _restore_gaps(out)
    tail = len(out)
    while tail and out[tail - 1].kind == TOKEN_CONTENT:
        tail -= 1
    if tail < len(out) and tail > 0:
        first = out[tail]
        source, start = first.source, first.start_index
        if source and 0 <= start <= len(source):
            text = source[start:]
            if source[:start].endswith(("-%}", "-}}")):
                text = text.lstrip(" \t\n\v\f\r")
            out[tail:] = [Token(TOKEN_CONTENT, text, start, source)] if text else []
    return out


