"""The fixture builds: which site folder, with which flags and configuration.

A site folder can be built several ways (``permalink-date`` and ``permalink-pretty`` are the
same source with another ``permalink:``), so a *build* has a name of its own. Every build is
made once per test session by real Jekyll and by blogtool (see ``tests/conftest.py``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"


@dataclass(frozen=True)
class FixtureBuild:
    name: str
    site: str                                   # folder under tests/fixtures/sites
    args: tuple[str, ...] = ()                  # flags given to both generators
    config: Mapping | None = None               # extra configuration file merged last
    preexisting: Mapping[str, str] | None = None  # files already in the destination
    layouts: bool = True                        # pages have layouts: compare titles and text
    min_text: float = 1.0                       # lowest acceptable per-page text similarity
    baseurl: str = ""
    note: str = ""                              # why a threshold is below 1.0
    extra: Mapping = field(default_factory=dict)

    @property
    def source(self) -> Path:
        return SITES / self.site


_STALE = {"stale.html": "stale output of an earlier build\n",
          "old/dir/x.txt": "stale\n",
          ".git/HEAD": "ref: refs/heads/main\n",
          "kept/notes.txt": "kept by keep_files\n"}

BUILDS: dict[str, FixtureBuild] = {b.name: b for b in [
    FixtureBuild("posts-discovery", "posts-discovery"),
    FixtureBuild("post-filenames", "post-filenames"),
    FixtureBuild("drafts", "drafts", args=("--drafts",)),
    FixtureBuild("drafts-off", "drafts"),
    FixtureBuild("pages", "pages"),
    FixtureBuild("data", "data"),
    FixtureBuild("collections", "collections"),
    FixtureBuild("include-exclude", "include-exclude", preexisting=_STALE),
    FixtureBuild("keep-default", "keep-default", preexisting=_STALE),
    FixtureBuild("dates-utc", "dates"),
    FixtureBuild("dates-shanghai", "dates", config={"timezone": "Asia/Shanghai"}),
    FixtureBuild("dates-newyork", "dates", config={"timezone": "America/New_York"}),
    FixtureBuild("published", "published"),
    FixtureBuild("unpublished", "published", args=("--unpublished",)),
    FixtureBuild("future", "future"),
    FixtureBuild("future-on", "future", args=("--future",)),
    FixtureBuild("titles", "titles"),
    FixtureBuild("cjk-names", "cjk-names"),
    FixtureBuild("nfd-names", "nfd-names"),
    FixtureBuild("front-matter", "front-matter"),
    *[FixtureBuild(f"permalink-{style}", "permalink-styles", config={"permalink": style})
      for style in ("date", "pretty", "ordinal", "weekdate", "none")],
    FixtureBuild("permalink-custom", "permalink-custom"),
    FixtureBuild("slugify", "slugify"),
    FixtureBuild("baseurl", "baseurl", baseurl="/blog"),
    FixtureBuild("baseurl-flag", "baseurl", args=("--baseurl", "/other"), baseurl="/other"),
    FixtureBuild("excerpts", "excerpts"),
    FixtureBuild("defaults", "defaults"),
    FixtureBuild("jb-permalinks", "jb-permalinks"),
    FixtureBuild("code-blocks", "code-blocks"),
    FixtureBuild("highlighter-pygments", "highlighter-pygments"),
    FixtureBuild("header-ids", "header-ids"),
    FixtureBuild("site-order", "site-order"),
    FixtureBuild("bad-yaml", "bad-yaml"),
    FixtureBuild("encoding", "encoding"),
    FixtureBuild("kramdown-input", "kramdown-input"),
    FixtureBuild("no-layouts", "no-layouts", layouts=False),
    FixtureBuild("sass-imports", "sass-imports"),
    FixtureBuild("sass-imports-nomap", "sass-imports", config={"sass": {"sourcemap": "never"}}),
    FixtureBuild("related-posts", "related-posts"),
    FixtureBuild("generator-order", "generator-order",
                 config={"time": "2020-02-01 00:00:00 +0000"}),
    FixtureBuild("generator-order-feed-first", "generator-order",
                 config={"time": "2020-02-01 00:00:00 +0000",
                         "plugins": ["jekyll-feed", "jekyll-paginate", "jekyll-sitemap"]}),
    FixtureBuild("drops", "drops"),
]}

# Gem themes (Debian's jekyll-theme-minima 2.5.1): the site `jekyll new` makes, and a site
# overriding an include, a layout, the theme's stylesheet and one Sass partial.
_PINNED_TIME = {"time": "2024-06-01 12:00:00 +0000"}
BUILDS.update({b.name: b for b in [
    FixtureBuild("jekyll-new", "jekyll-new", config=_PINNED_TIME),
    FixtureBuild("minima-override", "minima-override", config=_PINNED_TIME),
]})

# Plugins (Debian's ruby-jekyll-* packages), one fixture each.
BUILDS.update({b.name: b for b in [
    FixtureBuild("plugin-toc", "plugin-toc"),
    FixtureBuild("plugin-gist", "plugin-gist"),
    FixtureBuild("plugin-include-cache", "plugin-include-cache"),
    FixtureBuild("plugin-mentions", "plugin-mentions"),
    FixtureBuild("plugin-readme-index", "plugin-readme-index"),
    FixtureBuild("plugin-titles-from-headings", "plugin-titles-from-headings"),
    FixtureBuild("plugin-default-layout", "plugin-default-layout"),
    FixtureBuild("plugin-optional-front-matter", "plugin-optional-front-matter"),
    FixtureBuild("plugin-github-metadata", "plugin-github-metadata"),
    FixtureBuild("plugin-last-modified-at", "plugin-last-modified-at"),
    FixtureBuild("plugin-paginate-v2", "plugin-paginate-v2"),
]})

# Posts as authors pasted them: headings without the space, logs and Java at uneven indents.
BUILDS["pasted"] = FixtureBuild("pasted", "pasted")

# Dates as Time.parse reads them, front matter categories/tags, page output names
BUILDS.update({b.name: b for b in [
    FixtureBuild("dates-timeparse", "dates-timeparse"),
    FixtureBuild("frontmatter-categories", "frontmatter-categories", min_text=0.8,
                 note="a nested categories list: Jekyll keeps the inner list itself in "
                      "page.categories (join prints its items); blogtool keeps its to_s text, "
                      "as site.categories cannot be keyed by a list. URLs are identical."),
    FixtureBuild("page-urls", "page-urls"),
    FixtureBuild("page-urls-pretty", "page-urls", config={"permalink": "pretty"}),
    FixtureBuild("page-urls-ordinal", "page-urls", config={"permalink": "ordinal"}),
    FixtureBuild("page-urls-none", "page-urls", config={"permalink": "none"}),
    FixtureBuild("page-urls-custom", "page-urls",
                 config={"permalink": "/:categories/:title:output_ext"}),
    FixtureBuild("page-urls-custom-dir", "page-urls", config={"permalink": "/:year/:title/"}),
]})

# kramdown's span syntax in posts (four languages): footnotes, abbreviations, math, span IALs,
# smart quotes and Rouge's line numbers (syntax_highlighter_opts)
BUILDS["kramdown-span"] = FixtureBuild("kramdown-span", "kramdown-span")

# kramdown's block syntax in posts (four languages): {:toc}, block IALs and ALDs, {#id},
# extensions, definition lists, kramdown tables, markdown="1", and structure kramdown reads
# differently from CommonMark (1) lists, lazy lines, hr after text); a variant with settings
BUILDS["kramdown-block"] = FixtureBuild("kramdown-block", "kramdown-block")
BUILDS["kramdown-block-settings"] = FixtureBuild(
    "kramdown-block-settings", "kramdown-block",
    config={"kramdown": {"toc_levels": "2..3", "auto_id_prefix": "id-", "auto_ids": True}})

# Ruby Liquid's lax parsing in Jekyll's default error_mode (warn), silent (lax); includes with a
# leading slash, include_cached, and includes that walk nested site data 40 levels deep
BUILDS["liquid-lax"] = FixtureBuild("liquid-lax", "liquid-lax")
BUILDS["liquid-lax-silent"] = FixtureBuild("liquid-lax-silent", "liquid-lax",
                                           config={"liquid": {"error_mode": "lax"}})
