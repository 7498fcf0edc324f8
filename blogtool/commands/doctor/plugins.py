"""Findings about plugins: gems listed in the configuration that blogtool does not have, and
the Ruby files of ``_plugins`` it cannot run."""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...build.plugins import SUPPORTED as PLUGIN_SUPPORT
from .configuration import config_line
from .finding import Finding, display

# Plugins whose output blogtool produces itself (generators, tags).
SUPPORTED_PLUGINS = frozenset({
    "jekyll-feed", "jekyll-sitemap", "jekyll-paginate", "jekyll-archives", "jekyll-seo-tag",
    "jekyll-redirect-from", "jekyll-paginate-v2",
}) | frozenset(PLUGIN_SUPPORT)
# Plugins that change nothing in the output of `jekyll build`, or that Jekyll 4 bundles.
HARMLESS_PLUGINS = frozenset({
    "jekyll-sass-converter", "jekyll-watch", "jekyll-compose", "jekyll-admin",
    "jekyll-livereload",
})
# Plugins of the github-pages profile (blogtool/build/ghpages.py) and GitHub's always-on set whose
# absence does not change a Jekyll 4 build.
GHPAGES_PLUGINS = frozenset({"jekyll-relative-links", "jekyll-optional-front-matter"})

_RB_TAG = re.compile(r"register_tag\s*\(?\s*[\"':]([\w-]+)")
_RB_FILTER = re.compile(r"register_filter\s*\(?\s*([\w:]+)")
_RB_GENERATOR = re.compile(r"<\s*(?:Jekyll::)?(Generator|Converter|Command)\b")


def plugin_findings(config: Mapping[str, Any], compat: str, cfg_path: str,
                     cfg_text: str) -> list[Finding]:
    out: list[Finding] = []
    plugins = config.get("plugins") or []
    gems = config.get("gems") or []
    if isinstance(gems, str):
        gems = [gems]
    if gems and compat != "github-pages":
        out.append(Finding(cfg_path, config_line(cfg_text, "gems"),
                           f"'gems:' ({', '.join(map(str, gems))}) is ignored by Jekyll 4 "
                           f"(Jekyll 3 and GitHub Pages read it as 'plugins:')",
                           "ignores it too; rename it to 'plugins:' to turn those plugins "
                           "on, or build with --compat github-pages", unsupported=False))
    named = [(p, "plugins") for p in plugins]
    if compat == "github-pages":
        named += [(g, "gems") for g in gems if g not in plugins]
    for name, key in named:
        name = str(name)
        line = config_line(cfg_text, key)
        for number, text_line in enumerate(cfg_text.splitlines(), 1):
            if re.search(rf"(^|[\s\[,\"'-]){re.escape(name)}([\s\],\"']|$)", text_line):
                line = number
                break
        if name in SUPPORTED_PLUGINS:
            continue
        if name in HARMLESS_PLUGINS:
            continue
        if name in GHPAGES_PLUGINS and compat == "github-pages":
            continue
        if name == "github-pages":
            out.append(Finding(cfg_path, line, "the 'github-pages' gem is listed as a plugin",
                               "build with --compat github-pages (or blogtool: {compat: "
                               "github-pages}) for GitHub Pages' output", unsupported=False))
            continue
        if name in GHPAGES_PLUGINS:
            action = "does this only in the github-pages profile (--compat github-pages)"
        else:
            action = "does not have this plugin and builds the site without it"
        out.append(Finding(cfg_path, line, f"plugin '{name}' is not supported", action))
    return out


def ruby_plugin_findings(source: Path, plugins_dir: str) -> list[Finding]:
    base = source / plugins_dir
    if not base.is_dir():
        return []
    out: list[Finding] = []
    for path in sorted(base.rglob("*.rb")):
        rel = display(path, source)
        text = path.read_text("utf-8", errors="replace")
        provides = []
        for pattern, kind in ((_RB_TAG, "tag"), (_RB_FILTER, "filter"),
                              (_RB_GENERATOR, "")):
            for m in pattern.finditer(text):
                provides.append(f"{kind} '{m.group(1)}'" if kind else m.group(1).lower())
        line = None
        first = min((m.start() for p in (_RB_TAG, _RB_FILTER, _RB_GENERATOR)
                     for m in p.finditer(text)), default=None)
        if first is not None:
            line = text.count("\n", 0, first) + 1
        what = f" (defines {', '.join(provides)})" if provides else ""
        out.append(Finding(rel, line, f"Ruby plugin{what}: blogtool cannot run Ruby "
                                      f"(GitHub Pages does not run it either)",
                           "builds without it; its tags stop the build unless listed in "
                           "blogtool.ignored_tags, its filters leave values unchanged"))
    return out
