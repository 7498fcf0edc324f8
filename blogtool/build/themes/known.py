"""Theme gems whose source blogtool can download when they are not installed: the gem
name, the GitHub repository that publishes it, how a release is tagged there, and the
release used when nothing pins a version (``Gemfile.lock`` pins one).

The GitHub Pages supported themes are the ``jekyll-theme-*`` gems of ``pages-themes``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownTheme:
    repo: str            # owner/name on GitHub
    tag: str             # release tag, "{version}" filled in
    version: str         # the release used when no Gemfile.lock pins one

    def ref(self, version: str | None = None) -> str:
        return self.tag.format(version=version or self.version)


_PAGES_THEMES = ("architect", "cayman", "dinky", "hacker", "leap-day", "merlot", "midnight",
                 "minimal", "modernist", "slate", "tactile", "time-machine")

KNOWN: dict[str, KnownTheme] = {
    "minima": KnownTheme("jekyll/minima", "v{version}", "2.5.1"),
    **{f"jekyll-theme-{name}": KnownTheme(f"pages-themes/{name}", "v{version}", "0.2.0")
       for name in _PAGES_THEMES},
    "jekyll-theme-primer": KnownTheme("pages-themes/primer", "v{version}", "0.6.0"),
    "minimal-mistakes-jekyll": KnownTheme("mmistakes/minimal-mistakes", "{version}", "4.24.0"),
    "jekyll-theme-chirpy": KnownTheme("cotes2020/jekyll-theme-chirpy", "v{version}", "6.1.0"),
    "just-the-docs": KnownTheme("just-the-docs/just-the-docs", "v{version}", "0.5.0"),
    "jekyll-theme-so-simple": KnownTheme("mmistakes/so-simple-theme", "{version}", "3.2.0"),
    "beautiful-jekyll-theme": KnownTheme("daattali/beautiful-jekyll", "{version}", "6.0.1"),
    "jekyll-theme-basically-basic": KnownTheme("mmistakes/jekyll-theme-basically-basic",
                                               "{version}", "1.4.5"),
    "jekyll-text-theme": KnownTheme("kitian616/jekyll-TeXt-theme", "v{version}", "2.2.6"),
    "jekyll-theme-yat": KnownTheme("jeffreytse/jekyll-theme-yat", "v{version}", "1.10.0"),
    "jekyll-theme-hydejack": KnownTheme("hydecorp/hydejack", "v{version}", "9.1.6"),
    "type-on-strap": KnownTheme("sylhare/Type-on-Strap", "v{version}", "2.4.7"),
}
