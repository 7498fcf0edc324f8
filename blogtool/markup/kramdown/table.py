"""Block rule: kramdown tables (replaces markdown-it's GFM table rule).

kramdown reads a table differently from GFM:

* every line holding an unescaped ``|`` (outside code spans) is a row; no separator line is
  needed (a table without one has only a body);
* the first separator line (``|---|:-:|``) after rows makes them the header and gives the
  alignment; later ones start a new ``<tbody>``; a ``|===|`` line starts the footer;
* a table must stand alone: a blank line (or the start of its container, an IAL, ``^``)
  before it and after it, otherwise the lines are a paragraph;
* rows may have any number of cells; short rows are padded with empty cells, and an empty
  cell holds a no-break space;
* alignment is written ``style="text-align: left"``.
"""
from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

from .attrs import ALD, BLOCK_IAL
from .boundary import after_boundary

_SEP = re.compile(r"^[+|: \t-]*-[+|: \t-]*$")
_FOOT = re.compile(r"^[+|: \t=]*=[+|: \t=]*$")
_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_TICKS = re.compile(r"`+")


def _has_pipe(text: str) -> bool:
    return text.startswith("|") or re.search(r"[^\\]\|", text) is not None


def split_cells(row: str) -> list[str]:
    """Cells of a row: split at ``|`` outside code spans; ``\\|`` is a literal pipe."""
    cells: list[str] = [""]
    i, n = 0, len(row)
    while i < n:
        ch = row[i]
        if ch == "`":
            run = _TICKS.match(row, i)
            assert run is not None
            ticks = run.group(0)
            close = re.compile(rf"(?<!`){ticks}(?!`)").search(row, run.end())
            if close:
                cells[-1] += row[i:close.end()]
                i = close.end()
                continue
            cells[-1] += ticks
            i = run.end()
            continue
        if ch == "\\" and row.startswith("\\|", i):
            cells[-1] += "|"
            i += 2
            continue
        if ch == "|":
            cells.append("")
        else:
            cells[-1] += ch
        i += 1
    return cells


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _boundary(state: StateBlock, line: int) -> bool:
    """A blank line, an IAL or ALD line or ``^`` (or nothing) at ``line``."""
    if line < 0 or state.isEmpty(line):
        return True
    text = _line(state, line)
    return text.rstrip() == "^" or bool(BLOCK_IAL.match(text) or ALD.match(text))


def kramdown_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if state.src.find("|", state.bMarks[start], state.eMarks[start]) < 0:
        return False
    first = _line(state, start)
    if not _has_pipe(first):
        return False
    if not after_boundary(state, start):
        return False
    line = start
    while line < end and not state.isEmpty(line) and \
            state.sCount[line] - state.blkIndent < 4 and _has_pipe(_line(state, line)):
        line += 1
    if line < end and not _boundary(state, line):
        return False
    leading = first.lstrip().startswith("|")
    groups: list[tuple[str, list[list[str]]]] = []     # (section, rows)
    rows: list[list[str]] = []
    align: list[str] | None = None
    footer = False
    columns = 0

    def close(kind: str, force: bool = False) -> None:
        nonlocal rows
        if not footer or kind != "tbody" or force:
            groups.append((kind, rows))
            rows = []

    for k in range(start, line):
        text = _line(state, k).rstrip()
        if _SEP.match(text):
            if not rows:
                continue
            if align is None and not footer:
                close("thead")
                align = []
                for left, right in _ALIGN.findall(text):
                    align.append("" if not left and not right else
                                 "left" if not right else "right" if not left else "center")
            else:
                close("tbody")
            continue
        if _FOOT.match(text):
            if rows:
                close("tbody", True)
            footer = True
            continue
        cells = split_cells(text)
        if leading and cells and not cells[0].strip():
            cells.pop(0)
        if cells and not cells[-1].strip():
            cells.pop()
        columns = max(columns, len(cells))
        rows.append([c.strip() for c in cells])
    last_text = _line(state, line - 1).rstrip()
    if not (_SEP.match(last_text) or _FOOT.match(last_text)) and len(split_cells(last_text)) < 2:
        return False                         # kramdown: the last line's pipe is in code only
    if rows:
        close("tfoot" if footer else "tbody")
    if not any(kind == "tbody" for kind, _ in groups):
        return False
    if silent:
        return True
    alignment = (align or [])[:columns]
    alignment += [""] * (columns - len(alignment))
    token = state.push("table_open", "table", 1)
    token.map = [start, line]
    for kind, body in groups:
        if not body:
            continue
        state.push(f"{kind}_open", kind, 1)
        cell_tag = "th" if kind == "thead" else "td"
        for row in body:
            state.push("tr_open", "tr", 1)
            for c in range(columns):
                cell = state.push(f"{cell_tag}_open", cell_tag, 1)
                if alignment[c]:
                    cell.attrs["style"] = f"text-align: {alignment[c]}"
                inline = state.push("inline", "", 0)
                # kramdown writes a no-break space into an empty cell
                inline.content = (row[c] if c < len(row) else "") or "\u00a0"
                inline.children = []
                state.push(f"{cell_tag}_close", cell_tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)
    state.line = line
    return True

