"""``blogtool doctor``: what in an existing Jekyll site blogtool cannot do the way Jekyll
would, with ``file:line`` and what blogtool does instead, before anyone migrates.

Two questions, two functions:

* :func:`diagnose` reads the site (configuration, posts, pages, layouts, includes, ``_plugins``)
  and returns :class:`Finding` values: unknown plugins, Liquid tags that are neither Jekyll's
  nor blogtool's, Ruby plugins, gem and remote themes, configuration blogtool ignores, a
  Markdown engine other than kramdown. ``unsupported`` findings mean the output will differ.
* :func:`trial_build` builds the site as ``blogtool build`` would, into a scratch folder: any
  rule blogtool does not follow the way Jekyll 4.3.1 does and that stops the build (a date
  Ruby reads, a template Ruby Liquid accepts, an import sassc resolves...) is found by running
  it, not by a list of known gaps. ``diagnose(..., trial=DIR)`` includes it.
* :func:`missing_urls` compares an old site's output directory with a new build and lists every
  file the old site served that the new one does not, resolving ``x.html`` / ``x`` /
  ``x/index.html`` as web servers (and GitHub Pages) do, so a migration breaks no link.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..build.plugins import SUPPORTED as PLUGIN_SUPPORT

# --- what blogtool knows ---------------------------------------------------------------------

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

_TAG = re.compile(r"\{%-?\s*([A-Za-z_#][\w-]*)(.*?)-?%\}", re.S)
_RB_TAG = re.compile(r"register_tag\s*\(?\s*[\"':]([\w-]+)")
_RB_FILTER = re.compile(r"register_filter\s*\(?\s*([\w:]+)")
_RB_GENERATOR = re.compile(r"<\s*(?:Jekyll::)?(Generator|Converter|Command)\b")
_KEY_LINE = re.compile(r"^(\s*)([\w.-]+|\"[^\"]+\"|'[^']+')\s*:")


@dataclass(frozen=True)
class Finding:
    """One thing blogtool handles differently from Jekyll, where it is and what happens."""

    path: str
    line: int | None
    message: str
    action: str
    unsupported: bool = True      # False: a note; the output is the same as Jekyll's

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        kind = "" if self.unsupported else "note: "
        return f"{where}: {kind}{self.message}\n    blogtool: {self.action}"


def known_tags(plugins: tuple[str, ...] = ()) -> frozenset[str]:
    """Every Liquid tag name blogtool's engine parses (Liquid's, Jekyll's, plugin tags it
    implements), plus the ``end`` tags of its blocks."""
    from ..build.plugins import liquid_tags
    from ..liquid.engine import LiquidEngine, LiquidSettings

    env = LiquidEngine(LiquidSettings(source=".", plugins=plugins), post_urls={},
                       link_urls={}, extensions=(liquid_tags.register,)).env
    names = {n for n in env.tags if n not in ("illegal", "output", "content")}
    names |= _BLOCK_PARTS
    names |= {"end" + n for n in names}
    return frozenset(names)


# --- Liquid tag scan ---------------------------------------------------------------------------


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


# --- configuration ---------------------------------------------------------------------------


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


def _plugin_findings(config: Mapping[str, Any], compat: str, cfg_path: str,
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


def _config_findings(config: Mapping[str, Any], compat: str, cfg_path: str,
                     cfg_text: str) -> list[Finding]:
    from ..build.config import JEKYLL_DEFAULTS

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
    from ..build.themes.report import theme_notes
    out += [Finding(*n) for n in theme_notes(Path(str(config["source"])), config)]
    return out


# --- the whole site ----------------------------------------------------------------------------


def diagnose(source: Path | str = ".", *, config_files: list[str] | None = None,
             overrides: Mapping[str, Any] | None = None,
             trial: Path | None = None) -> list[Finding]:
    """Everything in the site at ``source`` that blogtool handles differently from Jekyll,
    in file order; with ``trial`` (a scratch folder), also what a real build of the site stops
    on or warns about. Raises :class:`~blogtool.errors.BuildError` when the configuration
    cannot be read."""
    import datetime as _dt

    from ..build.reader import read_site
    from ..build.site import plan
    from ..errors import BuildError, Diagnostics
    from ..timeutil import RubyTime

    source = Path(source).resolve()
    diagnostics = Diagnostics()
    config, settings = plan(source, source / "_site", config_files=config_files,
                            overrides=overrides, diagnostics=diagnostics)
    compat = settings.compat
    cfg_file = _config_file(source, config_files)
    cfg_path = _display(cfg_file, source) if cfg_file else "_config.yml"
    cfg_text = cfg_file.read_text("utf-8-sig", errors="replace") if cfg_file else ""
    findings = _plugin_findings(config, compat, cfg_path, cfg_text)
    findings += _config_findings(config, compat, cfg_path, cfg_text)
    findings += _ruby_plugin_findings(source, str(config.get("plugins_dir") or "_plugins"))
    if trial is not None:
        findings += trial_build(source, trial, config_files=config_files, overrides=overrides)

    now = RubyTime.wrap(_dt.datetime.now(_dt.UTC))
    try:
        sources = read_site(config, settings, now, diagnostics)
    except BuildError as exc:      # the trial build reports it, or this does
        stop = _stop_finding(exc)
        return findings if stop in findings else findings + [stop]
    ignored = tuple(str(t) for t in (config.get("blogtool") or {}).get("ignored_tags") or ())
    from ..build.plugins import active
    known = known_tags(active(config, settings))
    hits: list[tuple[str, int, str]] = []
    for layout in sorted(sources.layouts.values(), key=lambda x: x.rel_path):
        hits += scan_tags(layout.body, layout.rel_path, layout.body_line, known, ignored)
    for rel, text in _includes(source, settings.includes_dir):
        hits += scan_tags(text, rel, 1, known, ignored)
    for doc in sorted(sources.all_documents(), key=lambda d: d.rel_path):
        if doc.data.get("render_with_liquid", True) is not False:
            hits += scan_tags(doc.body, doc.rel_path, doc.body_line, known, ignored)
    findings += _tag_findings(hits, ignored)
    findings += render_order_findings(sources, _includes(source, settings.includes_dir))
    # a build warning where a finding already points (an ignored tag) says nothing new
    placed = {(f.path, f.line) for f in findings if not f.message.startswith("build warning:")}
    return [f for f in findings
            if not (f.message.startswith("build warning:") and (f.path, f.line) in placed)]


def trial_build(source: Path | str, dest: Path, *, config_files: list[str] | None = None,
                overrides: Mapping[str, Any] | None = None) -> list[Finding]:
    """Build the site into ``dest`` as ``blogtool build`` would (no cache written into the
    source). What stops the build is a finding: Jekyll 4.3.1 builds the sites whose rules
    blogtool follows, so a stop is a difference unless Jekyll stops there too. Build
    warnings are notes (Jekyll warns about the same things)."""
    from ..build.site import build
    from ..errors import BuildError

    try:
        result = build(Path(source), Path(dest), config_files=config_files, overrides=overrides,
                       use_cache=False)
    except BuildError as exc:
        return [_stop_finding(exc)]
    except Exception as exc:  # noqa: BLE001 - an internal error is a finding, never a traceback
        return [Finding(str(source), None, f"the build fails with an internal error: "
                                           f"{type(exc).__name__}: {exc}",
                        "stops; please report this site")]
    return [Finding(w.path, w.line, f"build warning: {w.message}",
                    "warns and goes on", unsupported=False) for w in result.warnings]


def _stop_finding(exc: Any) -> Finding:
    p = exc.problem
    return Finding(p.path, p.line, f"the build stops here: {p.message}",
                   "stops, as `blogtool build` would; if Jekyll 4.3.1 builds this site, this "
                   "is a rule blogtool does not follow yet")


# --- what Jekyll's render order shows and blogtool does not reproduce ------------------------

_QUIET = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}"
                    r"|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
_OWN_CONTENT = re.compile(r"\{\{-?\s*content\s*(?:\|[^}]*)?-?\}\}")
_OTHER_CONTENT = re.compile(r"(\{\{|\{%)[^}]*?\b(?!page\b|layout\b|include\b|site\b)"
                            r"([A-Za-z_]\w*)\.content\b")


def _blank_quiet(text: str) -> str:
    """``text`` with raw and comment bodies blanked (newlines kept, so lines still count)."""
    return _QUIET.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def render_order_findings(sources: Any, includes: list[tuple[str, str]]) -> list[Finding]:
    """Two things Jekyll 4.3.1's rendering shows that blogtool does not reproduce: ``{{ content }}``
    in a post or page's own text (Jekyll fills it with the document it rendered before, through
    its shared payload) and another document's ``content`` read by a layout or include (on an
    older post's page, Jekyll shows a newer post's content as its unrendered source)."""
    out: list[Finding] = []
    for doc in sorted(sources.all_documents(), key=lambda d: d.rel_path):
        if doc.data.get("render_with_liquid", True) is False:
            continue
        text = _blank_quiet(doc.body)
        m = _OWN_CONTENT.search(text)
        if m:
            out.append(Finding(doc.rel_path, doc.body_line + text.count("\n", 0, m.start()),
                               "`{{ content }}` in a document's own text: Jekyll 4.3.1 fills it "
                               "with the document it rendered just before (its payload is "
                               "shared)", "renders it empty"))
    if len(getattr(sources, "posts", ())) < 2:
        return out
    templates = [(layout.rel_path, layout.body, layout.body_line)
                 for layout in sorted(sources.layouts.values(), key=lambda x: x.rel_path)]
    templates += [(rel, text, 1) for rel, text in includes]
    for rel, body, first in templates:
        text = _blank_quiet(body)
        m = _OTHER_CONTENT.search(text)
        if m:
            # a note: whether it shows depends on which pages use the template with which
            # documents (a post page reading its own content is the same in both)
            out.append(Finding(rel, first + text.count("\n", 0, m.start(2)),
                               f"reads a document's content (`{m.group(2)}.content`): where an "
                               f"older post's page reads a newer post's, Jekyll 4.3.1 shows its "
                               f"unrendered source (posts render oldest first)",
                               "shows every document's rendered content", unsupported=False))
    return out


def _tag_findings(hits: list[tuple[str, int, str]], ignored: tuple[str, ...]) -> list[Finding]:
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


def _ruby_plugin_findings(source: Path, plugins_dir: str) -> list[Finding]:
    base = source / plugins_dir
    if not base.is_dir():
        return []
    out: list[Finding] = []
    for path in sorted(base.rglob("*.rb")):
        rel = _display(path, source)
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


def _includes(source: Path, includes_dir: str) -> list[tuple[str, str]]:
    base = source / includes_dir.strip("/")
    out: list[tuple[str, str]] = []
    if not base.is_dir():
        return out
    for path in sorted(base.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        try:
            out.append((_display(path, source), path.read_text("utf-8-sig")))
        except (UnicodeDecodeError, OSError):
            continue
    return out


def _config_file(source: Path, config_files: list[str] | None) -> Path | None:
    if config_files:
        path = Path(config_files[-1])
        return path if path.is_absolute() else Path.cwd() / path
    for name in ("_config.yml", "_config.yaml"):
        if (source / name).is_file():
            return source / name
    return None


def _display(path: Path, source: Path) -> str:
    try:
        return path.resolve().relative_to(source).as_posix()
    except ValueError:
        return str(path)


# --- old site vs new build ---------------------------------------------------------------------

_HTML = (".html", ".htm")


def url_key(rel_path: str) -> str:
    """The resource a URL path names, as a static server resolves it: percent-decoded, NFC,
    ``x.html``, ``x`` and ``x/index.html`` the same."""
    path = unicodedata.normalize("NFC", unquote(rel_path.replace(os.sep, "/"))).strip("/")
    for index in ("index.html", "index.htm"):
        if path == index:
            return ""
        if path.endswith("/" + index):
            return path[: -len(index) - 1]
    for ext in _HTML:
        if path.lower().endswith(ext):
            return path[: -len(ext)]
    return path


def site_files(root: Path | str) -> list[str]:
    """Root-relative POSIX paths of the files a site directory serves."""
    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and ".git" not in p.relative_to(root).parts)


def missing_urls(old_site: Path | str, new_site: Path | str) -> list[str]:
    """URLs (``/``-rooted, decoded) of the files of ``old_site`` that ``new_site`` cannot
    serve, so a migration breaks no link or bookmark."""
    have = {url_key(p) for p in site_files(new_site)}
    missing = []
    for rel in site_files(old_site):
        if url_key(rel) not in have:
            missing.append("/" + unicodedata.normalize("NFC", unquote(rel)))
    return missing
