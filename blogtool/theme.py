"""blogtool's own theme: Jinja2 templates from the site's ``_templates/`` first, then the
default theme shipped in the package (the repository's top-level ``templates/``).

Jekyll's filters are written once, as plain functions in :mod:`blogtool.filters`; here they
get thin wrappers that pass the site's settings (``baseurl``, ``url``, time zone), the same
way the Liquid engine registers them. Autoescaping is on: titles and tags are escaped, and
rendered HTML arrives as :class:`Markup`, so it is never escaped twice.

Jinja2 is imported when a :class:`Theme` is made: a site with its own ``_layouts/`` (every
Jekyll site) never loads it.
"""
from __future__ import annotations

import datetime as _dt
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

import blogtool

from . import filters as F
from .labels import label, lang_key, long_date
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
    jinja2 = sys.modules.get("jinja2")      # not loaded: nothing can be its Undefined
    return None if jinja2 is not None and isinstance(value, jinja2.Undefined) else value


def xml_text(value: Any) -> str:
    """Text safe inside XML: characters XML 1.0 cannot carry are removed (escaping is left
    to autoescape)."""
    return _XML_INVALID.sub("", "" if value is None else str(_plain(value) or ""))


def cdata(value: Any) -> Markup:
    """A CDATA section holding ``value``; a ``]]>`` inside is split across two sections."""
    text = xml_text(value).replace("]]>", "]]]]><![CDATA[>")
    return Markup(f"<![CDATA[{text}]]>")


def term_url(context: Any, kind: str, name: Any) -> str | None:
    """URL of the page of a tag or category (``kind``), as the generators made it (Jinja2
    passes the context: registered with ``pass_context``)."""
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

    import jinja2
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
        "long_date": long_date_filter(zone),
        "html_lang": html_lang,
    }


def html_lang(value: Any) -> str:
    """A ``lang:`` setting as an HTML ``lang`` attribute (``zh_TW`` -> ``zh-TW``); none:
    ``zh-CN``, the language the theme assumes."""
    text = str(_plain(value) or "").strip().replace("_", "-")
    return text or "zh-CN"


def long_date_filter(zone: _dt.tzinfo) -> Callable[..., str]:
    """``{{ post.date | long_date }}``: the date in the page's language (2014年10月18日,
    2014년 10월 18일, Oct 18, 2014), in the site's time zone."""
    import jinja2

    @jinja2.pass_context
    def long_date_(context: Any, value: Any) -> str:
        text = F.date(_plain(value), "%Y-%m-%d", zone)
        try:
            year, month, day = (int(part) for part in str(text).split("-"))
        except ValueError:
            return str(text)
        return long_date(_context_lang(context), year, month, day)
    return long_date_


def _context_lang(context: Any) -> str:
    """The label set of the page being rendered: its own ``lang:``, else the site's."""
    page, site = context.get("page"), context.get("site")
    for holder in (page, site):
        if isinstance(holder, Mapping) and holder.get("lang"):
            return lang_key(holder.get("lang"))
    return lang_key(None)


class Theme:
    """Renders documents of sites without ``_layouts/``; autoescaping on, HTML as Markup."""

    def __init__(self, source: str | Path, settings: Any = None, *,
                 filters: Mapping[str, Any] | None = None,
                 globals: Mapping[str, Any] | None = None,
                 lang: str | None = None):
        import jinja2
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
        self.lang = lang_key(lang)
        self.env.globals["t"] = jinja2.pass_context(
            lambda context, key, **values: self.text(context, key, **values))
        self.env.globals["term_url"] = jinja2.pass_context(term_url)
        if filters:
            self.env.filters.update(filters)
        if globals:
            self.env.globals.update(globals)

    def text(self, context: Any, key: str, **values: Any) -> str:
        """A label of the theme in the page's language (``page.lang``, else ``site.lang``)."""
        lang = _context_lang(context) if context is not None else self.lang
        return label(lang, key).format(**values) if values else label(lang, key)

    def has(self, name: str) -> bool:
        import jinja2
        try:
            self.env.get_template(name)
        except jinja2.TemplateNotFound:
            return False
        return True

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        return self.env.get_template(name).render(**context)


def markup(html: str) -> Markup:
    """Rendered HTML handed to Jinja2: marked safe once, never escaped twice."""
    return Markup(html)
