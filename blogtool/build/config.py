"""``_config.yml`` with Jekyll 4's defaults, command-line overrides and front matter ``defaults:``.

The merged configuration stays a plain dict because Jekyll exposes every key as ``site.*``;
:class:`Settings` is the typed view the pipeline reads.
"""
from __future__ import annotations

import copy
import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildError, Diagnostics, InvalidYaml
from ..markup.options import MarkupOptions, freeze_mapping

try:  # libyaml is 7-10x faster; fall back to the pure loader when it is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader


class YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader with one Psych rule: a timestamp-shaped scalar that is not a real
    date (``2014-02-30``, ``2014-10-13 25:00:00``) stays a string instead of raising
    ``ValueError`` out of the loader (Jekyll then parses the string like any other date)."""


def _timestamp_or_string(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_string)

# Psych reads a plain one-line scalar starting with ':' (`meta: :PLATFORM ve :THEME`) as a Ruby
# Symbol, which Jekyll 4.3.1's safe YAML loading refuses ("Tried to load unspecified class:
# Symbol"): the configuration and _data stop the build, front matter is an error and skipped.
_SYMBOL_TAG = "tag:ruby.yaml.org,2002:sym"
YamlLoader.add_implicit_resolver(_SYMBOL_TAG, re.compile(r"^:[^\n]+$"), [":"])


def _refuse_symbol(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> object:
    raise yaml.constructor.ConstructorError(None, None, "Tried to load unspecified class: Symbol",
                                            node.start_mark)


YamlLoader.add_constructor(_SYMBOL_TAG, _refuse_symbol)

# Jekyll's DEFAULT_EXCLUDES, added to site.exclude; blogtool's cache folder is skipped too but
# not listed there (a theme printing site.exclude sees what Jekyll shows)
ALWAYS_EXCLUDED = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
                   "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/",
                   "vendor/ruby/"]
CACHE_DIR = ".blogtool-cache"

JEKYLL_DEFAULTS: dict[str, Any] = {
    "source": ".",
    "destination": "./_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": 4000,
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True, "toc_levels": "1..6", "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo", "input": "GFM", "hard_wrap": False,
        "guess_lang": True, "footnote_nr": 1, "show_warnings": False,
    },
}

# blogtool's own keys, under `blogtool:` in _config.yml (docs/config.md lists each one)
BLOGTOOL_DEFAULTS: dict[str, Any] = {
    "compat": "blogtool",          # "jekyll" or "github-pages" turn every improvement off
    "cjk": True,
    "summary_width": 160,
    "tag_permalink": "/tags/:name/",
    "category_permalink": "/categories/:name/",
    "paginate": 10,
    "feed_posts": 10,
    "code_style": "friendly",
    "code_style_dark": "github-dark",
    "ignored_tags": [],
}

COMPAT_MODES = ("blogtool", "jekyll", "github-pages")


def deep_merge(base: dict, override: Mapping) -> dict:
    """Jekyll's ``Utils.deep_merge_hashes``: nested mappings merge, everything else replaces,
    except that a nil (``key:`` with no value) keeps the value it would replace."""
    out = dict(base)
    for key, value in override.items():
        if value is None and key in out:
            continue
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


class NotRegularFile(OSError):
    """A source path that is a FIFO, socket or device: reading it could block forever."""


def read_source_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a regular source file, never blocking: the file is opened non-blocking and
    checked with ``fstat`` on the open descriptor (no race with a swap), so a named pipe or a
    device raises :class:`NotRegularFile` instead of hanging the build."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        while True:
            chunk = os.read(fd, max(st.st_size + 1, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Load YAML with Psych-like 1.1 semantics; errors become ``path:line: sentence``."""
    try:
        return yaml.load(text, Loader=YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 + line_offset) if mark is not None else (line_offset or None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InvalidYaml(path, line, f"invalid YAML: {problem}") from None
    except RecursionError:  # [[[[... thousands deep: PyYAML's composer recurses
        raise InvalidYaml(path, line_offset or None, "invalid YAML: nested too deeply") from None


def _read_config_file(path: Path, source: Path, diagnostics: Diagnostics) -> dict:
    rel = _display(path, source)
    try:
        raw = read_source_bytes(path)
    except OSError as exc:
        raise BuildError(rel, None, f"cannot read the configuration file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BuildError(rel, None, "the configuration file is not valid UTF-8") from None
    data = load_yaml(text, rel)
    if data is None:
        return {}
    if not isinstance(data, dict):
        diagnostics.warn(rel, 1, "the configuration is not a mapping of keys to values; "
                                 "using the defaults")
        return {}
    return data


def _config_text(path: Path) -> str:
    try:
        return read_source_bytes(path).decode("utf-8-sig", errors="replace")
    except OSError:
        return ""


def _check_arrays(user: Mapping[str, Any], texts: list[tuple[str, str]]) -> None:
    """Jekyll's ``Configuration#validate`` on the merged files: ``plugins``, ``include`` and
    ``exclude``, when given (even empty), must be arrays, or the build stops."""
    for key in ("plugins", "include", "exclude"):
        if key in user and not isinstance(user[key], list):
            path, line = texts[-1][0], None
            for rel, text in reversed(texts):    # the last file that sets it
                found = _key_line(text, key)
                if found is not None:
                    path, line = rel, found
                    break
            raise BuildError(path, line, f"'{key}' should be set as an array, but was: "
                                         f"{ruby_inspect(user[key])}.")


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:", re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def ruby_inspect(value: Any) -> str:
    """How Ruby's ``inspect`` shows a YAML value in Jekyll's messages."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{ruby_inspect(k)}=>{ruby_inspect(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(ruby_inspect(v) for v in value) + "]"
    return str(value)


def _display(path: Path, source: Path) -> str:
    try:
        return path.resolve().relative_to(source.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_config(source: Path, config_files: Iterable[str | Path] | None = None,
                overrides: Mapping[str, Any] | None = None,
                diagnostics: Diagnostics | None = None) -> dict:
    """Merge Jekyll's defaults, the config files (later wins) and command-line overrides."""
    diagnostics = diagnostics or Diagnostics()
    source = Path(source)
    files = [Path(f) if Path(f).is_absolute() else Path.cwd() / f for f in (config_files or [])]
    if not files:
        for name in ("_config.yml", "_config.yaml"):
            if (source / name).is_file():
                files = [source / name]
                break
    # As Jekyll: the files merged over each other first, checked, then laid over the defaults
    user: dict = {}
    texts: list[tuple[str, str]] = []
    for f in files:
        if not f.exists():
            raise BuildError(str(f), None, "the configuration file could not be found")
        user = deep_merge(user, _read_config_file(f, source, diagnostics))
        texts.append((_display(f, source), _config_text(f)))
    if files:
        _check_arrays(user, texts)
    config = deep_merge(copy.deepcopy(JEKYLL_DEFAULTS), user)
    if overrides:
        config = deep_merge(config, {k: v for k, v in overrides.items() if v is not None})
    config["source"] = str(source)
    for key in ("include", "exclude", "keep_files"):
        value = config.get(key)
        if value is None:
            config[key] = []
        elif isinstance(value, str):
            raise BuildError("_config.yml", None, f"'{key}' should be set as an array, but was: "
                                                  f"{ruby_inspect(value)}.")
    config["exclude"] = list(config["exclude"]) + [e for e in ALWAYS_EXCLUDED
                                                    if e not in config["exclude"]]
    if config.get("baseurl") is None:
        config["baseurl"] = ""
    if config.get("url") is None:
        config["url"] = ""
    if isinstance(config.get("plugins"), str):   # from --config-less overrides only
        config["plugins"] = [config["plugins"]]
    bt = deep_merge(BLOGTOOL_DEFAULTS, config.get("blogtool") or {})
    if bt["compat"] not in COMPAT_MODES:
        raise BuildError("_config.yml", None, f"blogtool.compat must be one of "
                         f"{', '.join(COMPAT_MODES)}, not '{bt['compat']}'")
    if bt["compat"] == "github-pages":
        # What GitHub Pages (Jekyll 3.10) changes in the output of the same source.
        if "future" not in _user_keys(files, source):
            config["future"] = True
        if config.get("gems") and not config.get("plugins"):
            config["plugins"] = list(config["gems"])
        config["highlighter"] = "rouge"
    config["blogtool"] = bt
    return config


def _user_keys(files: list[Path], source: Path) -> set[str]:
    keys: set[str] = set()
    for f in files:
        try:
            data = yaml.load(f.read_text("utf-8-sig"), Loader=YamlLoader)
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict):
            keys.update(data)
    return keys


@dataclass(frozen=True)
class Settings:
    """The typed, picklable view of the configuration the build stages read."""

    source: str
    destination: str
    compat: str
    jekyll_site: bool
    permalink: str
    baseurl: str
    url: str
    timezone: str | None
    excerpt_separator: str
    markdown_exts: tuple[str, ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    keep_files: tuple[str, ...]
    show_drafts: bool
    future: bool
    unpublished: bool
    limit_posts: int
    encoding: str
    strict_front_matter: bool
    collections: tuple[tuple[str, bool, str | None], ...]  # (label, output, permalink)
    collections_dir: str
    layouts_dir: str
    includes_dir: str
    data_dir: str
    plugins: tuple[str, ...]
    markup: MarkupOptions = field(default_factory=MarkupOptions)
    theme_root: str = ""            # the gem or remote theme's folder (blogtool.build.themes)

    @property
    def improved(self) -> bool:
        """True when blogtool's improvements over Jekyll are on."""
        return self.compat == "blogtool"


def _markdown_processor(config: Mapping[str, Any], compat: str) -> str:
    """Jekyll's `markdown:`; GitHub Pages renders anything but GFM with kramdown."""
    name = str(config.get("markdown") or "kramdown")
    if compat == "github-pages" and name.lower() not in ("gfm", "commonmarkghpages"):
        return "kramdown"
    return name


def settings_from(config: Mapping[str, Any], destination: str) -> Settings:
    bt = config["blogtool"]
    compat = bt["compat"]
    kram = config.get("kramdown") or {}
    highlighter = str(config.get("highlighter") or "rouge").lower()
    if config.get("pygments") is True and compat == "github-pages":
        highlighter = "rouge"
    improved = compat == "blogtool"
    quotes = kram.get("smart_quotes", "lsquo,rsquo,ldquo,rdquo")
    if isinstance(quotes, str):
        quotes = [q.strip() for q in quotes.split(",")]
    quotes = tuple(quotes) if len(quotes) == 4 else ("lsquo", "rsquo", "ldquo", "rdquo")
    markup = MarkupOptions(
        compat=compat,
        cjk=improved and bool(bt.get("cjk", True)),
        code_recovery=improved and bool(config.get("code_recovery", True)),
        detect_language=improved and bool(config.get("detect_language", True)),
        # Jekyll 4 ignores `highlighter: pygments` (no highlighting); blogtool highlights there.
        highlight=(highlighter == "rouge") or (improved and highlighter == "pygments"),
        smart_quotes=quotes,
        auto_ids=bool(kram.get("auto_ids", True)),
        hard_wrap=bool(kram.get("hard_wrap", False)),
        input=str(kram.get("input", "GFM")),
        guess_lang=bool(kram.get("guess_lang", True)),
        kramdown=freeze_mapping(kram), markdown=_markdown_processor(config, compat),
        commonmark=freeze_mapping(config.get("commonmark")),
    )
    collections = []
    raw_collections = config.get("collections") or {}
    if isinstance(raw_collections, list):
        raw_collections = {name: {} for name in raw_collections}
    for label, meta in raw_collections.items():
        meta = meta or {}
        if label == "posts":
            continue
        collections.append((str(label), bool(meta.get("output", False)), meta.get("permalink")))
    exts = tuple("." + e.strip().lower() for e in str(config.get("markdown_ext", "")).split(",")
                 if e.strip())
    source = str(config["source"])
    layouts_dir = str(config.get("layouts_dir") or "_layouts")
    # A Jekyll site renders with its own layouts only; under compat modes every site is one
    # (Jekyll writes only the site's own files, never blogtool's theme pages). A gem theme
    # without local layouts cannot load without Ruby: blogtool's own theme takes its place.
    jekyll_site = (Path(source) / layouts_dir).is_dir() or compat != "blogtool"
    show_drafts = config.get("show_drafts")
    return Settings(
        source=source,
        destination=destination,
        compat=compat,
        jekyll_site=jekyll_site,
        permalink=str(config.get("permalink") or "date"),
        baseurl=str(config.get("baseurl") or ""),
        url=str(config.get("url") or ""),
        timezone=config.get("timezone"),
        excerpt_separator=str(config.get("excerpt_separator", "\n\n")),
        markdown_exts=exts,
        include=tuple(str(x) for x in config.get("include") or ()),
        exclude=tuple(str(x) for x in config.get("exclude") or ()) + (CACHE_DIR,),
        keep_files=tuple(str(x) for x in config.get("keep_files") or ()),
        show_drafts=bool(show_drafts),
        future=bool(config.get("future")),
        unpublished=bool(config.get("unpublished")),
        limit_posts=int(config.get("limit_posts") or 0),
        encoding=str(config.get("encoding") or "utf-8"),
        strict_front_matter=bool(config.get("strict_front_matter")),
        collections=tuple(collections),
        collections_dir=str(config.get("collections_dir") or ""),
        layouts_dir=layouts_dir,
        includes_dir=str(config.get("includes_dir") or "_includes"),
        data_dir=str(config.get("data_dir") or "_data"),
        plugins=tuple(str(p) for p in (config.get("plugins") or ())),
        markup=markup,
    )


# --- front matter defaults -------------------------------------------------------------------

_TYPE_ALIASES = {"post": "posts", "page": "pages", "draft": "drafts"}


def _scope_matches(scope: Mapping, rel_path: str, doc_type: str, source: str) -> bool:
    path = str(scope.get("path") or "")
    if path:
        if "*" in path:
            # Jekyll globs against the source tree: a matching directory covers its files
            parts = rel_path.split("/")
            candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
            if not any(fnmatch.fnmatchcase(c, path) for c in candidates):
                return False
        elif not rel_path.startswith(path):
            return False
    wanted = scope.get("type")
    if wanted:
        wanted = _TYPE_ALIASES.get(str(wanted), str(wanted))
        if wanted != doc_type:
            return False
    return True


def front_matter_defaults(defaults: Iterable[Mapping], rel_path: str, doc_type: str,
                          source: str = "") -> dict:
    """Values from ``defaults:`` that apply to a file, most specific last (Jekyll's order:
    longer path wins, a set with ``type`` beats one without, later sets win ties)."""
    matches: list[tuple[int, int, int, Mapping]] = []
    for index, entry in enumerate(defaults or ()):
        if not isinstance(entry, Mapping):
            continue
        scope = entry.get("scope") or {}
        if not isinstance(scope, Mapping) or not _scope_matches(scope, rel_path, doc_type, source):
            continue
        values = entry.get("values") or {}
        if isinstance(values, Mapping):
            matches.append((len(str(scope.get("path") or "")), 1 if scope.get("type") else 0,
                            index, values))
    merged: dict = {}
    for *_, values in sorted(matches, key=lambda m: m[:3]):
        merged = deep_merge(merged, values)
    return merged
