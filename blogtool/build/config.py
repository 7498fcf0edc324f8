"""``_config.yml``: Jekyll 4's defaults, the configuration files merged over them (later
wins), command-line overrides, and Jekyll's checks on the result.

The merged configuration stays a plain dict because Jekyll exposes every key as ``site.*``;
:class:`~blogtool.build.settings.Settings` is the typed view the pipeline reads, and
``frontmatter_defaults`` applies its ``defaults:``.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildError, Diagnostics
from .settings import Settings, settings_from
from .sourcefiles import YamlLoader, load_yaml, read_source_bytes

__all__ = ["BLOGTOOL_DEFAULTS", "COMPAT_MODES", "JEKYLL_DEFAULTS", "Settings", "deep_merge",
           "load_config", "load_yaml", "ruby_inspect", "settings_from"]

# Jekyll's DEFAULT_EXCLUDES, added to site.exclude; blogtool's cache folder is skipped too but
# not listed there (a theme printing site.exclude sees what Jekyll shows)
ALWAYS_EXCLUDED = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
                   "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/",
                   "vendor/ruby/"]

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
