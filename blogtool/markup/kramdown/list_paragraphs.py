"""Core rule (after block parsing): which list items wrap their text in ``<p>``, per item.

CommonMark makes a whole list loose or tight; kramdown decides for each item. An item's first
paragraph is written bare when

* no blank line follows it inside the item (or nothing else does), or the item is the list's
  last and holds only that paragraph and blank lines (unless ``^`` ends the list), and
* the item is not the last one, or the list has one item, or an earlier item is written bare
  or does not start with a paragraph.

Blank lines between items belong to the item before them.
"""
from __future__ import annotations

from markdown_it.rules_core import StateCore

from .tokens import closing


def list_paragraphs(state: StateCore) -> None:
    tokens = state.tokens
    if not any(t.type in ("bullet_list_open", "ordered_list_open") for t in tokens):
        return
    lines = state.src.split("\n")

    def blank(k: int) -> bool:
        return 0 <= k < len(lines) and not lines[k].strip()

    for i, tok in enumerate(tokens):
        if tok.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        end = closing(tokens, i)
        items = [j for j in range(i + 1, end) if tokens[j].type == "list_item_open"
                 and tokens[j].level == tok.level + 1]
        eob = end + 1 < len(tokens) and tokens[end + 1].type == "kramdown_eob"
        bare_before = False
        for n, j in enumerate(items):
            last = n == len(items) - 1
            para = tokens[j + 1]
            if para.type != "paragraph_open" or not para.map:
                bare_before = True           # kramdown: "does not start with a paragraph"
                continue
            para_close = closing(tokens, j + 1)
            item_close = closing(tokens, j)
            others = item_close - para_close > 1
            next_map = None if last else tokens[items[n + 1]].map
            blank_after = blank(para.map[1]) and (next_map is None or para.map[1] < next_map[0])
            first_ok = (not blank_after) or (last and not others and not eob)
            position_ok = not last or len(items) == 1 or bare_before
            bare = first_ok and position_ok
            para.hidden = tokens[para_close].hidden = bare
            if bare:
                bare_before = True
