"""``blogtool doctor``: what in an existing Jekyll site blogtool cannot do the way Jekyll
would, with ``file:line`` and what blogtool does instead, before anyone migrates.

Two questions, two functions:

* :func:`diagnose` reads the site (configuration, posts, pages, layouts, includes, ``_plugins``)
  and returns :class:`Finding` values: unknown plugins, Liquid tags that are neither Jekyll's
  nor blogtool's, Ruby plugins, gem and remote themes, configuration blogtool ignores, a
  Markdown engine other than kramdown. ``unsupported`` findings mean the output will differ.
* :func:`trial_build` builds the site as ``blogtool build`` would, into a scratch folder: any
  rule blogtool does not follow the way Jekyll 4.3.1 does and that stops the build (a date
  Ruby reads, a template Ruby Liquid accepts, an import sassc resolves...) is found by running
  it, not by a list of known gaps. ``diagnose(..., trial=DIR)`` includes it.
* :func:`missing_urls` compares an old site's output directory with a new build and lists every
  file the old site served that the new one does not, resolving ``x.html`` / ``x`` /
  ``x/index.html`` as web servers (and GitHub Pages) do, so a migration breaks no link.

One module per kind of check: ``configuration`` (_config.yml keys), ``plugins`` (listed gems
and Ruby files in ``_plugins``), ``tags`` (Liquid tags blogtool does not know),
``render_order`` (what Jekyll's render order shows), ``compare`` (old site against new build);
``diagnose`` runs them over a site.
"""
from .compare import missing_urls, site_files, url_key
from .configuration import config_line
from .diagnose import diagnose, trial_build
from .finding import Finding
from .tags import ignored_tags_suggestion, known_tags, scan_tags

__all__ = ["Finding", "config_line", "diagnose", "ignored_tags_suggestion", "known_tags",
           "missing_urls", "scan_tags", "site_files", "trial_build", "url_key"]
