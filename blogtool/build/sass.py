"""Sass/SCSS pages compiled to CSS as jekyll-sass-converter 2.2 (Jekyll 4.3's, on sassc, i.e.
libsass) does, so that a Jekyll site's stylesheet comes out byte for byte the same:

* load paths: ``sass.load_paths`` (globs, relative to the source) then ``sass.sass_dir``
  (default ``_sass``), only those that exist;
* an ``@import`` in the page is looked for in the site source folder first (sassc is told the
  page lives there), never in the page's own folder, then in the load paths; imports inside
  partials are relative to the partial as usual;
* ``sass.style``: ``nested | expanded | compact | compressed`` (a leading ``:`` is allowed, as
  in Ruby); anything else, or nothing, gives **compact**, sassc's default in Jekyll 4.3;
* ``sass.sourcemap``: ``always`` (default) | ``never`` | ``development`` (only when
  ``JEKYLL_ENV`` is development): the CSS then ends with ``/*# sourceMappingURL=x.css.map */``
  and a ``x.css.map`` page is written next to it. Its ``sources`` are relative to the site
  source, as Jekyll writes them;
* ``sass.add_charset``: the byte order mark libsass puts in compressed non-ASCII output is
  replaced by ``@charset "UTF-8";`` (else dropped).

``compile_sass`` returns the CSS; ``compile_sass_page`` also returns the source map and where
it goes.
"""
from __future__ import annotations

import glob
import os
import posixpath
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BuildError
from ..models import Document
from .config import Settings
from .themes.layer import sass_path as theme_sass_path

STYLES = ("nested", "expanded", "compact", "compressed")
DEFAULT_STYLE = "compact"          # jekyll-sass-converter 2.x with sassc
_BOM = "\ufeff"
_SOURCES = re.compile(r'("sources"\s*:\s*\[)(.*?)(\])', re.S)
_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class SassOptions:
    """The ``sass:`` block of ``_config.yml``, read the way jekyll-sass-converter reads it."""

    style: str = DEFAULT_STYLE
    sass_dir: str = "_sass"
    load_paths: tuple[str, ...] = ()
    sourcemap: str = "always"
    add_charset: bool = False
    line_comments: bool = False


@dataclass(frozen=True)
class SassOutput:
    """A compiled stylesheet; ``map_dest``/``map_text`` are None when no map is written."""

    css: str
    map_dest: str | None = None
    map_url: str | None = None
    map_text: str | None = None


def sass_options(raw: Mapping[str, Any] | None) -> SassOptions:
    """Normalise the ``sass:`` configuration (unknown values fall back like Jekyll's)."""
    raw = raw if isinstance(raw, Mapping) else {}
    style = str(raw.get("style") or DEFAULT_STYLE).lstrip(":").lower()
    sass_dir = str(raw.get("sass_dir") or "").strip() or "_sass"
    paths = raw.get("load_paths") or ()
    if isinstance(paths, str):
        paths = (paths,)
    sourcemap = str(raw.get("sourcemap") or "always").lstrip(":").lower()
    return SassOptions(style=style if style in STYLES else DEFAULT_STYLE, sass_dir=sass_dir,
                       load_paths=tuple(str(p) for p in paths),
                       sourcemap=sourcemap if sourcemap in ("always", "never", "development")
                       else "always",
                       add_charset=bool(raw.get("add_charset")),
                       line_comments=bool(raw.get("line_comments")))


def load_paths(source: str | Path, options: SassOptions) -> list[str]:
    """User load paths (globs allowed) then the sass directory; existing directories only,
    each once, in that order."""
    source = Path(source)
    out: list[str] = []
    for pattern in (*options.load_paths, options.sass_dir):
        matches = sorted(glob.glob(str(source / pattern))) if glob.has_magic(pattern) \
            else [str(source / pattern)]
        for match in matches:
            path = os.path.abspath(match)
            if os.path.isdir(path) and path not in out:
                out.append(path)
    return out


ASSET_EXTS = (".sass", ".scss", ".coffee")


def never_laid_out(doc: Document) -> bool:
    """Jekyll never puts a Sass (or CoffeeScript) page in a layout, whatever its front matter
    or ``defaults:`` say (``place_in_layout?`` is false for asset files)."""
    return doc.ext.lower() in ASSET_EXTS


def wants_source_map(options: SassOptions, environment: str = "development") -> bool:
    if options.sourcemap == "never":
        return False
    if options.sourcemap == "development":
        return environment == "development"
    return True


def source_map_dest(doc: Document) -> tuple[str, str]:
    """(destination path, URL) of the ``.css.map`` page Jekyll writes next to the CSS."""
    stem = doc.basename
    dest_dir = posixpath.dirname(doc.dest)
    url_dir = doc.url.rsplit("/", 1)[0]
    return (posixpath.join(dest_dir, stem + ".css.map") if dest_dir else stem + ".css.map",
            f"{url_dir}/{stem}.css.map")


def compile_sass(text: str, doc: Document, settings: Settings,
                 options: Mapping[str, Any] | None = None, *,
                 environment: str = "development") -> str:
    """The CSS of one ``.scss``/``.sass`` page (Liquid already rendered); errors carry the
    file and the line in the source file."""
    return compile_sass_page(text, doc, settings, options, environment=environment).css


def compile_sass_page(text: str, doc: Document, settings: Settings,
                      options: Mapping[str, Any] | None = None, *,
                      environment: str = "development") -> SassOutput:
    """CSS and, unless ``sourcemap`` says otherwise, the source map Jekyll writes with it."""
    try:
        import sass  # libsass, the optional "sass" extra
    except ImportError:
        raise BuildError(doc.rel_path, None, "Sass needs the 'libsass' package (a blogtool "
                                             "dependency): pip install libsass") from None
    opts = sass_options(options)
    source = os.path.abspath(settings.source)
    # sassc is given the page's text under the name ``<source>/<page name>``: its imports are
    # looked for in the site source folder (not the page's own folder), then the load paths.
    # ``css/default.scss`` importing "default" therefore finds ``_sass/default.scss``.
    paths = [source, *(p for p in load_paths(source, opts) if p != source),
             *theme_sass_path(settings)]
    with_map = wants_source_map(opts, environment)
    with tempfile.TemporaryDirectory(prefix="blogtool-sass-") as tmp:
        # an unguessable name in an otherwise empty folder: no import can find the page itself
        main = os.path.join(tmp, _MAIN + (".sass" if doc.ext.lower() == ".sass" else ".scss"))
        with open(main, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            if not with_map:
                css = sass.compile(filename=main, include_paths=paths, output_style=opts.style,
                                   source_comments=opts.line_comments)
                return SassOutput(_charset(css, opts))
            css, map_text = sass.compile(
                filename=main, include_paths=paths, output_style=opts.style,
                source_comments=opts.line_comments,  # .sass syntax follows the file name
                source_map_filename=os.path.join(tmp, doc.basename + ".css.map"),
                output_filename_hint=os.path.join(tmp, doc.basename + ".css"),
                source_map_contents=True)
        except sass.CompileError as exc:
            raise _located(exc, doc, source, main) from None
        map_text = _rename_sources(map_text, tmp, main, doc.name, source)
    map_dest, map_url = source_map_dest(doc)
    return SassOutput(_charset(css, opts), map_dest, map_url, map_text)


_MAIN = "blogtool-sass-page-7f3c"


def _rename_sources(map_text: str, tmp: str, main: str, name: str, source: str) -> str:
    """Name the map's sources as sassc does under Jekyll: the page by its file name, the
    rest relative to the site source."""
    def rename(m: re.Match) -> str:
        path = os.path.normpath(os.path.join(tmp, m.group(1)))
        if path == main:
            return f'"{name}"'
        return '"' + os.path.relpath(path, source).replace(os.sep, "/") + '"'

    return _SOURCES.sub(lambda m: m.group(1) + _JSON_STRING.sub(rename, m.group(2)) + m.group(3),
                        map_text, count=1)


def _charset(css: str, opts: SassOptions) -> str:
    if css.startswith(_BOM):
        return ('@charset "UTF-8";' if opts.add_charset else "") + css[1:]
    return css


_WHERE = re.compile(r"on line (\d+)(?::\d+)? of (.+)$")


def _located(exc: Exception, doc: Document, source: str, main: str | None = None) -> BuildError:
    """``path:line: Sass error: ...``: the line counted in the page's file (front matter
    included), or the imported partial, relative to the site source, where the error is."""
    lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
    message = lines[0].replace("Error: ", "", 1) if lines else str(exc)
    path, line = doc.rel_path, None
    for part in lines:
        m = _WHERE.match(part)
        if not m:
            continue
        where = m.group(2).strip()
        if where == "stdin" or (main is not None and os.path.abspath(where) == main):
            line = int(m.group(1)) + doc.body_line - 1
        else:
            path = os.path.relpath(os.path.abspath(where), source).replace(os.sep, "/")
            line = int(m.group(1))
        break
    return BuildError(path, line, f"Sass error: {message}")
