"""What the Markdown stage needs to know, as one immutable, picklable value."""
from __future__ import annotations

from dataclasses import dataclass


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

    @property
    def jekyll_exact(self) -> bool:
        return self.compat != "blogtool"
