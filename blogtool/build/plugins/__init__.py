"""Jekyll plugins that real themes and GitHub Pages use, each producing what the plugin
produces. A plugin acts only when the site turns it on: ``plugins:`` (or ``gems:``), the
runtime dependencies of its gem theme, or, under ``compat: github-pages``, the set GitHub
Pages always runs (:data:`GITHUB_PAGES_DEFAULTS`).

* Liquid tags and filters (:mod:`.liquid_tags`): jekyll-include-cache, jekyll-gist, jekyll-toc;
* HTML after the layout (:mod:`.postrender`): jemoji, jekyll-mentions;
* the pages a site has (:mod:`.sources`): jekyll-readme-index, jekyll-titles-from-headings,
  jekyll-default-layout, and jekyll-optional-front-matter / jekyll-relative-links when
  listed outside the GitHub Pages profile;
* ``site.github`` (:mod:`.github_metadata`), ``page.last_modified_at`` and its tag
  (:mod:`.last_modified`).

:data:`SUPPORTED` says in one phrase what blogtool does for each (``doctor`` prints it).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GITHUB_PAGES_DEFAULTS = ("jekyll-gist", "jekyll-github-metadata", "jekyll-optional-front-matter",
                         "jekyll-readme-index", "jekyll-default-layout",
                         "jekyll-titles-from-headings", "jekyll-relative-links")

SUPPORTED: dict[str, str] = {
    "jekyll-include-cache": "include_cached renders as include",
    "jekyll-gist": "{% gist %} writes the script tag (no <noscript> copy: nothing is fetched)",
    "jekyll-toc": "toc, toc_only, inject_anchors filters and {% toc %}",
    "jemoji": ":name: emoji become the plugin's <img> tags (data from the 'emoji' package)",
    "jekyll-mentions": "@name becomes a link to the GitHub profile",
    "jekyll-readme-index": "README.md becomes its folder's index page",
    "jekyll-titles-from-headings": "pages without a title take their first heading",
    "jekyll-default-layout": "Markdown pages and posts without a layout get home/page/post/default",
    "jekyll-optional-front-matter": "Markdown files without front matter become pages",
    "jekyll-relative-links": "links to .md files point to their pages",
    "jekyll-github-metadata": "site.github from the git remote and _config.yml (offline)",
    "jekyll-last-modified-at": "page.last_modified_at and {% last_modified_at %} from git",
    "jekyll-paginate-v2": "pagination: pages (no auto-pages)",
    "jekyll-remote-theme": "remote_theme: is downloaded once and cached (blogtool.build.themes)",
}


def active(config: Mapping[str, Any], settings: Any) -> tuple[str, ...]:
    """Names of the plugins that act on this build."""
    names = list(getattr(settings, "plugins", ()) or ())
    if getattr(settings, "compat", "") == "github-pages":
        names += [p for p in GITHUB_PAGES_DEFAULTS if p not in names]
    return tuple(names)


def enabled(config: Mapping[str, Any], settings: Any, name: str) -> bool:
    return name in active(config, settings)
