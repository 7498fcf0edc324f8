"""CJK-friendly Markdown rules for markdown-it-py: emphasis, soft breaks, smart quotes, heading ids.

CommonMark's emphasis rules leave ``**注意：**这里`` as literal asterisks, a newline between two
Chinese characters renders as a stray space, and the smart-quote rule leaves (markdown-it) or
flips (Jekyll/kramdown) the quotes in ``和"直引号"``. Old Jekyll posts were written against
kramdown, which is loose about emphasis, so a CommonMark renderer without these fixes visibly
breaks them. One module per rule:

* :mod:`.emphasis`: ``*``/``**``/``~~`` flanking under the CJK-friendly amendments to CommonMark;
* :mod:`.breaks`: soft breaks between wide (non-Hangul) characters disappear;
* :mod:`.quotes`: a straight quote after a CJK character opens or closes as after punctuation;
* :mod:`.heading_ids`: Jekyll's (kramdown GFM) heading ids;
* :mod:`.chars`: the character classes they share.

:func:`cjk_plugin` installs the first three through ``md``'s rulers only: no library code is
patched and every other ``MarkdownIt`` instance in the process is untouched.
"""
from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt

from .breaks import cjk_breaks
from .chars import is_cjk, is_cjk_char_code
from .emphasis import emphasis_rule, strikethrough_rule
from .heading_ids import drop_empty_heading_ids, heading_ids_plugin, heading_slug
from .quotes import cjk_smartquotes

__all__ = [
    "cjk_plugin",
    "drop_empty_heading_ids",
    "heading_ids_plugin",
    "heading_slug",
    "is_cjk",
    "is_cjk_char_code",
]


def _install_core_rule(md: MarkdownIt, name: str, rule: Any, before: str) -> None:
    """Put ``rule`` before ``before`` (or last), or swap it in if ``name`` is there already,
    so installing twice leaves one copy."""
    names = md.core.ruler.get_all_rules()
    if name in names:
        md.core.ruler.at(name, rule)
    elif before in names:
        md.core.ruler.before(before, name, rule)
    else:
        md.core.ruler.push(name, rule)


def cjk_plugin(
    md: MarkdownIt, *, emphasis: bool = True, breaks: bool = True, quotes: bool = True
) -> None:
    """Make ``md`` CJK-friendly.

    ``emphasis``: CJK-friendly ``*``/``**``/``~~`` flanking (the library's pairing and
    post-processing stay). ``breaks``: drop soft breaks between CJK characters (a core rule
    before ``text_join``). ``quotes``: CJK-aware smart-quote direction; it only has an effect
    when ``typographer`` is on and the ``smartquotes`` rule is enabled (its enabled state is
    kept).
    """
    if emphasis:
        md.inline.ruler.at("emphasis", emphasis_rule)
        md.inline.ruler.at("strikethrough", strikethrough_rule)
    if quotes:
        md.core.ruler.at("smartquotes", cjk_smartquotes)
    if breaks:
        _install_core_rule(md, "cjk_breaks", cjk_breaks, before="text_join")
