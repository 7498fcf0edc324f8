"""Front matter: Jekyll's split rule, PyYAML with Psych's semantics, and Jekyll's fix-ups.

Kept apart from discovery so that it stays a set of pure functions over text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import rubytime
from ..errors import BuildError
from .sourcefiles import load_yaml

# Jekyll: %r!\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)!m  (Ruby /m is Python DOTALL)
_FRONT_MATTER = re.compile(r"\A(---[ \t\r]*\n.*?\n?)^((?:---|\.\.\.)[ \t\r]*$\n?(?:[ \t\r]*\n)*)",
                           re.M | re.S)
_HEADER = re.compile(rb"\A---[ \t]*\r?\n")
_HAS_LIQUID_VALUE = re.compile(r"\{\{|\{%")


def has_front_matter(raw: bytes) -> bool:
    """Jekyll's page test, made on the raw bytes: the first line is ``---``."""
    return bool(_HEADER.match(raw))


@dataclass(frozen=True)
class Split:
    data: dict
    body: str
    body_line: int          # 1-based line of the file where ``body`` starts
    found: bool             # a front matter block was present
    key_lines: dict = field(default_factory=dict)   # top-level key -> line in the file


_KEY = re.compile(r"^([^\s#:\-\[{][^:]*?)\s*:(?:\s|$)")


def key_lines(yaml_text: str) -> dict[str, int]:
    """Lines of the top-level keys (the file's ``---`` is line 1), for messages."""
    lines: dict[str, int] = {}
    for number, line in enumerate(yaml_text.split("\n"), 2):
        m = _KEY.match(line)
        if m:
            lines.setdefault(m.group(1), number)
    return lines


def split(text: str, path: str) -> Split:
    """Split ``text`` into front matter data and body.

    An unclosed block is no front matter at all (Jekyll treats the whole file as content).
    A YAML error raises :class:`BuildError` with the file's line; the caller decides whether
    Jekyll would stop or skip.
    """
    text_lf = text
    m = _FRONT_MATTER.match(text_lf)
    if not m:
        return Split({}, text, 1, False)
    header = m.group(1)
    yaml_text = header.split("\n", 1)[1] if "\n" in header else ""
    body = text_lf[m.end():]
    body_line = text_lf.count("\n", 0, m.end()) + 1
    data = load_front_matter(yaml_text, path)
    return Split(data, body, body_line, True, key_lines(yaml_text))


def without_data(text: str) -> Split:
    """``text`` as Jekyll uses a file whose front matter YAML failed to load: no data, the
    body after the block."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return Split({}, text, 1, False)
    return Split({}, text[m.end():], text.count("\n", 0, m.end()) + 1, True)


def load_front_matter(yaml_text: str, path: str) -> dict:
    """YAML to a mapping; a non-mapping block is an error with its line."""
    yaml_text = yaml_text.replace("\r\n", "\n")
    try:
        data = load_yaml(yaml_text, path, line_offset=1)
    except BuildError:
        repaired = _repair_liquid_values(yaml_text)
        if repaired is None:
            raise
        data = load_yaml(repaired, path, line_offset=1)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BuildError(path, 2, "the front matter is not a mapping of keys to values")
    return {str(k): v for k, v in data.items()}


_LIQUID_LINE = re.compile(r"^(\s*[^:#\s][^:]*?\s*:\s+)(\{\{.*|\{%.*)$")


def _repair_liquid_values(yaml_text: str) -> str | None:
    """``title: {{ site.name }}`` is a YAML flow mapping error that Jekyll/Psych accepts as the
    string ``{{ site.name }}`` (Psych reads ``{{...}}`` as a nested map and Jekyll renders it);
    quote such values so PyYAML reads them as text."""
    changed = False
    lines = []
    for line in yaml_text.split("\n"):
        m = _LIQUID_LINE.match(line)
        if m:
            value = m.group(2).replace("'", "''")
            line = f"{m.group(1)}'{value}'"
            changed = True
        lines.append(line)
    return "\n".join(lines) if changed else None


# --- Jekyll's fix-ups on the loaded data ------------------------------------------------------

def _flat(values: list) -> list:
    """Ruby's ``flatten``."""
    out: list = []
    for v in values:
        out.extend(_flat(v) if isinstance(v, list) else [v])
    return out


def _plural(data: dict, key: str) -> Any:
    """Jekyll's ``value_from_plural_key``: a string split on whitespace, a list without its
    nils, anything else nothing."""
    value = data.get(key)
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return None


def _pluralized(data: dict, singular: str, plural: str) -> list:
    """Jekyll's ``pluralized_array_from_hash``: the singular key's value as one item (never
    split), else the plural key's; flattened, nils dropped."""
    value = data.get(singular)
    if value is None or value is False:
        value = _plural(data, plural)
    return [v for v in _flat([value]) if v is not None]


def _key(value: Any) -> tuple[str, str]:
    return type(value).__name__, repr(value)


def _union(a: list, b: list) -> list:
    """Ruby's ``Array#|``: order kept, duplicates (by type and value) dropped."""
    seen: set = set()
    out = []
    for v in a + b:
        k = _key(v)
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out


def categories_of(data: dict, path_categories: list[str]) -> list:
    """``page.categories`` as Jekyll builds it: the folder categories, united with a
    ``categories`` list (a string is split); then ``category`` (one value, never split) or
    ``categories`` again, each stringified with Ruby's ``to_s`` (a nested list becomes its
    ``inspect`` text as well as its flattened items) and de-duplicated; that result is united
    with the list once more, so non-string items stay in it too."""
    merged: Any = list(path_categories)
    if "categories" in data:
        value = data["categories"]
        if isinstance(value, str):
            value = value.split()
        merged = _union(merged, value) if isinstance(value, list) else value
    first = merged if isinstance(merged, list) else ([] if merged is None else [merged])
    final = _union([], [rubytime.to_s(v) for v in first + _pluralized(
        data, "category", "categories")])
    result = _union(merged, final) if isinstance(merged, list) else final
    # site.categories is keyed by category: a list or mapping item (from a nested list) is
    # kept as its to_s text, which Jekyll adds to the list anyway
    return _union([], [rubytime.to_s(c) if isinstance(c, (list, dict)) else c for c in result])


def tags_of(data: dict) -> list:
    """``tag`` (one value) beats ``tags`` (a string is split); flattened, nils dropped;
    neither stringified nor de-duplicated."""
    return _pluralized(data, "tag", "tags")


def mentions_liquid(text: str) -> bool:
    return "{{" in text or "{%" in text
