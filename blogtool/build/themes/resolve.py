"""Which folder a site's theme comes from, and the configuration it adds.

``theme: NAME`` (a gem) and ``remote_theme: OWNER/REPO[@REF]`` (jekyll-remote-theme; it takes
the place of ``theme:`` when both are set) are looked for, in order, in

1. the site's ``_themes/NAME`` (``_themes/OWNER/REPO``), where ``blogtool theme vendor``
   puts a copy (Jekyll skips ``_`` folders, so the copy changes nothing for Jekyll);
2. for a gem: the installed gems (:mod:`.gems`), the version ``Gemfile.lock`` pins or the
   highest;
3. GitHub: the repository and release tag of a known gem (:mod:`.known`), or the remote
   theme's own reference, through the download cache (:mod:`.remote`).

A theme that cannot be found stops the build with one ``_config.yml:LINE: sentence`` saying
how to get it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import BuildError, Diagnostics
from ..config import deep_merge
from ..sourcefiles import load_yaml
from . import gems, remote
from .known import KNOWN

VENDOR_DIR = "_themes"
FOLDERS = ("_layouts", "_includes", "_sass", "assets", "_data")

# Jekyll 4.3.1 Configuration::DEFAULTS: a theme's _config.yml may not set these
JEKYLL_DEFAULT_KEYS = frozenset({
    "source", "destination", "collections_dir", "cache_dir", "plugins_dir", "layouts_dir",
    "data_dir", "includes_dir", "collections", "safe", "include", "exclude", "keep_files",
    "encoding", "markdown_ext", "strict_front_matter", "show_drafts", "limit_posts", "future",
    "unpublished", "whitelist", "plugins", "markdown", "highlighter", "lsi",
    "excerpt_separator", "incremental", "detach", "port", "host", "baseurl",
    "show_dir_listing", "permalink", "paginate_path", "timezone", "quiet", "verbose",
    "defaults", "liquid", "kramdown"})


@dataclass(frozen=True)
class ResolvedTheme:
    """A theme found on disk."""

    key: str                    # "theme" or "remote_theme"
    name: str                   # as the configuration names it (lower-cased)
    root: Path
    origin: str                 # "vendored" | "gem" | "download"
    where: str                  # human-readable source: gem folder, URL, cache folder
    version: str | None = None
    dependencies: tuple[str, ...] = ()

    @property
    def basename(self) -> str:
        """Jekyll's ``theme.basename`` (``minima-2.5.1``), used to name theme files."""
        return self.root.name if self.origin == "gem" else self.name.replace("/", "-")

    def path_for(self, folder: str) -> Path | None:
        """The theme's folder if it has one and it stays inside the theme (symlinks
        pointing out of the theme are refused, as Jekyll does)."""
        path = self.root / folder
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        root = self.root.resolve()
        if real != root and root not in real.parents:
            return None
        return real if real.is_dir() else None


def config_line(source: Path, key: str) -> int | None:
    """Line of a top-level key in the site's ``_config.yml``."""
    for name in ("_config.yml", "_config.yaml"):
        try:
            text = (source / name).read_text("utf-8", errors="replace")
        except OSError:
            continue
        m = re.search(rf"^{re.escape(key)}\s*:", text, re.M)
        return text.count("\n", 0, m.start()) + 1 if m else None
    return None


def _missing(source: Path, key: str, name: str, reason: str, how: str) -> BuildError:
    return BuildError("_config.yml", config_line(source, key),
                      f"the theme '{name}' is missing: {reason}; {how}")


def _vendored(source: Path, name: str) -> Path | None:
    path = source / VENDOR_DIR / name
    return path if path.is_dir() else None


def _vendor_hint(name: str) -> str:
    return (f"run 'blogtool theme vendor' where the theme is available and commit "
            f"{VENDOR_DIR}/{name}, or copy the theme's _layouts, _includes, _sass and assets "
            f"into {VENDOR_DIR}/{name}")


def find_gem_theme(source: Path, name: str, env: Mapping[str, str] | None = None
                   ) -> ResolvedTheme:
    vendored = _vendored(source, name)
    if vendored is not None:
        return ResolvedTheme("theme", name, vendored, "vendored", str(vendored),
                             dependencies=tuple(gems.spec_dependencies(vendored)))
    gem = gems.find_gem(name, source, env)
    if gem is not None:
        deps = gems.spec_dependencies(gem.root, gem.spec_file)
        return ResolvedTheme("theme", name, gem.root, "gem", str(gem.root), gem.version,
                             tuple(deps))
    known = KNOWN.get(name)
    pinned = gems.locked_version(source, name)
    if known is None:
        raise _missing(source, "theme", name,
                       "it is not installed as a gem and blogtool does not know its GitHub "
                       "repository",
                       f"install it ('gem install {name}'), name its repository with "
                       f"'remote_theme: OWNER/REPO', or {_vendor_hint(name)}")
    owner, repo = known.repo.split("/", 1)
    ref = remote.RemoteRef(owner, repo, known.ref(pinned))
    try:
        root = remote.fetch(ref, env)
    except remote.ThemeUnavailable as exc:
        raise _missing(source, "theme", name, f"it is not installed as a gem and {exc}",
                       f"build once with network to cache {ref.label}, or "
                       f"{_vendor_hint(name)}") from None
    return ResolvedTheme("theme", name, root, "download", f"{ref.label} ({root})",
                         pinned or known.version, tuple(gems.spec_dependencies(root)))


def find_remote_theme(source: Path, raw: str, env: Mapping[str, str] | None = None
                      ) -> ResolvedTheme:
    ref = remote.parse_remote_theme(raw)
    if ref is None:
        raise BuildError("_config.yml", config_line(source, "remote_theme"),
                         f"remote_theme: '{raw}' is not OWNER/REPOSITORY[@REF]")
    vendored = _vendored(source, f"{ref.owner}/{ref.name}")
    if vendored is not None:
        return ResolvedTheme("remote_theme", f"{ref.owner}/{ref.name}", vendored, "vendored",
                             str(vendored),
                             dependencies=tuple(_remote_dependencies(vendored, ref.name)))
    try:
        root = remote.fetch(ref, env)
    except remote.ThemeUnavailable as exc:
        raise _missing(source, "remote_theme", ref.label, str(exc),
                       f"build once with network to cache it, or "
                       f"{_vendor_hint(ref.owner + '/' + ref.name)}") from None
    return ResolvedTheme("remote_theme", f"{ref.owner}/{ref.name}", root, "download",
                         f"{remote.archive_url(ref, env)} ({root})", ref.ref,
                         tuple(_remote_dependencies(root, ref.name)))


def _remote_dependencies(root: Path, name: str) -> list[str]:
    """jekyll-remote-theme reads a theme's dependencies from ``NAME.gemspec`` or
    ``jekyll-theme-NAME.gemspec`` in the repository, nowhere else."""
    for candidate in (f"{name}.gemspec", f"jekyll-theme-{name}.gemspec"):
        if (root / candidate).is_file():
            return gems.spec_dependencies(root, root / candidate)
    return []


def resolve(source: Path, config: Mapping[str, Any], diagnostics: Diagnostics,
            env: Mapping[str, str] | None = None) -> ResolvedTheme | None:
    """The site's theme, or None when it names none."""
    raw_remote = config.get("remote_theme")
    if raw_remote:
        return find_remote_theme(source, str(raw_remote), env)
    raw = config.get("theme")
    if raw is None:
        return None
    if not isinstance(raw, str):
        diagnostics.warn("_config.yml", config_line(source, "theme"),
                         "value of 'theme' should be a string to use a gem-based theme, but "
                         f"got {type(raw).__name__}; no theme is used")
        return None
    name = raw.strip().lower()
    return find_gem_theme(source, name, env) if name else None


def theme_config(theme: ResolvedTheme, config: Mapping[str, Any]) -> tuple[dict, list[str]]:
    """The site's configuration with the theme's ``_config.yml`` underneath it, and the
    keys of the theme's file that were dropped (Jekyll's own settings, which a theme may
    not change). ``ignore_theme_config: true``, a symlinked file or a remote theme
    (jekyll-remote-theme sets the theme after the configuration is read): unchanged."""
    if config.get("ignore_theme_config") is True or theme.key == "remote_theme":
        return dict(config), []
    path = theme.root / "_config.yml"
    if not path.is_file() or path.is_symlink():
        return dict(config), []
    rel = f"{theme.basename}/_config.yml"
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(rel, None, f"the theme's configuration cannot be read: {exc}") from None
    data = load_yaml(text, rel)
    if not isinstance(data, Mapping):
        return dict(config), []
    dropped = [k for k in data if k in JEKYLL_DEFAULT_KEYS]
    kept = {k: v for k, v in data.items() if k not in JEKYLL_DEFAULT_KEYS}
    return deep_merge(kept, config), dropped

