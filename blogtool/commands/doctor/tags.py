"""Liquid tags blogtool does not know: the tags its engine parses, a scan of a template for
the others, and the findings (unknown, or ignored as configured)."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...build.plugins import liquid_tags
from ...liquid.engine import LiquidEngine, LiquidSettings
from .finding import Finding

# Liquid tags other plugins add, to name the plugin in the message.
PLUGIN_TAGS = {
    "gist": "jekyll-gist", "include_cached": "jekyll-include-cache", "avatar": "jekyll-avatar",
    "octicon": "jekyll-octicons", "twitter": "jekyll-twitter-plugin",
    "tweet": "jekyll-twitter-plugin", "asset": "jekyll-assets", "asset_path": "jekyll-assets",
    "youtube": "a YouTube plugin", "mermaid": "jekyll-mermaid", "katex": "jekyll-katex",
    "github_edit_link": "jekyll-github-edit-link",
    "jekyll_version": "a site plugin", "bibliography": "jekyll-scholar", "cite": "jekyll-scholar",
}
# Tags Liquid reads as part of a block, never on their own.
_BLOCK_PARTS = frozenset({"else", "elsif", "when", "raw", "endraw", "comment", "endcomment"})

_TAG = re.compile(r"\{%-?\s*([A-Za-z_#][\w-]*)(.*?)-?%\}", re.S)


def known_tags(plugins: tuple[str, ...] = ()) -> frozenset[str]:
    """Every Liquid tag name blogtool's engine parses (Liquid's, Jekyll's, plugin tags it
    implements), plus the ``end`` tags of its blocks."""
    env = LiquidEngine(LiquidSettings(source=".", plugins=plugins), post_urls={},
                       link_urls={}, extensions=(liquid_tags.register,)).env
    names = {n for n in env.tags if n not in ("illegal", "output", "content")}
    names |= _BLOCK_PARTS
    names |= {"end" + n for n in names}
    return frozenset(names)


def scan_tags(text: str, path: str, first_line: int, known: frozenset[str],
              ignored: Iterable[str] = ()) -> list[tuple[str, int, str]]:
    """(path, line, tag) for each tag in ``text`` that blogtool does not know, skipping
    ``raw`` and ``comment`` bodies (Liquid does not parse them). ``first_line`` is the line of
    the file where ``text`` starts. Ignorable tags (and their ``end`` tags) are returned too,
    so that the caller can list them as notes."""
    ignored = set(ignored)
    out: list[tuple[str, int, str]] = []
    inside: str | None = None       # "raw" | "comment"
    depth = 0
    for m in _TAG.finditer(text):
        name = m.group(1)
        if inside == "raw":
            if name == "endraw":
                inside = None
            continue
        if inside == "comment":
            if name == "comment":
                depth += 1
            elif name == "endcomment":
                depth -= 1
                if depth == 0:
                    inside = None
            continue
        if name == "raw":
            inside = "raw"
            continue
        if name == "comment":
            inside, depth = "comment", 1
            continue
        if name in known:
            continue
        base = name[3:] if name.startswith("end") else name
        if name.startswith("end") and base in ignored:
            continue
        out.append((path, first_line + text.count("\n", 0, m.start()), name))
    return out


def tag_findings(hits: list[tuple[str, int, str]], ignored: tuple[str, ...]) -> list[Finding]:
    out: list[Finding] = []
    for path, line, name in hits:
        plugin = PLUGIN_TAGS.get(name)
        origin = f" (from {plugin})" if plugin else ""
        if name in ignored:
            out.append(Finding(path, line, f"Liquid tag '{name}'{origin} is ignored as "
                                           f"configured (blogtool.ignored_tags)",
                               "renders nothing in its place", unsupported=False))
            continue
        out.append(Finding(path, line, f"unknown Liquid tag '{name}'{origin}: neither "
                                       f"Jekyll's nor blogtool's",
                           f"stops the build here ('Unknown tag'); to render nothing in its "
                           f"place instead, add to _config.yml:  blogtool: {{ignored_tags: "
                           f"[{name}]}}"))
    return out


def ignored_tags_suggestion(findings: Iterable[Finding]) -> str | None:
    """One ``_config.yml`` line declaring every unknown tag ignorable, or None."""
    names: list[str] = []
    for f in findings:
        m = re.match(r"unknown Liquid tag '([^']+)'", f.message)
        if m and m.group(1) not in names:
            names.append(m.group(1))
    return f"blogtool: {{ignored_tags: [{', '.join(names)}]}}" if names else None
