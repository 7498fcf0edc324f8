"""blogtool's own theme: Jinja2 templates from the site's ``_templates/`` first, then the
default theme shipped in the package (the repository's top-level ``templates/``).

Jekyll's filters are written once, as plain functions in :mod:`blogtool.filters`; here they
get thin wrappers that pass the site's settings (``baseurl``, ``url``, time zone), the same
way the Liquid engine registers them. Autoescaping is on: titles and tags are escaped, and
rendered HTML arrives as :class:`Markup`, so it is never escaped twice.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

import blogtool

from . import filters as F
from .labels import label, site_lang
from .models import term_key

# XML 1.0 forbids C0 controls other than tab, newline and carriage return (and a few more).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

def templates_dir() -> Path:
    """The default theme: inside the installed package, or the repository's ``templates/``."""
    package = Path(blogtool.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise FileNotFoundError("blogtool's default theme (templates/) is missing from the install")


def _plain(value: Any) -> Any:
    return None if isinstance(value, jinja2.Undefined) else value


def xml_text(value: Any) -> str:
    """Text safe inside XML: characters XML 1.0 cannot carry are removed (escaping is left
    to autoescape)."""
    return _XML_INVALID.sub("", "" if value is None else str(_plain(value) or ""))


def cdata(value: Any) -> Markup:
    """A CDATA section holding ``value``; a ``]]>`` inside is split across two sections."""
    text = xml_text(value).replace("]]>", "]]]]><![CDATA[>")
    return Markup(f"<![CDATA[{text}]]>")


@jinja2.pass_context
def term_url(context: Any, kind: str, name: Any) -> str | None:
    """URL of the page of a tag or category (``kind``), as the generators made it."""
    urls = ((context.get("site") or {}).get("taxonomy_urls") or {}).get(kind) or {}
    return urls.get(term_key(name))


def _zone(settings: Any) -> _dt.tzinfo:
    from .timeutil import site_zone
    try:
        return site_zone(getattr(settings, "timezone", None))
    except ValueError:
        return _dt.UTC


def jekyll_filters(settings: Any = None) -> dict[str, Callable[..., Any]]:
    """Jekyll's filters bound to the site's settings, for the Jinja2 environment."""
    baseurl = getattr(settings, "baseurl", "") or ""
    url = getattr(settings, "url", "") or ""
    zone = _zone(settings)

    def plain(func: Callable) -> Callable:
        def wrapper(value: Any, *args: Any) -> Any:
            return func(_plain(value), *[_plain(a) for a in args])
        wrapper.__name__ = getattr(func, "__name__", "filter")
        return wrapper

    def zoned(func: Callable) -> Callable:
        def wrapper(value: Any, *args: Any) -> Any:
            return func(_plain(value), *[_plain(a) for a in args], zone=zone)
        wrapper.__name__ = getattr(func, "__name__", "filter")
        return wrapper

    # Jinja2's own filters of the same name (sort, join...) keep their Jinja meaning.
    jinja_builtins = jinja2.Environment().filters
    return {
        **{name: plain(func) for name, func in F.PLAIN.items() if name not in jinja_builtins},
        **{name: zoned(func) for name, func in F.ZONED.items()},
        "relative_url": lambda v: F.relative_url(_plain(v), baseurl),
        "absolute_url": lambda v: F.absolute_url(_plain(v), url, baseurl),
        "date": lambda v, fmt=None: F.date(_plain(v), _plain(fmt), zone),
        "xml_text": xml_text,
        "cdata": cdata,
    }


class Theme:
    """Renders documents of sites without ``_layouts/``; autoescaping on, HTML as Markup."""

    def __init__(self, source: str | Path, settings: Any = None, *,
                 filters: Mapping[str, Any] | None = None,
                 globals: Mapping[str, Any] | None = None,
                 lang: str | None = None):
        search = [str(Path(source) / "_templates"), str(templates_dir())]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            undefined=jinja2.Undefined,
        )
        self.env.filters.update(jekyll_filters(settings))
        self.lang = lang or "zh"
        self.env.globals["t"] = self.text
        self.env.globals["term_url"] = term_url
        if filters:
            self.env.filters.update(filters)
        if globals:
            self.env.globals.update(globals)

    def text(self, key: str, **values: Any) -> str:
        """A label of the theme in the site's language (``site.lang``)."""
        return label(self.lang, key).format(**values) if values else label(self.lang, key)

    def has(self, name: str) -> bool:
        try:
            self.env.get_template(name)
        except jinja2.TemplateNotFound:
            return False
        return True

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        site = context.get("site")
        if isinstance(site, Mapping) and site.get("lang"):
            self.lang = site_lang(site)
        return self.env.get_template(name).render(**context)


def markup(html: str) -> Markup:
    """Rendered HTML handed to Jinja2: marked safe once, never escaped twice."""
    return Markup(html)
