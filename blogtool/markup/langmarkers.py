"""Line markers of programming languages, for ``detect.py``.

Each language has a few patterns that only (or almost only) its code has: ``def f():`` for
Python, ``:=`` and ``func`` for Go, ``#include`` and ``p->next`` for C, ``std::`` for C++,
``console.log`` and ``=>`` for JavaScript... :func:`marker_counts` counts, per language, the
lines that carry one of its markers. Languages blogtool does not name (TypeScript, Kotlin,
Rust, C#, PHP, Perl, Ruby, Dart, Swift, VB, R, CSS, HTML) have markers too: a block that
shows them is not given one of the named languages by mistake.

Every marker comes with its triggers: words (``def``) or character sequences (``->``) one of
which each of its matches contains. A block is split into words once; only the markers
triggered by its words and sequences are run, so a block costs what its own markers cost,
not what two hundred do.
"""
from __future__ import annotations

import re
from collections import Counter

from .langtable import TABLE as _TABLE

__all__ = ["marker_counts", "NAMED", "html_markup"]

# the languages detect.py may answer from these counts
NAMED = ("python", "go", "javascript", "typescript", "scala", "c", "cpp", "java")

# string literals are kept for these languages' markers (imports, fmt verbs, "#include")
_RAW_LANGS = frozenset({"go", "javascript", "cpp"})
_AS_IS, _RAW, _BARE = 0, 1, 2


class _Marker:
    """One pattern of a language, strong or weak, compiled the first time a block triggers
    it (a process meets a fraction of the markers; compiling all of them took longer than
    detecting the languages of a thousand posts' blocks)."""

    __slots__ = ("_rx", "_source", "lang", "strong", "text")

    def __init__(self, pattern: str, lang: str, strong: bool) -> None:
        self._rx: re.Pattern[str] | None = None
        self._source = _literal_first(pattern)
        self.lang = lang
        self.strong = strong
        # which text it reads: the block as it is (preprocessor lines: "# define" is no
        # comment), without trailing comments, or without comments and string literals
        self.text = (_AS_IS if pattern.startswith(r"^\s*#") else
                     _RAW if lang in _RAW_LANGS else _BARE)

    @property
    def rx(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self._source, re.MULTILINE)
        return rx


_LEAD = re.compile(r"\\b([A-Za-z_]\w*)(?![?*+{])")
_ALTS = re.compile(r"\\b\(\?:((?:[A-Za-z_]\w*(?![?*+{])[^|()]*\|?)+)\)")


def _literal_first(pattern: str) -> str:
    """``pattern`` with a leading ``\\b`` moved behind the word it guards (``\\bTrue`` ->
    ``True(?<!\\wTrue)``), and a line start ``^`` read as the newline before the line (the
    texts searched start with one): a pattern that starts with a literal is searched for as a
    literal, one that starts with ``\\b`` or ``^`` is tried at every character."""
    if pattern.startswith("^"):
        rest = pattern[1:]
        return "\n[ \t]*" + rest[3:] if rest.startswith("\\s*") else "\n" + rest
    m = _LEAD.match(pattern)
    if m:
        word = m.group(1)
        return f"{word}(?<!\\w{word}){pattern[m.end():]}"
    m = _ALTS.match(pattern)
    if m:
        alts = []
        for alt in m.group(1).split("|"):
            word = re.match(r"[A-Za-z_]\w*", alt).group()  # type: ignore[union-attr]
            alts.append(f"{word}(?<!\\w{word}){alt[len(word):]}")
        return f"(?:{'|'.join(alts)}){pattern[m.end():]}"
    return pattern


_MARKERS: dict[str, tuple[tuple[_Marker, ...], tuple[_Marker, ...]]] = {
    lang: (tuple(_Marker(p, lang, True) for _, p in strong),
           tuple(_Marker(p, lang, False) for _, p in weak))
    for lang, (strong, weak) in _TABLE.items()}


_WHOLE_WORD = re.compile(r"[A-Za-z]\w*(?<!_)")


def _index() -> tuple[dict[str, tuple[_Marker, ...]], tuple[tuple[str, tuple[_Marker, ...]], ...]]:
    by_word: dict[str, list[_Marker]] = {}
    by_text: dict[str, list[_Marker]] = {}
    for lang, (strong, weak) in _TABLE.items():
        for markers, table in ((_MARKERS[lang][0], strong), (_MARKERS[lang][1], weak)):
            for marker, (triggers, _) in zip(markers, table, strict=True):
                for trigger in triggers.split():
                    if _WHOLE_WORD.fullmatch(trigger):
                        by_word.setdefault(trigger, []).append(marker)
                    else:
                        by_text.setdefault(trigger.lstrip("~"), []).append(marker)
    return ({w: tuple(m) for w, m in by_word.items()},
            tuple((t, tuple(m)) for t, m in by_text.items()))


_BY_WORD, _BY_TEXT = _index()
_WORDS = frozenset(_BY_WORD)
_WORD = re.compile(r"\w+")
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`[^`\n]*`')
# trailing comments ("//=> [1, 2]", "# => {3, 4}", "#=> 8") say nothing about the language
_COMMENT = re.compile(r"(?:^|[ \t])(?://|#[ \t]|#=>).*$", re.MULTILINE)
_LINE_CAP = 120          # a line's first 120 characters show its language
_MARKER_LINES = 24       # and a block's first 24 lines


def marker_counts(lines: list[str]) -> Counter[str]:
    """Per language, the marker score of the first lines: 2 for a line with a strong marker,
    1 for a line with only weak ones (string literals and trailing comments blanked, except
    for Go, JavaScript and C++). A match counts for the line it starts on. When one language
    alone has strong markers, on three lines or more, the weak ones do not count: nothing
    could outweigh it."""
    block = "\n".join(line[:_LINE_CAP] for line in lines[:_MARKER_LINES])
    found: set[_Marker] = set()
    for word in _WORDS.intersection(_WORD.findall(block)):
        found.update(_BY_WORD[word])
    for text, markers in _BY_TEXT:
        if text in block:
            found.update(markers)
    counts: Counter[str] = Counter()
    if not found:
        return counts
    commented = "//" in block or "#" in block
    raw = _COMMENT.sub("", block) if commented else block
    if '"' in block or "'" in block or "`" in block:
        bare = _STRINGS.sub('""', block)
        bare = _COMMENT.sub("", bare) if commented else bare
    else:
        bare = raw
    texts = ("\n" + block, "\n" + raw, "\n" + bare)     # a newline before every line
    strong = _lines_hit(texts, [m for m in found if m.strong])
    if len(strong) == 1:
        (lang, hit), = strong.items()
        if len(hit) >= 3:
            counts[lang] = 2 * len(hit)
            return counts
    weak = _lines_hit(texts, [m for m in found if not m.strong])
    for lang in strong.keys() | weak.keys():
        hit = strong.get(lang, set())
        counts[lang] = 2 * len(hit) + len(weak.get(lang, set()) - hit)
    return counts


def _lines_hit(texts: tuple[str, str, str], markers: list[_Marker]) -> dict[str, set[int]]:
    """Per language, the lines (0-based) on which one of ``markers`` starts a match."""
    hit: dict[str, set[int]] = {}
    for marker in markers:
        text = texts[marker.text]
        for m in marker.rx.finditer(text):
            hit.setdefault(marker.lang, set()).add(text.count("\n", 0, m.start()))
    return hit


def html_markup(text: str) -> bool:
    """True when ``text`` has an HTML element, doctype, JSP directive or JSX attribute."""
    text = "\n" + text
    return any(marker.rx.search(text) for marker in _MARKERS["html"][0])
