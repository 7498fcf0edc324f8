"""Sass pages compiled as Jekyll 4.3.1 (jekyll-sass-converter 2.2.0 on sassc) compiles them.

Expected CSS texts below were produced by real Jekyll 4.3.1 from the same sources
(``JEKYLL_ENV=production jekyll build``); the minima-like fixture's CSS and source map are
Jekyll's output committed in ``tests/fixtures/themes/minima/_expected/``.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from blogtool.build.config import load_config, settings_from
from blogtool.build.reader import read_site
from blogtool.build.sass import (
    DEFAULT_STYLE,
    SassOptions,
    compile_sass,
    compile_sass_page,
    load_paths,
    sass_options,
    source_map_dest,
    wants_source_map,
)
from blogtool.errors import BuildError, Diagnostics
from blogtool.models import Document
from blogtool.timeutil import RubyTime

MINIMA = Path(__file__).parent / "fixtures" / "themes" / "minima"


def _page(source: Path, rel: str, sass: dict | None = None):
    overrides = {"sass": sass} if sass is not None else None
    config = load_config(source, overrides=overrides)
    settings = settings_from(config, str(source / "_site"))
    now = RubyTime.wrap(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    sources = read_site(config, settings, now, Diagnostics())
    doc = next(d for d in sources.pages if d.rel_path == rel)
    return doc, settings, config.get("sass") or {}


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """The small site the expected CSS texts were made from with Jekyll."""
    (tmp_path / "_sass").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "vendor" / "lib1").mkdir(parents=True)
    (tmp_path / "_sass" / "_vars.scss").write_text(
        "$c: #333 !default;\n@mixin b { border: 1px solid $c; }\n", "utf-8")
    (tmp_path / "vendor" / "lib1" / "_lib.scss").write_text(".lib { margin: 0 }\n", "utf-8")
    (tmp_path / "css" / "s.scss").write_text(
        '---\n---\n@import "vars", "lib";\n/* 中文注释 */\n'
        '.a { .b { color: $c; content: "中"; } @include b; }\n', "utf-8")
    (tmp_path / "css" / "i.sass").write_text(
        "---\n---\n$w: 10px\n.n\n  width: $w * 2\n  &:hover\n    color: red\n", "utf-8")
    return tmp_path


def _css(site: Path, rel: str, sass: dict, environment: str = "production") -> str:
    doc, settings, options = _page(site, rel, sass)
    return compile_sass(doc.body, doc, settings, options, environment=environment)


# --- the minima-like fixture: byte-identical to Jekyll ---------------------------------------


def test_minima_stylesheet_and_source_map_are_jekylls() -> None:
    doc, settings, options = _page(MINIMA, "assets/main.scss")
    out = compile_sass_page(doc.body, doc, settings, options)
    expected = MINIMA / "_expected" / "assets"
    assert out.css == (expected / "main.css").read_text("utf-8")
    assert out.css.endswith("\n\n/*# sourceMappingURL=main.css.map */")
    assert (out.map_dest, out.map_url) == ("assets/main.css.map", "/assets/main.css.map")
    assert out.map_text == (expected / "main.css.map").read_text("utf-8")
    assert json.loads(out.map_text)["sources"] == [
        "main.scss", "_sass/minima.scss", "_sass/minima/_base.scss",
        "_sass/minima/_layout.scss", "_sass/minima/_syntax.scss"]


# --- styles, load paths, source maps, charset (Jekyll's output) --------------------------------


def test_default_style_is_compact_with_a_source_map(site: Path) -> None:
    out = _css(site, "css/s.scss", {"load_paths": ["vendor/*"]})
    assert out == ('@charset "UTF-8";\n.lib { margin: 0; }\n\n/* 中文注释 */\n'
                   '.a { border: 1px solid #333; }\n\n.a .b { color: #333; content: "中"; }\n\n'
                   '/*# sourceMappingURL=s.css.map */')


def test_indented_sass_syntax(site: Path) -> None:
    assert _css(site, "css/i.sass", {}) == (
        ".n { width: 20px; }\n\n.n:hover { color: red; }\n\n/*# sourceMappingURL=i.css.map */")


def test_ruby_symbol_style_compressed_drops_the_bom(site: Path) -> None:
    sass = {"style": ":compressed", "load_paths": ["vendor/*"], "sourcemap": "never"}
    assert _css(site, "css/s.scss", sass) == \
        '.lib{margin:0}.a{border:1px solid #333}.a .b{color:#333;content:"中"}\n'
    assert _css(site, "css/i.sass", sass) == ".n{width:20px}.n:hover{color:red}\n"


def test_expanded_style(site: Path) -> None:
    sass = {"style": "expanded", "load_paths": ["vendor/*"], "sourcemap": "never",
            "add_charset": True}
    assert _css(site, "css/i.sass", sass) == (".n {\n  width: 20px;\n}\n\n"
                                              ".n:hover {\n  color: red;\n}\n")
    assert _css(site, "css/s.scss", sass).startswith('@charset "UTF-8";\n.lib {\n  margin: 0;\n}\n')


def test_unknown_style_falls_back_to_compact_and_development_maps(site: Path) -> None:
    sass = {"style": "bogus", "load_paths": ["vendor/*"], "sourcemap": "development"}
    assert _css(site, "css/i.sass", sass, "production") == \
        ".n { width: 20px; }\n\n.n:hover { color: red; }\n"
    assert _css(site, "css/i.sass", sass, "development").endswith(
        "/*# sourceMappingURL=i.css.map */")


def test_add_charset_replaces_the_bom_of_compressed_output(site: Path) -> None:
    sass = {"style": "compressed", "load_paths": ["vendor/*"], "sourcemap": "never",
            "add_charset": True}
    assert _css(site, "css/s.scss", sass).startswith('@charset "UTF-8";.lib{margin:0}')


def test_options_read_like_jekyll() -> None:
    assert sass_options(None) == SassOptions()
    assert DEFAULT_STYLE == "compact"
    opts = sass_options({"style": ":Expanded", "sass_dir": "", "load_paths": "node_modules",
                         "sourcemap": ":never"})
    assert (opts.style, opts.sass_dir, opts.load_paths, opts.sourcemap) == \
        ("expanded", "_sass", ("node_modules",), "never")
    assert sass_options({"sourcemap": "sometimes"}).sourcemap == "always"
    assert not wants_source_map(sass_options({"sourcemap": "never"}))
    assert wants_source_map(sass_options({"sourcemap": "development"}), "development")
    assert not wants_source_map(sass_options({"sourcemap": "development"}), "production")


def test_load_paths_expand_globs_keep_order_and_drop_missing(tmp_path: Path) -> None:
    for d in ("vendor/b", "vendor/a", "styles", "_sass"):
        (tmp_path / d).mkdir(parents=True)
    opts = sass_options({"load_paths": ["vendor/*", "missing", "styles"], "sass_dir": "_sass"})
    assert load_paths(tmp_path, opts) == [str(tmp_path / p) for p in
                                          ("vendor/a", "vendor/b", "styles", "_sass")]
    assert load_paths(tmp_path, sass_options({"sass_dir": "nope"})) == []


def test_custom_sass_dir(site: Path) -> None:
    (site / "_sass").rename(site / "_styles")
    out = _css(site, "css/s.scss", {"sass_dir": "_styles", "load_paths": ["vendor/*"],
                                    "sourcemap": "never", "style": "compressed"})
    assert out.startswith(".lib{margin:0}.a{border:1px solid #333}")


def test_source_map_goes_next_to_the_css() -> None:
    doc = Document(kind="page", collection=None, rel_path="css/深/site.scss", data={}, body="",
                   body_line=3, url="/css/深/site.css", dest="css/深/site.css", ext=".scss",
                   output_ext=".css", markdown=False)
    assert source_map_dest(doc) == ("css/深/site.css.map", "/css/深/site.css.map")


# --- errors name the file and the line -------------------------------------------------------


def test_syntax_error_line_counts_the_front_matter(site: Path) -> None:
    (site / "css" / "bad.scss").write_text("---\ntitle: x\n---\n.a {\n  color: red\n  b: 1;\n}\n",
                                           "utf-8")
    for sass in ({}, {"sourcemap": "never"}):
        with pytest.raises(BuildError) as err:
            _css(site, "css/bad.scss", sass)
        assert err.value.problem.path == "css/bad.scss"
        assert err.value.problem.line == 6
        assert err.value.problem.message.startswith("Sass error: Invalid CSS after")


def test_error_in_a_partial_names_the_partial(site: Path) -> None:
    (site / "_sass" / "_broken.scss").write_text(".x {\n  color: $nope;\n}\n", "utf-8")
    (site / "css" / "uses.scss").write_text('---\n---\n@import "broken";\n', "utf-8")
    for sass in ({}, {"sourcemap": "never"}):
        with pytest.raises(BuildError) as err:
            _css(site, "css/uses.scss", sass)
        problem = err.value.problem
        assert (problem.path, problem.line) == ("_sass/_broken.scss", 2)
        assert problem.message == 'Sass error: Undefined variable: "$nope".'


# --- where an @import is looked for (jekyll-sass-converter hands sassc <source>/<page name>) ----

SASS_IMPORTS = Path(__file__).parent / "fixtures" / "sites" / "sass-imports"


@pytest.mark.parametrize("sourcemap", ["always", "never"])
def test_page_importing_its_own_name_finds_the_partial_not_itself(sourcemap: str) -> None:
    # css/default.scss: @import "default" -> _sass/default.scss (Jekyll 4.3.1's output below)
    doc, settings, options = _page(SASS_IMPORTS, "css/default.scss", {"sourcemap": sourcemap})
    out = compile_sass_page(doc.body, doc, settings, options)
    css = ".base { color: #c00; }\n\n.default { margin: 0; }\n\nbody { color: #222; }\n"
    if sourcemap == "always":
        assert out.css == css + "\n/*# sourceMappingURL=default.css.map */"
        assert json.loads(out.map_text or "")["sources"] == [
            "default.scss", "_sass/default.scss", "_sass/theme/_base.scss",
            "_sass/theme/_colors.scss"]
    else:
        assert out.css == css and out.map_text is None


def test_imports_are_looked_for_in_the_source_folder_not_next_to_the_page() -> None:
    # assets/css/_vars.scss sits next to the page, _vars.scss in the source, _sass/_vars.scss in
    # the load path: Jekyll takes the source folder's (30px)
    doc, settings, options = _page(SASS_IMPORTS, "assets/css/plain.scss", {"sourcemap": "never"})
    assert compile_sass(doc.body, doc, settings, options) == ".plain { width: 30px; }\n"


def test_a_sass_page_is_never_laid_out(tmp_path: Path) -> None:
    # the fixture's defaults: give every file `layout: default`; Jekyll still writes bare CSS
    from blogtool.build.site import build

    build(SASS_IMPORTS, tmp_path / "site", overrides={"blogtool": {"compat": "jekyll"}},
          use_cache=False, jobs=1)
    css = (tmp_path / "site" / "css" / "default.css").read_text("utf-8")
    assert css.startswith(".base { color: #c00; }") and "<title>" not in css
    assert "<title>样式表</title>" in (tmp_path / "site" / "2020" / "01" / "02" /
                                   "styles.html").read_text("utf-8")
