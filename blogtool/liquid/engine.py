"""The Liquid engine for Jekyll sites: python-liquid configured and extended to behave like
Jekyll 4.3.1 (Ruby Liquid 5.4, ``error_mode: warn``).

What Jekyll stops on (unknown tag, unclosed block, missing include, unknown post in
``post_url``, errors while rendering) becomes :class:`~blogtool.errors.BuildError` with the
file and line where it happened; what Jekyll warns about (malformed ``{{ }}``, unknown filters)
goes to :class:`~blogtool.errors.Diagnostics` and renders the way Jekyll renders it. No
python-liquid exception ever leaves this module: they are neither picklable nor readable.
"""
from __future__ import annotations

import os
import posixpath
import re
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from io import StringIO
from pathlib import Path
from typing import Any, TextIO

from liquid import Environment
from liquid.context import RenderContext
from liquid.exceptions import LiquidError, LiquidInterrupt, StopRender
from liquid.parser import Parser
from liquid.template import BoundTemplate
from liquid.token import (
    Token,
)
from liquid.undefined import StrictUndefined, Undefined
from liquid.utils import ReadOnlyChainMap

from blogtool.errors import BuildError, Diagnostics
from blogtool.timeutil import site_zone

from . import (
    branch_tags,
    include_tags,
    interrupts,
    jekyll_filters,
    jekyll_tags,
    liquid_lines,
    loop_tags,
    output_tags,
)
from .include_tags import find_include
from .lexer import JekyllTokenStream
from .state import (
    MAX_SCOPES,
    RECURSION_LIMIT,
    LiquidSettings,
    RenderState,
    error_message,
    line_of,
    stash_placeholder,
    unstash,
)
from .textscan import template_tokenizer
from .trimming import tokens_as_liquid_reads_them

# how tags and filters join an environment (python-liquid's register-yourself style)
REGISTER: tuple[Callable[[Any], None], ...] = (
    output_tags.register, branch_tags.register, loop_tags.register, include_tags.register,
    jekyll_tags.register, jekyll_filters.register, interrupts.register,
    liquid_lines.register)


class JekyllContext(RenderContext):
    """A render context that knows its :class:`RenderState` and warns about unknown filters.
    Ruby Liquid has no ``now`` or ``today`` variable: python-liquid's built-in ones (the
    machine's clock) are left out of the scope."""

    __slots__ = ("state",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = _Scope(self.locals, self.globals, self.counters)

    def copy(self, *args: Any, **kwargs: Any) -> RenderContext:  # render tag, where_exp...
        ctx = super().copy(*args, **kwargs)
        ctx.state = self.state  # type: ignore[attr-defined]
        return ctx

    def filter(self, name: str, token: Token | None) -> Callable[..., object]:  # noqa: A003
        if name not in self.env.filters and self.env.strict_filters:   # Ruby's wording
            raise LiquidError(f"Liquid error: undefined filter {name}", token=token)
        if name not in self.env.filters and not self.env.strict_filters:
            state: RenderState | None = getattr(self, "state", None)
            if state is not None:
                state.warn(token, f"Liquid Warning: unknown filter '{name}' (value left unchanged)")
        return super().filter(name, token)


_MISSING = object()


class _Scope(ReadOnlyChainMap):
    """The namespaces a name is looked up in, first to last, without an exception for each
    namespace that lacks it (most names are the payload's, after the template's locals)."""

    def __getitem__(self, key: str) -> object:
        for mapping in self._maps:
            value = mapping.get(key, _MISSING)
            if value is not _MISSING:
                return value
        raise KeyError(key)


class JekyllTemplate(BoundTemplate):
    context_class = JekyllContext

    def render_with_context(self, context: RenderContext, buffer: TextIO, *args: Any,
                            partial: bool = False, block_scope: bool = False,
                            **kwargs: Any) -> None:
        """As python-liquid's, except that ``break`` or ``continue`` outside any loop ends
        the template where it stands, as in Ruby Liquid, instead of being an error."""
        if partial and not block_scope:
            super().render_with_context(context, buffer, *args, partial=partial, **kwargs)
            return
        namespace = self.make_partial_namespace(partial, dict(*args, **kwargs))
        with context.extend(namespace=namespace):
            for node in self.nodes:
                try:
                    node.render(context, buffer)
                    if interrupts.ends_template(node, context):
                        raise interrupts.waiting(context).pop()
                except LiquidInterrupt:
                    interrupts.ended(context)
                    return
                except StopRender:
                    return
                except LiquidError as err:
                    self.env.error(err, token=node.token)


# --- the environment -------------------------------------------------------------------------


class JekyllEnvironment(Environment):
    """python-liquid with Jekyll's tags, filters, tokenizing and output printing."""

    template_class = JekyllTemplate
    # Ruby's limits instead of python-liquid's (30): include and loop nesting is counted by
    # RenderState, block nesting stops at Ruby's 100
    block_nesting_limit = MAX_SCOPES
    context_depth_limit = 100000

    def __init__(self, engine: LiquidEngine):
        s = engine.settings
        super().__init__(strict_filters=s.strict_filters,
                         undefined=StrictUndefined if s.strict_variables else Undefined)
        self.engine = engine
        self.error_mode = s.error_mode
        self.strict_variables_ruby = s.strict_variables
        self.parse_warnings: list[tuple[Token, str]] = []
        for register in REGISTER:
            register(self)
        for register in engine.extensions:  # tags of the site's plugins, given by the build
            register(self)
        self._tokenize = template_tokenizer(self.tag_start_string, self.tag_end_string,
                                            self.statement_start_string,
                                            self.statement_end_string) \
            if not self.comment_start_string else self.tokenizer()

    def __hash__(self) -> int:  # python-liquid caches parsers by env hash; keep ours apart
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def _parse(self, source: str) -> list:
        tokens = tokens_as_liquid_reads_them(self._tokenize(source))
        return Parser(self).parse(JekyllTokenStream(iter(tokens)))


# --- the engine ------------------------------------------------------------------------------


class LiquidEngine:
    """Renders Liquid in posts, pages, layouts and includes of a Jekyll site."""

    def __init__(self, settings: LiquidSettings, *, post_urls: Mapping[str, str],
                 link_urls: Mapping[str, str], diagnostics: Diagnostics | None = None,
                 extensions: Sequence[Callable[[Any], None]] = ()):
        self.settings = settings
        self.extensions = tuple(extensions)
        self.post_urls = dict(post_urls)
        self.link_urls = dict(link_urls)
        self.diagnostics = diagnostics
        self.zone = site_zone(settings.timezone)
        self.env = JekyllEnvironment(self)
        # by text: the same text parses to the same template wherever it is (errors and
        # warnings take their path from the caller), so the excerpts of posts that open with
        # the same include line share one
        self._templates: dict[str, tuple[BoundTemplate, list[tuple[Token, str]]]] = {}
        self.includes: dict[str, tuple[tuple[int, int], BoundTemplate]] = {}
        # (name, directory) -> paths looked at, path found, file: where an include is
        self._found: dict[tuple[str, str | None], tuple[tuple[str, ...], str, str]] = {}

    def parse(self, text: str, path: str, line_offset: int = 0) -> BoundTemplate:
        """Parse once per text and process; syntax errors become BuildError."""
        return self.parse_with_warnings(text, path, line_offset)[0]

    def parse_with_warnings(self, text: str, path: str, line_offset: int = 0
                            ) -> tuple[BoundTemplate, list[tuple[Token, str]]]:
        """The template and the warnings Ruby Liquid's parser gives for it (lax fallbacks),
        which Jekyll prints each time it renders the template (not for includes)."""
        cached = self._templates.get(text)
        if cached is None:
            self.env.parse_warnings = []
            try:
                template = self.env.from_string(text, name=path)
            except LiquidError as err:
                unclosed = _unclosed_block(text, str(err.message))
                if unclosed is not None:
                    name, line = unclosed
                    raise BuildError(path, line + line_offset, f"Liquid syntax error: '{name}' "
                                                               "tag was never closed") from None
                raise BuildError(path, line_of(err.token, line_offset),
                                 error_message(err)) from None
            except RecursionError:
                raise BuildError(path, None, "Liquid syntax error: nesting too deep") from None
            if len(self._templates) > 4096:
                self._templates.clear()
            cached = self._templates[text] = (template, self.env.parse_warnings)
            self.env.parse_warnings = []
        return cached

    def prepare(self, text: str, path: str, line_offset: int = 0
                ) -> tuple[BoundTemplate, list[tuple[Token, str]], str]:
        """What :meth:`render` renders ``text`` with: the template of ``text`` up to the end
        of its last tag or output statement, its warnings, and the plain text after that,
        which is written as it is. A post is mostly text after its
        last tag: that text is not tokenized, and posts that open with the same tag share one
        template. Syntax errors are those of the whole text."""
        head, tail = _split_tail(text)
        if not tail:
            return (*self.parse_with_warnings(text, path, line_offset), "")
        try:
            return (*self.parse_with_warnings(head, path, line_offset), tail)
        except BuildError:
            return (*self.parse_with_warnings(text, path, line_offset), "")

    def render(self, text: str, context: dict, *, path: str, line_offset: int = 0,
               stash: list[str] | None = None, deps: set[str] | None = None) -> str:
        """Render ``text`` (a document body or a layout) with the Jekyll payload ``context``."""
        if "{%" not in text and "{{" not in text:
            return text
        template, warnings, tail = self.prepare(text, path, line_offset)
        if self.diagnostics is not None:
            for token, message in warnings:
                self.diagnostics.warn(path, line_of(token, line_offset), message)
        page = context.get("page")
        page_path = page.get("path") if isinstance(page, Mapping) else None
        state = RenderState(self, path, line_offset, stash, deps,
                            page_path if isinstance(page_path, str) and page_path else None)
        ctx = JekyllContext(template, globals=dict(context))
        ctx.state = state  # type: ignore[attr-defined]
        buffer = StringIO()
        if sys.getrecursionlimit() < RECURSION_LIMIT:
            sys.setrecursionlimit(RECURSION_LIMIT)
        try:
            template.render_with_context(ctx, buffer)
        except BuildError:
            raise
        except LiquidError as err:
            raise BuildError(path, line_of(err.token, line_offset), error_message(err)) from None
        except RecursionError:
            raise BuildError(path, None, "Liquid error: too deep (recursive include?)") from None
        except Exception as err:  # a filter's own error (bad date, bad sort) stops the build
            raise BuildError(path, None, error_message(err)) from None
        if tail and not state.stopped:
            buffer.write(tail)
        return buffer.getvalue()


    def load_include(self, name: str, state: RenderState, relative: bool,
                     token: Token) -> tuple[str, BoundTemplate]:
        """Find, read and parse an include (cached until the file changes); every path looked
        at goes into ``state.deps``. Missing files stop the build, as in Jekyll."""
        page_dir = None
        if relative:
            page = state.engine_page_path or state.path
            page_dir = posixpath.dirname(page)
        key = (name, page_dir)
        found = self._found.get(key)
        if found is not None:
            try:
                st = os.stat(found[2])
            except OSError:
                found = None
            else:
                if not stat.S_ISREG(st.st_mode):
                    found = None
        if found is None:
            found = self._found[key] = self._find_include(name, page_dir, relative, token,
                                                          state)
            st = os.stat(found[2])
        looked, rel, file = found
        if state.deps is not None:
            state.deps.update(looked)
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self.includes.get(file)
        if cached is not None and cached[0] == stamp:
            return rel, cached[1]
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise state.error(token, f"Could not read the included file '{name}': {exc}") from None
        template = self.parse(text, rel)
        self.includes[file] = (stamp, template)
        return rel, template

    def _find_include(self, name: str, page_dir: str | None, relative: bool, token: Token,
                      state: RenderState) -> tuple[tuple[str, ...], str, str]:
        """The paths looked at (dependencies even when missing), the include's path and its
        file. Done once per name and directory while the file stays: resolving symlinks
        costs several system calls per path."""
        candidates = find_include(self, name, page_dir)
        looked: list[str] = []
        for rel, file in candidates:
            looked.append(rel)
            if not file.is_file():
                continue
            if rel.startswith("..") or not (_inside(file, self.settings.source)
                                            or _inside(file, _BUILTIN)
                                            or _inside(file, self.settings.theme_root or _BUILTIN)):
                break   # a symlink out of the source is never followed (Jekyll's safe mode)
            return tuple(looked), rel, str(file)
        if state.deps is not None:
            state.deps.update(looked)
        where = page_dir if relative else self.settings.includes_dir.strip("/")
        dirs = f'"{where or "."}"'
        tag = "include_relative" if relative else "include"
        raise state.error(token, f"Could not locate the included file '{name}' in any of "
                                 f"[{dirs}] ({tag}). Ensure it exists in one of those "
                                 "directories and, if it is a symlink, does not point outside "
                                 "your site source.")


_TRIMMING_ENDS = ("-%}", "-}}")


def _split_tail(text: str) -> tuple[str, str]:
    """``text`` up to the end of its last ``%}`` or ``}}``, and the text after it when that
    holds no ``{%`` or ``{{`` (else ``(text, "")``). No token spans that end: a tag or an
    output statement ends there or before, and text on both sides renders as itself, so the
    template of the head followed by the tail renders as the whole text. Not after ``-%}``
    or ``-}}`` (which trim what follows them when they end a tag, and not when they are
    text)."""
    at = text.rfind("}")           # single characters: searched much faster than pairs
    while at > 0 and text[at - 1] not in "%}":
        at = text.rfind("}", 0, at)
    end = at + 1
    if at <= 0 or end == len(text) or text.endswith(_TRIMMING_ENDS, 0, end):
        return text, ""
    at = text.find("{", end)
    while at >= 0:
        if text[at + 1:at + 2] in ("{", "%"):
            return text, ""
        at = text.find("{", at + 1)
    return text[:end], text[end:]


_EXPECTED_END = re.compile(r"expected tag (end\w+)")
_TAG_NAME = re.compile(r"\{%-?\s*(\w+)")
_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)


def _unclosed_block(text: str, message: str) -> tuple[str, int] | None:
    """For python-liquid's "expected tag endif, found end of expression": the block that was
    never closed and the line it opened on (Jekyll: ``'if' tag was never closed``)."""
    m = _EXPECTED_END.search(message)
    if not m or "end of expression" not in message:
        return None
    name = m.group(1)[3:]
    scan = _RAW_BLOCK.sub(lambda r: "\n" * r.group(0).count("\n"), text)
    stack: list[int] = []
    for tag in _TAG_NAME.finditer(scan):
        if tag.group(1) == name:
            stack.append(tag.start())
        elif tag.group(1) == "end" + name and stack:
            stack.pop()
    if not stack:
        return name, 1
    return name, scan.count("\n", 0, stack[-1]) + 1


_BUILTIN = str(Path(__file__).resolve().parent.parent / "builtin" / "includes")


def _inside(file: Path, source: str) -> bool:
    try:
        file.resolve().relative_to(Path(source).resolve())
    except ValueError:
        return False
    return True


__all__ = ["LiquidEngine", "LiquidSettings", "RenderState", "error_message", "line_of",
           "stash_placeholder", "unstash"]
