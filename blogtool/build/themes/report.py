"""What ``blogtool doctor`` says about a site's theme, without downloading anything: where
the theme comes from, and for every file the theme provides whether the site's own file of
the same name is used instead."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ...errors import BuildError, Diagnostics
from . import remote
from .resolve import FOLDERS, ResolvedTheme, config_line, resolve


class ThemeNote(NamedTuple):
    path: str
    line: int | None
    message: str
    action: str
    unsupported: bool


def _files(theme: ResolvedTheme) -> list[str]:
    out: list[str] = []
    for folder in FOLDERS:
        base = theme.path_for(folder)
        if base is None:
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                out.append((Path(dirpath) / name).relative_to(base.parent).as_posix())
    return out


def _site_path(rel: str, config: Mapping[str, Any]) -> str:
    """Where the site's own copy of a theme file would be (layouts_dir, includes_dir...)."""
    folder, _, rest = rel.partition("/")
    renamed = {"_layouts": config.get("layouts_dir"), "_includes": config.get("includes_dir"),
               "_data": config.get("data_dir")}.get(folder)
    return f"{str(renamed).strip('/')}/{rest}" if renamed else rel


def theme_notes(source: Path, config: Mapping[str, Any]) -> list[ThemeNote]:
    key = "remote_theme" if config.get("remote_theme") else "theme"
    if not config.get(key):
        return []
    line = config_line(source, key)
    env = {**os.environ, remote.OFFLINE_ENV: "1"}
    try:
        theme = resolve(source, config, Diagnostics(), env)
    except BuildError as exc:
        return [ThemeNote("_config.yml", line, f"'{key}: {config[key]}' is not here yet: "
                          f"{exc.problem.message}", "a build downloads it from GitHub when it "
                          "knows where (then works offline); see 'blogtool theme vendor'",
                          key == "theme" and "blogtool does not know" in exc.problem.message)]
    if theme is None:
        return []
    version = f" {theme.version}" if theme.version else ""
    plugins = f"; it turns on {', '.join(theme.dependencies)}" if theme.dependencies else ""
    used: list[str] = []
    replaced: list[str] = []
    for rel in _files(theme):
        (replaced if (source / _site_path(rel, config)).exists() else used).append(rel)
    listing = f"; from the theme: {', '.join(used) or 'nothing'}"
    own = [r for r in replaced if not r.startswith("_sass/")]
    partials = [r for r in replaced if r.startswith("_sass/")]
    if own:
        listing += f"; the site's own files instead: {', '.join(own)}"
    if partials:
        listing += (f"; Sass partials the site also has (the theme's own imports still find "
                    f"the theme's copy first): {', '.join(partials)}")
    return [ThemeNote("_config.yml", line, f"'{key}: {config[key]}' is loaded from "
                      f"{theme.where} ({theme.origin}{version}){plugins}{listing}",
                      "renders with the theme's layouts, includes, Sass, assets and data under "
                      "the site's own files, as Jekyll does", False)]
