"""Sass/SCSS pages compiled to CSS as jekyll-sass-converter does (``_sass/`` load path,
``sass: {style, sass_dir, load_paths}`` config), with libsass when it is installed."""
from __future__ import annotations

from pathlib import Path

from .config import Settings
from .errors import BuildError
from .models import Document

_STYLES = {"expanded", "compressed", "compact", "nested"}


def compile_sass(text: str, doc: Document, settings: Settings, options: dict | None = None) -> str:
    """Compile one ``.scss``/``.sass`` page; errors carry the file and line."""
    try:
        import sass  # libsass
    except ImportError:
        raise BuildError(doc.rel_path, None, "Sass needs the 'libsass' package: "
                                             "pip install 'blogtool-ssg[sass]'") from None
    options = options or {}
    source = Path(settings.source)
    load_paths = [str(source / options.get("sass_dir", "_sass"))]
    load_paths += [str(source / p) for p in options.get("load_paths", []) or []]
    style = str(options.get("style", "expanded")).lower()
    if style not in _STYLES:
        style = "expanded"
    try:
        css = sass.compile(string=text, include_paths=load_paths, output_style=style,
                           indented=doc.ext.lower() == ".sass")
    except sass.CompileError as exc:
        message = str(exc).strip().splitlines()
        line = None
        for part in message:
            if "line " in part:
                digits = "".join(ch for ch in part.split("line ", 1)[1] if ch.isdigit())
                line = int(digits) + doc.body_line - 1 if digits else None
                break
        raise BuildError(doc.rel_path, line, f"Sass error: {message[0] if message else exc}") \
            from None
    return css
