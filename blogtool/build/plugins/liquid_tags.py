"""Liquid tags and filters of Jekyll plugins, registered only when the site turns the plugin
on (``plugins:``, a theme gem's dependencies, or GitHub Pages' set), as Jekyll does:

* jekyll-include-cache: ``{% include_cached %}``, the include tag under another name (the
  plugin's cache only saves time: an include that reads no page variable renders the same);
* jekyll-gist: ``{% gist %}`` (:mod:`.gist`);
* jekyll-toc: the ``toc``, ``toc_only`` and ``inject_anchors`` filters and ``{% toc %}``
  (:mod:`.toc`).
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, TextIO

from liquid.ast import Node
from liquid.context import RenderContext
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import Token

from ...errors import BuildError
from ...liquid.tagsupport import tag_markup
from . import gist, toc


def _resolve(context: RenderContext, name: str) -> Any:
    value = context.resolve(name, default=None)
    return value if isinstance(value, dict) or hasattr(value, "get") else None


def _page(context: RenderContext) -> Any:
    return _resolve(context, "page") or {}


def _site(context: RenderContext) -> Any:
    return _resolve(context, "site") or {}


def _state(context: RenderContext) -> Any:
    return context.state  # type: ignore[attr-defined]


class _MarkupNode(Node):
    """A plugin tag's node: it writes output (never blank) from its tag's markup."""

    def __init__(self, token: Token, markup: str = ""):
        super().__init__(token)
        self.markup = markup
        self.blank = False


# --- jekyll-gist -----------------------------------------------------------------------------

def _lookup(context: RenderContext, path: str) -> Any:
    """A variable named like ``page.gist_id`` or ``site.data.gists[0]`` (None if absent)."""
    parts = [p for p in re.split(r"\.|\[|\]", path) if p]
    if not parts or not re.fullmatch(r"[\w-]+", parts[0]):
        return None
    value = context.resolve(parts[0], default=None)
    for part in parts[1:]:
        if isinstance(value, dict) or hasattr(value, "get") and not isinstance(value, str):
            value = value.get(part.strip("'\""))
        elif isinstance(value, list) and part.lstrip("-").isdigit():
            value = value[int(part)] if -len(value) <= int(part) < len(value) else None
        else:
            return None
    return value


class GistNode(_MarkupNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        args = gist.arguments(self.markup)
        state = _state(context)
        if args is None:
            raise BuildError(state.path, None, gist.SYNTAX_HELP)
        gist_id, filename = args
        for name, value in (("id", gist_id), ("file", filename)):
            resolved = _lookup(context, value) if value else None
            if isinstance(resolved, (str, int)) and not isinstance(resolved, bool):
                if name == "id":
                    gist_id = str(resolved)
                else:
                    filename = str(resolved)
        if gist.wants_noscript(_site(context)):
            state.warn(self.token, f"the <noscript> tag for the gist {gist_id} could not be "
                                   "generated (blogtool does not fetch gists)")
        return buffer.write(gist.script_tag(gist_id, filename))


class GistTag(Tag):
    name = "gist"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        return GistNode(*tag_markup(stream))


# --- jekyll-toc ------------------------------------------------------------------------------

def _toc_on(context: RenderContext) -> bool:
    return _page(context).get("toc") is True


def _toc_options(context: RenderContext) -> dict:
    return toc.options(_site(context))


class TocNode(_MarkupNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        page = _page(context)
        flag = page.get("toc")
        if not flag or isinstance(flag, list):   # a list is blogtool's own heading list
            return 0
        content = page.get("content")
        return buffer.write(toc.build_toc(content if isinstance(content, str) else "",
                                          _toc_options(context)))


class TocTag(Tag):
    name = "toc"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, _markup = tag_markup(stream)
        return TocNode(token)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


@with_context
def toc_filter(value: Any, *, context: RenderContext) -> Any:
    return toc.toc(_text(value), _toc_options(context)) if _toc_on(context) else value


@with_context
def toc_only_filter(value: Any, *, context: RenderContext) -> Any:
    return toc.build_toc(_text(value), _toc_options(context)) if _toc_on(context) else ""


@with_context
def inject_anchors_filter(value: Any, *, context: RenderContext) -> Any:
    return toc.inject_anchors(_text(value), _toc_options(context)) if _toc_on(context) \
        else value


# --- jekyll-last-modified-at -----------------------------------------------------------------

class LastModifiedNode(_MarkupNode):
    """``markup``: the strftime format, or "" for the site's."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from ...filters import ruby_strftime
        from .last_modified import date_format
        page = _page(context)
        value = page.get("last_modified_at")
        if not isinstance(value, _dt.datetime):
            return 0
        # the plugin keeps the first text it printed for a file for the whole build, so a
        # later tag on the same page with another format prints that same text
        cache = _state(context).engine.__dict__.setdefault("last_modified_texts", {})
        key = page.get("path")
        if key not in cache:
            cache[key] = ruby_strftime(value, self.markup or date_format(_site(context)))
        return buffer.write(cache[key])


class LastModifiedTag(Tag):
    name = "last_modified_at"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream)
        return LastModifiedNode(token, markup.strip())


# --- registration ----------------------------------------------------------------------------

def register(env: Any) -> None:
    """Add the tags and filters of the plugins the site turns on."""
    plugins = set(getattr(env.engine.settings, "plugins", ()) or ())
    if "jekyll-include-cache" in plugins:
        # the engine's include tag under another name (taken from the environment, so that
        # this module does not import the engine's)
        include = type(env.tags["include"])
        env.add_tag(type("IncludeCachedTag", (include,), {"name": "include_cached"}))
    if "jekyll-gist" in plugins:
        env.add_tag(GistTag)
    if "jekyll-toc" in plugins:
        env.add_tag(TocTag)
        env.add_filter("toc", toc_filter)
        env.add_filter("toc_only", toc_only_filter)
        env.add_filter("inject_anchors", inject_anchors_filter)
    if "jekyll-last-modified-at" in plugins:
        env.add_tag(LastModifiedTag)
