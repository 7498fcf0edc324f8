"""python-liquid's template tokenizer with a faster pattern for the text between tags.

The tokenizer matches, at each position, a raw block, a doc block, an output statement, a tag
or, last, text: the shortest run of at least one character that ends where ``{%`` or ``{{``
starts, at the end, or before a final newline. python-liquid finds that end by trying the
lookahead after every character, which is most of the time spent parsing a post (a post is
mostly text). Here the text alternative takes its first character, then whole runs of
characters that cannot end it (no ``{``, no newline) and single ``{`` or newline characters
that do not end it, so the lookahead is tried once: the same tokens, about twice as fast
(``tests/test_liquid_textscan.py`` compares both).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from liquid.lex import _tokenize_template, get_lexer
from liquid.token import Token

__all__ = ["template_tokenizer"]

_TEXT_GROUP = "(?P<content>"
# the text alternative: one character, then characters that cannot end the text, then the
# same end test as python-liquid's (which sets the ``rstrip`` group it reads)
_TEXT = (_TEXT_GROUP + r".(?:[^{\n]+|\{(?![{%])|\n(?!\Z))*"
         r"(?=((\{%|\{\{)(?P<rstrip>-?))|$))")


@lru_cache(maxsize=8)
def template_tokenizer(tag_start: str = "{%", tag_end: str = "%}", out_start: str = "{{",
                       out_end: str = "}}") -> Callable[[str], Iterator[Token]]:
    """The tokenizer python-liquid uses for these delimiters, with the faster text pattern
    when its pattern ends with the text alternative as expected (else python-liquid's own)."""
    stock = get_lexer(tag_start, tag_end, out_start, out_end, "", "")
    rules = getattr(stock, "keywords", {}).get("rules")
    if (tag_start, tag_end, out_start, out_end) != ("{%", "%}", "{{", "}}") or \
            not isinstance(rules, re.Pattern) or rules.pattern.count(_TEXT_GROUP) != 1:
        return stock
    head, tail = rules.pattern.split(_TEXT_GROUP)
    if not head.endswith("|") or re.findall(r"\(\?P<(\w+)>", tail) != ["rstrip"]:
        return stock
    return partial(_tokenize_template, rules=re.compile(head + _TEXT, rules.flags))
