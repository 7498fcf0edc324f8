"""The theme's stylesheet, ``assets/blogtool.css``: the theme's own CSS followed by the code
colours generated from Pygments styles (light, and dark under ``prefers-color-scheme``)."""
from __future__ import annotations

from pathlib import Path

from ...theme import templates_dir

STYLESHEET = "assets/blogtool.css"
THEME_CSS = "static/blogtool.css"


def code_css(light: str, dark: str | None) -> str:
    """Pygments-generated rules for ``.highlight``; empty if highlighting is unavailable."""
    try:
        from ...markup.codecss import code_css as style_css
    except ImportError:
        return ""
    return style_css(light, dark)


def theme_css(source: str | Path) -> str:
    """The site's ``_templates/static/blogtool.css`` if it has one, else the theme's."""
    own = Path(source) / "_templates" / THEME_CSS
    path = own if own.is_file() else templates_dir() / THEME_CSS
    return path.read_text("utf-8")


def stylesheet(source: str | Path, light: str, dark: str | None) -> str:
    return theme_css(source) + "\n/* code: Pygments styles */\n" + code_css(light, dark)
