"""A theme's files laid under the site's, as Jekyll 4.3.1 reads them:

* layouts: the site's first; a theme layout is used for every name the site lacks;
* data: the theme's ``_data`` deep-merged under the site's (the site wins key by key);
* ``assets/``: every file of the theme's assets folder, a page if it has front matter, else
  a static file, unless the site has one of the same kind at the same path (symlinks are
  skipped with a warning); they come after the site's own files;
* includes and Sass partials are looked up at render time (the Liquid engine and the Sass
  compiler take the theme's ``_includes`` and ``_sass`` after the site's).
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import replace
from pathlib import Path

from ...errors import Diagnostics
from ...models import Sources, StaticFile
from ...timeutil import RubyTime
from .. import frontmatter
from ..config import deep_merge
from ..reader import read_pages, read_theme_layers
from ..settings import Settings
from .resolve import ResolvedTheme


def theme_settings(settings: Settings, theme: ResolvedTheme) -> Settings:
    """Settings that read files from the theme's folder instead of the site's."""
    return replace(settings, source=str(theme.root))


def _asset_files(root: Path, diagnostics: Diagnostics, label: str) -> list[tuple[str, Path]]:
    """(path relative to the theme, file) for every file under ``assets``, sorted."""
    out: list[tuple[str, Path]] = []
    base = root / "assets"
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                diagnostics.warn(f"{label}/{rel}", None,
                                 "is a symbolic link in the theme's assets; ignored")
                continue
            out.append((rel, path))
    return out


def layer(config: dict, settings: Settings, sources: Sources, theme: ResolvedTheme | None,
          now: RubyTime, diagnostics: Diagnostics) -> Sources:
    """``sources`` with the theme's layouts, data and assets added where the site has none."""
    if theme is None:
        return sources
    inner = theme_settings(settings, theme)
    layouts, data = read_theme_layers(config, inner, now, diagnostics, str(theme.root))
    merged_layouts = dict(sources.layouts)
    for name, layout in layouts.items():
        if name not in merged_layouts:
            merged_layouts[name] = replace(layout, rel_path=f"{theme.basename}/{layout.rel_path}")
    merged_data = deep_merge(data, sources.data) if data else sources.data
    pages = list(sources.pages)
    statics = list(sources.static_files)
    page_paths = {p.rel_path for p in pages}
    static_paths = {f.rel_path for f in statics}
    if theme.path_for("assets") is not None:
        for rel, path in _asset_files(theme.root, diagnostics, theme.basename):
            try:
                with open(path, "rb") as fh:
                    head = fh.read(256)
            except OSError:
                head = b""
            if frontmatter.has_front_matter(head):
                if rel in page_paths:
                    continue
                pages.extend(read_pages(config, inner, [rel], now, diagnostics))
                page_paths.add(rel)
            else:
                if rel in static_paths:
                    continue
                try:
                    mtime = path.stat().st_mtime
                except OSError:
                    mtime = 0.0
                statics.append(StaticFile(rel_path=rel, abs_path=str(path), dest=rel,
                                          url="/" + rel, mtime=mtime))
                static_paths.add(rel)
    return replace(sources, layouts=merged_layouts, data=merged_data, pages=pages,
                   static_files=statics)


def sass_path(settings: Settings) -> list[str]:
    """The theme's ``_sass`` folder as a Sass load path (after the site's), if it has one."""
    root = getattr(settings, "theme_root", "")
    if not root:
        return []
    path = posixpath.join(root, "_sass")
    return [os.path.abspath(path)] if os.path.isdir(path) else []
