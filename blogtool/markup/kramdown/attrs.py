"""kramdown attribute lists: the one parser for block IALs, span IALs, ALDs and extension tags.

An attribute list is the text between ``{:`` and ``}`` (``{: .cls #id key="v" ref}``). Its items
are separated by whitespace; anything that is not one of the four item kinds is ignored:

* ``.name`` adds a class (appended to the classes already there), ``#name`` sets the id; several
  may be written together (``.a.b#c``);
* ``key="value"`` / ``key='value'`` sets an attribute (``\\"`` and ``\\}`` escape), later wins;
  ``class="x"`` replaces the classes gathered so far;
* a bare name is a reference to an ALD (``{:name: ...}``), resolved when the list is applied.

:class:`AttrList` keeps the items in source order so applying them gives kramdown's attribute
order; :func:`apply_attrs` resolves references (the ALD's attributes first, then the list's own).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field

_NAME = r"\w[\w-]*"
_ITEM = re.compile(
    r"(?:\A|\s)(?:"
    rf"(?P<key>{_NAME})=(?P<q>[\"'])(?P<val>(?:\\\}}|\\(?P=q)|[^}}])*?)(?P=q)"
    rf"|(?P<ref>{_NAME})"
    r"|(?P<idcls>(?:#[A-Za-z][\w:-]*|\.[^\s.#]+)+)"
    r")(?=\s|\Z)", re.ASCII)
_ID_OR_CLASS = re.compile(r"#([A-Za-z][\w:-]*)|\.([^\s.#]+)", re.ASCII)

# Whole-line forms, matched from the first non-blank character of a line (callers check that
# the indentation is at most three spaces) to its end.
_ANY = r"(?:\\\}|[^}])"
BLOCK_IAL = re.compile(rf"\{{:(?![:/])({_ANY}+)\}}\s*$", re.ASCII)
ALD = re.compile(rf"\{{:({_NAME}):({_ANY}+)\}}\s*$", re.ASCII)
EXT_START = re.compile(rf"\{{::(\w+)(?:\s({_ANY}*?)|)(/)?\}}\s*$", re.ASCII)
EXT_STOP = re.compile(rf"\{{:/({_NAME})?\}}\s*$", re.ASCII)
# In running text (span IALs and span extensions), matched at a position.
SPAN_IAL = re.compile(rf"\{{:({_ANY}+)\}}", re.ASCII)
SPAN_EXT_START = re.compile(rf"\{{::(\w+)(?:\s({_ANY}*?)|)(/)?\}}", re.ASCII)
SPAN_EXT_STOP = re.compile(rf"\{{:/({_NAME})?\}}", re.ASCII)


@dataclass
class AttrList:
    """Parsed items of one attribute list, in source order."""
    attrs: dict[str, str] = field(default_factory=dict)   # "class" holds the joined classes
    refs: list[str] = field(default_factory=list)
    valid: bool = True                                    # False: nothing recognisable

    def update(self, other: AttrList) -> None:
        """Add ``other``'s items after this list's (two IALs on one element)."""
        self.refs.extend(other.refs)
        for key, value in other.attrs.items():
            _set(self.attrs, key, value)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


def _set(attrs: MutableMapping[str, str], key: str, value: str) -> None:
    if key == "class":
        attrs["class"] = f"{attrs.get('class', '')} {value}".lstrip()
    else:
        attrs[key] = value


def parse_attr_list(text: str, into: AttrList | None = None) -> AttrList:
    """Parse the inside of ``{:...}`` (the part after ``{:`` or ``{:name:``)."""
    result = into if into is not None else AttrList()
    if not text.strip() or text.strip() == ":":
        return result
    found = False
    for m in _ITEM.finditer(text):
        found = True
        if m.group("ref"):
            result.refs.append(m.group("ref"))
        elif m.group("idcls"):
            for ident, cls in _ID_OR_CLASS.findall(m.group("idcls")):
                if cls:
                    _set(result.attrs, "class", cls)
                else:
                    result.attrs["id"] = ident
        else:
            q = m.group("q")
            value = re.sub(r"\\([}" + q + "])", r"\1", m.group("val"))
            result.attrs[m.group("key")] = value
    if not found:
        result.valid = False
    return result


def resolve(ial: AttrList, alds: Mapping[str, AttrList],
            _seen: frozenset[str] = frozenset()) -> dict[str, str]:
    """The attributes ``ial`` gives, ALD references expanded (unknown names are ignored)."""
    out: dict[str, str] = {}
    for ref in ial.refs:
        ald = alds.get(ref)
        if ald is not None and ref not in _seen:
            for key, value in resolve(ald, alds, _seen | {ref}).items():
                _set(out, key, value)
    for key, value in ial.attrs.items():
        _set(out, key, value)
    return out


def apply_attrs(target: MutableMapping[str, str], ial: AttrList,
                alds: Mapping[str, AttrList]) -> None:
    """Put ``ial``'s attributes on an element's attributes (classes are appended)."""
    for key, value in resolve(ial, alds).items():
        _set(target, key, value)
