"""Rendering one document: Liquid, then the converter, then the layout chain.

Content (wave 1: posts and collection documents; wave 2: pages) and layouts are separate
functions so that other documents can read a post's converted content before its layout is
applied, as in Jekyll.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import BuildError, Diagnostics
from ..liquid.engine import LiquidEngine, unstash
from ..markup import text as mtext
from ..models import Document, Layout
from ..search import scan_document
from .config import Settings, deep_merge
from .generators import direct
from .generators.values import PageView
from .payload import site_for
from .plugins import active
from .plugins.postrender import post_render
from .sass import never_laid_out

if TYPE_CHECKING:
    from ..markup.markdown import Heading
    from ..theme import Theme

_BLOCK_OPEN = re.compile(r"\{%-?\s*(if|unless|for|case|capture|comment|raw|tablerow|highlight)\b")
_BLOCK_CLOSE = re.compile(
    r"\{%-?\s*end(if|unless|for|case|capture|comment|raw|tablerow|highlight)\b")
_LINK_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*\S.*$", re.M)


@dataclass
class Renderer:
    """Everything a document needs to render; one per build (and per worker process)."""

    settings: Settings
    layouts: dict[str, Layout]
    liquid: LiquidEngine
    theme: Theme | None
    site: dict[str, Any]
    jekyll: dict[str, str]
    diagnostics: Diagnostics

    def prepare(self) -> None:
        """Import the Markdown converter, build its parser and parse the layouts: called
        before rendering is shared out, so forked workers inherit all three instead of each
        making its own; a build that renders nothing skips it."""
        from ..markup.markdown import make_markdown
        make_markdown(self.settings.markup)
        if self.theme is None:
            for layout in self.layouts.values():
                try:
                    self.liquid.prepare(layout.body, layout.rel_path, layout.body_line - 1)
                except BuildError:
                    pass        # reported by the render that uses the layout, as in Jekyll

    # --- content ------------------------------------------------------------------------

    def context(self, page: dict, layout: dict | None = None, content: Any = None,
                paginator: Any = None) -> dict[str, Any]:
        return {"site": site_for(self.site, page), "page": page, "layout": layout or {},
                "content": content,
                "paginator": paginator, "jekyll": self.jekyll}

    def view(self, page: dict) -> PageView:
        return PageView(self.site, page, self.settings.url, self.settings.baseurl,
                        self.liquid.zone, self.jekyll["version"])

    def convert(self, doc: Document, body: str, page: dict, *, line: int,
                deps: set[str] | None = None) -> tuple[str, tuple[Heading, ...]]:
        """Liquid (when the text has any), then Markdown for Markdown documents."""
        stash: list[str] | None = [] if doc.markdown else None
        if doc.data.get("render_with_liquid", True) is not False:
            layout = self.layouts.get(doc.layout or "")
            body = self.liquid.render(body, self.context(page, layout.data if layout else {},
                                                         paginator=page.get("paginator")),
                                      path=doc.rel_path, line_offset=line - 1, stash=stash,
                                      deps=deps)
        if not doc.markdown:
            if doc.output_ext == ".css" and doc.ext.lower() in (".scss", ".sass"):
                from .sass import compile_sass_page
                out = compile_sass_page(body, doc, self.settings, dict.get(self.site, "sass") or {},
                                        environment=self.jekyll["environment"])
                if out.map_dest:
                    page["sass_map"] = [out.map_dest, out.map_text]   # written beside the CSS
                return out.css, ()
            return body, ()
        # imported here: a build that renders nothing never loads Markdown
        from ..markup.markdown import render_document
        rendered = render_document(body, self.settings.markup)
        html = unstash(rendered.html, stash) if stash else rendered.html
        return html, rendered.headings

    def render_content(self, doc: Document, page: dict, deps: set[str] | None = None) -> None:
        """Fill ``page.content`` (converted, no layout), ``page.excerpt`` and blogtool's extras."""
        headings: tuple[Heading, ...] = ()
        if direct.writes_content(doc):
            html = direct.content(doc, self.view(page))
        else:
            html, headings = self.convert(doc, direct.body(doc), page, line=doc.body_line,
                                          deps=deps)
        page["content"] = html
        scan_document(doc, page, self.site, self.theme is not None)   # page.errors
        if doc.kind != "page" and doc.data.get("excerpt") is None:
            page["excerpt"] = self.render_excerpt(doc, page, deps)
        if doc.markdown or doc.output_ext == ".html":
            # Code never counts for summaries or reading time (measure() steps over <pre>)
            summary, page["reading_time"] = mtext.measure(
                html, dict.get(self.site, "blogtool", {}).get("summary_width", 160))
            page["summary"] = doc.data.get("description") or summary
            page["toc_requested"] = doc.data.get("toc")   # front matter `toc:`, for the theme
            if self.theme is not None or "toc" not in doc.data:   # jekyll-toc's switch stays
                page["toc"] = [{"level": h.level, "id": h.id, "text": h.text}
                               for h in headings]

    def render_excerpt(self, doc: Document, page: dict, deps: set[str] | None) -> str | None:
        separator = doc.data.get("excerpt_separator", self.settings.excerpt_separator)
        if separator in (None, ""):
            return None
        head = excerpt_source(doc.body, str(separator))
        cut = doc.body.find(str(separator))
        if head != (doc.body if cut < 0 else doc.body[:cut]):
            self.diagnostics.info(f"Excerpt modified in {doc.rel_path}!")
        html, _ = self.convert(doc, head, page, line=doc.body_line, deps=deps)
        return html

    # --- layouts ------------------------------------------------------------------------

    def render_output(self, doc: Document, page: dict, paginator: Any = None,
                      deps: set[str] | None = None) -> str:
        content = page["content"] if page.get("content") is not None else ""
        if self.theme is not None:
            return self._theme_output(doc, page, content, paginator)
        return post_render(active(self.site, self.settings), self.site, doc,
                           self._liquid_output(doc, page, content, paginator, deps))

    def _liquid_output(self, doc: Document, page: dict, content: str, paginator: Any,
                       deps: set[str] | None) -> str:
        produced = direct.output(doc, self.view(page)) if doc.producer is not None else None
        if produced is not None:
            return produced
        name = None if never_laid_out(doc) else doc.layout
        if name is None:
            return content
        layout = self.layouts.get(name)
        if layout is None:
            self.diagnostics.warn(doc.rel_path, doc.key_lines.get("layout"),
                                  f"the layout '{name}' does not exist; rendered without one")
            return content
        used: list[str] = []
        merged: dict = {}
        output = content
        while layout is not None:
            used.append(layout.name)
            if deps is not None:
                deps.add(layout.rel_path)
            merged = deep_merge(dict(layout.data), merged) if merged else dict(layout.data)
            output = self.liquid.render(layout.body,
                                        self.context(page, merged, output, paginator),
                                        path=layout.rel_path, line_offset=layout.body_line - 1,
                                        deps=deps)
            parent = layout.data.get("layout")
            if parent in (None, "", "none", "null", False):
                break
            nxt = self.layouts.get(str(parent))
            if nxt is None:
                self.diagnostics.warn(layout.rel_path, None, f"the layout '{parent}' does not "
                                                             f"exist; rendered without it")
                break
            if nxt.name in used:
                self.diagnostics.warn(layout.rel_path, None,
                                      f"layout cycle {' -> '.join(used + [nxt.name])}; "
                                      f"stopped at '{layout.name}'")
                break
            layout = nxt
        return output

    def _theme_output(self, doc: Document, page: dict, content: str, paginator: Any) -> str:
        template = doc.template
        if template is None:
            name = doc.data.get("layout", "__default__")
            if name in (None, "none", "null", False, ""):
                return content
            if name == "__default__":
                if doc.output_ext != ".html":
                    return content
                name = "post" if doc.is_post else "page"
            template = f"{name}.html"
            assert self.theme is not None, "a theme site renders with the theme"
            if not self.theme.has(template):
                fallback = "post.html" if doc.is_post else "page.html"
                self.diagnostics.warn(doc.rel_path, doc.key_lines.get("layout"),
                                      f"the layout '{name}' does not exist in the theme; "
                                      f"using '{fallback[:-5]}'")
                template = fallback
        assert self.theme is not None
        from ..theme import markup  # Jinja2 is loaded for theme sites only
        try:
            return self.theme.render(template, {
                "site": self.site, "page": page, "content": markup(content),
                "paginator": paginator, "jekyll": self.jekyll})
        except BuildError:
            raise
        except Exception as exc:  # a template bug in a user's _templates/ override
            lineno = getattr(exc, "lineno", None)
            filename = getattr(exc, "filename", None)
            raise BuildError(str(filename) if filename else f"_templates/{template}", lineno,
                             f"template error: {exc}") from None


def excerpt_source(body: str, separator: str) -> str:
    """Jekyll's excerpt text: the head before the separator, unclosed Liquid blocks closed,
    and link reference definitions used in the head appended."""
    head, sep, tail = body.partition(separator)
    if not sep:
        return body
    opened = [m.group(1) for m in _BLOCK_OPEN.finditer(head)]
    closed = [m.group(1) for m in _BLOCK_CLOSE.finditer(head)]
    for tag in closed:
        if tag in opened:
            opened.remove(tag)
    if opened:
        head = head + "".join(f"\n{{% end{tag} %}}" for tag in reversed(opened))
    refs = [m.group(0) for m in _LINK_DEF.finditer(tail)
            if f"[{m.group(1)}]" in head and m.group(0) not in head] if "]:" in tail else []
    if refs:
        head = head + "\n\n" + "\n".join(refs)
    return head
