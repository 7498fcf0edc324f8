"""Findings in ``_config.yml``: a Markdown engine other than kramdown, kramdown options
blogtool does not honour, and keys whose effect blogtool does not reproduce."""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...build.config import JEKYLL_DEFAULTS
from ...build.themes.report import theme_notes
from .finding import Finding

# Markdown options blogtool honours (settings_from); other kramdown keys matter only when they
# differ from Jekyll's defaults.
HONOURED_KRAMDOWN = frozenset({
    "auto_ids", "smart_quotes", "hard_wrap", "input", "guess_lang", "auto_id_prefix",
    "toc_levels", "footnote_nr", "footnote_backlink", "math_engine", "parse_block_html",
    "syntax_highlighter_opts"})
# kramdown 2.4's options (with kramdown-parser-gfm's): anything else under ``kramdown:`` is
# ignored by kramdown; Jekyll 4 itself reads only JEKYLL_KRAMDOWN_KEYS there.
KRAMDOWN_OPTIONS = frozenset({
    "template", "auto_ids", "auto_id_stripping", "auto_id_prefix", "transliterated_header_ids",
    "parse_block_html", "parse_span_html", "html_to_native", "link_defs", "footnote_nr",
    "entity_output", "toc_levels", "line_width", "latex_headers", "smart_quotes",
    "typographic_symbols", "remove_block_html_tags", "remove_span_html_tags", "header_offset",
    "syntax_highlighter", "syntax_highlighter_opts", "math_engine", "math_engine_opts",
    "footnote_backlink", "footnote_backlink_inline", "footnote_prefix",
    "remove_line_breaks_for_cjk", "forbidden_inline_options", "list_indent", "hard_wrap",
    "gfm_quirks",
})
JEKYLL_KRAMDOWN_KEYS = frozenset({"input", "enable_coderay", "coderay", "show_warnings"})
# kramdown's own defaults, as the scalar a YAML file gives for them
_KRAMDOWN_DEFAULTS: dict[str, Any] = {
    "auto_id_stripping": False, "auto_id_prefix": "", "transliterated_header_ids": False,
    "parse_block_html": False, "parse_span_html": True, "html_to_native": False,
    "footnote_nr": 1, "entity_output": "as_char", "line_width": 72,
    "remove_block_html_tags": True, "remove_span_html_tags": False, "header_offset": 0,
    "syntax_highlighter": "rouge", "math_engine": "mathjax", "footnote_backlink": "&#8617;",
    "footnote_backlink_inline": False, "footnote_prefix": "", "list_indent": 2,
    "remove_line_breaks_for_cjk": False, "enable_coderay": False,
}


def _kramdown_default(key: str, value: Any) -> bool:
    """Is ``value`` what kramdown (or Jekyll) uses anyway for ``key``?"""
    if key not in _KRAMDOWN_DEFAULTS:
        return False
    default = _KRAMDOWN_DEFAULTS[key]
    if isinstance(default, bool) or isinstance(value, bool):
        return value is default
    return str(value).lstrip(":") == str(default)


# Jekyll configuration keys whose effect blogtool does not reproduce, with what it does.
IGNORED_KEYS: dict[str, tuple[Any, str]] = {
    # key: (Jekyll's default, what blogtool does)
    "lsi": (False, "site.related_posts is the ten most recent posts, as Jekyll without LSI"),
    "plugins_dir": ("_plugins", "Ruby plugins are never run"),
}

_KEY_LINE = re.compile(r"^(\s*)([\w.-]+|\"[^\"]+\"|'[^']+')\s*:")


def config_line(text: str, key: str, parent: str | None = None) -> int | None:
    """1-based line of ``key:`` in a YAML file (under ``parent:`` when given); good enough
    for pointing at a key, no YAML parse needed."""
    in_parent = parent is None
    parent_indent = -1
    for number, line in enumerate(text.splitlines(), 1):
        m = _KEY_LINE.match(line)
        if not m:
            continue
        indent, name = len(m.group(1)), m.group(2).strip("\"'")
        if parent is not None:
            if indent == 0 and name == parent:
                in_parent, parent_indent = True, 0
                continue
            if in_parent and indent <= parent_indent:
                in_parent = False
        if in_parent and name == key and (parent is None and indent == 0 or
                                          parent is not None and indent > parent_indent):
            return number
    return None


def config_findings(config: Mapping[str, Any], compat: str, cfg_path: str,
                     cfg_text: str) -> list[Finding]:
    out: list[Finding] = []
    markdown = str(config.get("markdown") or "kramdown")
    if markdown.lower() != "kramdown":
        gh_forced = compat == "github-pages" and markdown.lower() not in ("gfm",
                                                                         "commonmarkghpages")
        out.append(Finding(cfg_path, config_line(cfg_text, "markdown"),
                           f"'markdown: {markdown}' is not kramdown",
                           "renders Markdown the way kramdown (GFM input) does"
                           + ("; GitHub Pages forces kramdown here too" if gh_forced else ""),
                           unsupported=not gh_forced))
    kramdown = config.get("kramdown") or {}
    defaults = JEKYLL_DEFAULTS["kramdown"]
    if isinstance(kramdown, Mapping):
        for key, value in kramdown.items():
            if key in HONOURED_KRAMDOWN or defaults.get(key, object()) == value \
                    or _kramdown_default(key, value):
                continue
            line = config_line(cfg_text, key, "kramdown")
            if key not in KRAMDOWN_OPTIONS and key not in JEKYLL_KRAMDOWN_KEYS:
                out.append(Finding(cfg_path, line, f"kramdown option '{key}: {value}' is read "
                                                   f"by neither kramdown 2.4 nor Jekyll 4",
                                   "ignores it too", unsupported=False))
                continue
            out.append(Finding(cfg_path, line,
                               f"kramdown option '{key}: {value}' is not supported",
                               "uses kramdown's default for it"))
    for key, (default, action) in IGNORED_KEYS.items():
        if key in config and config[key] not in (None, default):
            out.append(Finding(cfg_path, config_line(cfg_text, key),
                               f"'{key}: {config[key]}' is not supported", action))
    liquid = config.get("liquid") or {}
    if isinstance(liquid, Mapping) and str(liquid.get("error_mode", "warn")) != "warn":
        out.append(Finding(cfg_path, config_line(cfg_text, "error_mode", "liquid"),
                           f"'liquid.error_mode: {liquid.get('error_mode')}' is not supported",
                           "parses Liquid leniently, as error_mode: warn"))
    sass = config.get("sass") or {}
    if isinstance(sass, Mapping) and str(sass.get("implementation", "sassc")) != "sassc":
        out.append(Finding(cfg_path, config_line(cfg_text, "implementation", "sass"),
                           f"'sass.implementation: {sass.get('implementation')}' (Dart Sass) "
                           f"is not supported", "compiles Sass with libsass, as sassc does"))
    highlighter = str(config.get("highlighter") or "rouge").lower()
    if highlighter == "pygments" or config.get("pygments") is True:
        out.append(Finding(cfg_path, config_line(cfg_text, "highlighter")
                           or config_line(cfg_text, "pygments"),
                           "'highlighter: pygments': Jekyll 4 does not highlight Markdown code "
                           "with it (the highlight tag uses Rouge)",
                           "does the same with --compat jekyll; highlights code in its own "
                           "mode", unsupported=False))
    out += [Finding(*n) for n in theme_notes(Path(str(config["source"])), config)]
    return out
