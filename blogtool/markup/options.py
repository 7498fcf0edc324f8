"""What the Markdown stage needs to know, as one immutable, picklable value."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MarkupOptions:
    # "blogtool" (improvements on), "jekyll" (byte-level Jekyll 4 output), "github-pages"
    compat: str = "blogtool"
    cjk: bool = True                 # CJK-friendly emphasis, soft breaks, quote direction
    code_recovery: bool = True       # under-indented log/code runs become code blocks
    detect_language: bool = True     # unlabelled blocks get a detected language
    highlight: bool = True           # Pygments highlighting of code blocks
    smart_quotes: tuple[str, str, str, str] = ("lsquo", "rsquo", "ldquo", "rdquo")
    typographer: bool = True         # -- -> en dash, ... -> ellipsis, quotes (kramdown default)
    auto_ids: bool = True            # heading ids (kramdown auto_ids)
    hard_wrap: bool = False
    input: str = "GFM"               # kramdown input: "GFM" (Jekyll default) or "kramdown"
    guess_lang: bool = True
    # the site's whole `kramdown:` mapping, frozen by `freeze` (read with `kramdown_option`)
    kramdown: tuple[tuple[str, Any], ...] = ()
    markdown: str = "kramdown"       # Jekyll's `markdown:` (kramdown, CommonMark, GFM)
    commonmark: tuple[tuple[str, Any], ...] = ()   # `commonmark:` (options, extensions), frozen

    def kramdown_option(self, name: str, default: Any = None) -> Any:
        """One `kramdown:` setting as written in the configuration (mappings come back as
        dicts, lists as lists)."""
        for key, value in self.kramdown:
            if key == name:
                return thaw(value)
        return default

    def commonmark_settings(self) -> dict[str, Any]:
        """The `commonmark:` mapping of a jekyll-commonmark site."""
        return {key: thaw(value) for key, value in self.commonmark}

    @property
    def kramdown_syntax(self) -> bool:
        """kramdown's own syntax applies (Jekyll's default); jekyll-commonmark sites
        (`markdown: CommonMark` or `GFM`) get CommonMark without it."""
        return self.markdown.lower() not in ("commonmark", "gfm", "commonmarkghpages")

    @property
    def jekyll_exact(self) -> bool:
        return self.compat != "blogtool"


def freeze(value: Any) -> Any:
    """A configuration value as a hashable one: mappings become sorted tuples of
    ``(key, value)`` pairs tagged ``"map"``, lists tuples tagged ``"list"``."""
    if isinstance(value, dict):
        return ("map", tuple(sorted((str(k), freeze(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(freeze(v) for v in value))
    return value


def thaw(value: Any) -> Any:
    """The inverse of :func:`freeze`."""
    if isinstance(value, tuple) and len(value) == 2 and value[0] in ("map", "list"):
        if value[0] == "map":
            return {k: thaw(v) for k, v in value[1]}
        return [thaw(v) for v in value[1]]
    return value


def freeze_mapping(mapping: Any) -> tuple[tuple[str, Any], ...]:
    """A `kramdown:` mapping for :attr:`MarkupOptions.kramdown`."""
    if not isinstance(mapping, dict):
        return ()
    return tuple(sorted((str(k), freeze(v)) for k, v in mapping.items()))
