"""Jekyll themes: gem themes and remote themes found, downloaded or vendored
(:mod:`.resolve`, :mod:`.gems`, :mod:`.remote`), then laid under the site's own files
(:mod:`.layer`).

:func:`apply` is the build's single entry point: it returns the configuration with the
theme's ``_config.yml`` merged under the site's, and settings that name the theme's folder
(``theme_root``), make the site a Jekyll site and add the theme gem's runtime
dependencies to the active plugins, as Jekyll requires them (a remote theme: those of its
gemspec, as jekyll-remote-theme reads them; its ``_config.yml`` is not read).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ...errors import Diagnostics
from ..settings import Settings, settings_from
from .layer import layer, sass_path
from .resolve import ResolvedTheme, resolve, theme_config

__all__ = ["ResolvedTheme", "apply", "layer", "resolve", "sass_path"]


def apply(source: Path, config: dict, settings: Settings, diagnostics: Diagnostics,
          env: Mapping[str, str] | None = None
          ) -> tuple[dict, Settings, ResolvedTheme | None]:
    theme = resolve(source, config, diagnostics, env)
    if theme is None:
        return config, settings, None
    merged, _dropped = theme_config(theme, config)
    new = settings_from(merged, settings.destination)
    plugins = new.plugins + tuple(d for d in theme.dependencies if d not in new.plugins)
    return merged, replace(new, jekyll_site=True, theme_root=str(theme.root),
                           plugins=plugins), theme
