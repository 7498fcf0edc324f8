"""What Jekyll 4.3.1's render order shows and blogtool does not reproduce."""
from __future__ import annotations

import re
from typing import Any

from .finding import Finding

_QUIET = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}"
                    r"|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
_OWN_CONTENT = re.compile(r"\{\{-?\s*content\s*(?:\|[^}]*)?-?\}\}")
_OTHER_CONTENT = re.compile(r"(\{\{|\{%)[^}]*?\b(?!page\b|layout\b|include\b|site\b)"
                            r"([A-Za-z_]\w*)\.content\b")


def _blank_quiet(text: str) -> str:
    """``text`` with raw and comment bodies blanked (newlines kept, so lines still count)."""
    return _QUIET.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def render_order_findings(sources: Any, includes: list[tuple[str, str]]) -> list[Finding]:
    """Two things Jekyll 4.3.1's rendering shows that blogtool does not reproduce: ``{{ content }}``
    in a post or page's own text (Jekyll fills it with the document it rendered before, through
    its shared payload) and another document's ``content`` read by a layout or include (on an
    older post's page, Jekyll shows a newer post's content as its unrendered source)."""
    out: list[Finding] = []
    for doc in sorted(sources.all_documents(), key=lambda d: d.rel_path):
        if doc.data.get("render_with_liquid", True) is False:
            continue
        text = _blank_quiet(doc.body)
        m = _OWN_CONTENT.search(text)
        if m:
            out.append(Finding(doc.rel_path, doc.body_line + text.count("\n", 0, m.start()),
                               "`{{ content }}` in a document's own text: Jekyll 4.3.1 fills it "
                               "with the document it rendered just before (its payload is "
                               "shared)", "renders it empty"))
    if len(getattr(sources, "posts", ())) < 2:
        return out
    templates = [(layout.rel_path, layout.body, layout.body_line)
                 for layout in sorted(sources.layouts.values(), key=lambda x: x.rel_path)]
    templates += [(rel, text, 1) for rel, text in includes]
    for rel, body, first in templates:
        text = _blank_quiet(body)
        m = _OTHER_CONTENT.search(text)
        if m:
            # a note: whether it shows depends on which pages use the template with which
            # documents (a post page reading its own content is the same in both)
            out.append(Finding(rel, first + text.count("\n", 0, m.start(2)),
                               f"reads a document's content (`{m.group(2)}.content`): where an "
                               f"older post's page reads a newer post's, Jekyll 4.3.1 shows its "
                               f"unrendered source (posts render oldest first)",
                               "shows every document's rendered content", unsupported=False))
    return out
