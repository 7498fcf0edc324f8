"""``{% include %}`` and ``{% include_relative %}`` as Jekyll reads them.

The file name may be unquoted (``{% include JB/setup %}``) or built from Liquid
(``{% include {{ page.kind }}.html %}``); parameters are ``key="text"``, ``key='text'`` or
``key=variable`` (``\"`` inside quotes is a quote). The file's Liquid runs in the caller's
scope, so its assignments stay visible afterwards, with the parameters as ``include.*``.
A name with ``..`` or ``//`` or characters outside ``\\w/.-()+~#@`` stops the build; so does
a file that is missing or a link that leads out of the site.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, TextIO

from liquid.ast import Node
from liquid.builtin.expressions import FilteredExpression
from liquid.context import RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from blogtool.errors import BuildError

from .interrupts import render_body
from .lexer import jekyll_tokenize
from .state import EngineRef, EnvironmentRef, RenderState, error_message, line_of

BUILTIN_INCLUDES = Path(__file__).resolve().parent.parent / "builtin" / "includes"

# one parameter: a name, ``=``, then a double- or single-quoted text or a variable path
_PARAMETER = re.compile(
    r"([\w-]+)\s*=\s*(?:\"([^\"\\]*(?:\\.[^\"\\]*)*)\"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))")
# a file name with ``{{ }}`` in it, then the parameters
_NAME_FROM_LIQUID = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S)
_ALL_PARAMETERS = re.compile(rf"\A\s*(?:{_PARAMETER.pattern}(?=\s|\Z)\s*)*\Z")
_FILE_NAME = re.compile(r"^[\w/.\-()+~#@]+$", re.ASCII)
_DOUBLED_DOT_OR_SLASH = re.compile(r"[./]{2,}")


def _state(context: RenderContext) -> RenderState:
    return context.state  # type: ignore[attr-defined]


def _expression(env: EnvironmentRef, text: str, token: Token) -> Any:
    return FilteredExpression.parse(env, TokenStream(jekyll_tokenize(text, token)))


def render_nodes(nodes: list[Node], context: RenderContext) -> str:
    buf = context.get_buffer()
    for node in nodes:
        node.render(context, buf)
    return buf.getvalue()


class IncludeNode(Node):
    relative = False

    def __init__(self, token: Token, file: str, file_nodes: list[Node] | None,
                 params: list[tuple[str, Any]] | None):
        super().__init__(token)
        self.file, self.file_nodes, self.params = file, file_nodes, params
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _state(context)
        name = render_nodes(self.file_nodes, context).strip() if self.file_nodes else self.file
        tag = "include_relative" if self.relative else "include"
        if _DOUBLED_DOT_OR_SLASH.search(name) or not _FILE_NAME.match(name):
            raise state.error(self.token, "Invalid syntax for include tag. File contains invalid "
                                          f"characters or sequences: {name} (valid syntax: "
                                          f"{{% {tag} file.ext param='value' %}})")
        rel_path, template = state.engine.load_include(name, state, self.relative, self.token)
        state.push_scope(self.token, f"including {rel_path}")
        state.includes.append((rel_path, self.token))
        params: dict[str, Any] | None = None
        if self.params is not None:
            params = {key: (value.evaluate(context) if hasattr(value, "evaluate") else value)
                      for key, value in self.params}
        saved = (state.path, state.line_offset)
        state.path, state.line_offset = rel_path, 0
        try:     # render_body: break/continue go on to the including template
            if params is None:
                render_body(template.nodes, context, buffer)
            else:
                with context.extend({"include": params}):
                    render_body(template.nodes, context, buffer)
        except LiquidError as err:
            raise BuildError(rel_path, line_of(err.token), error_message(err)) from None
        finally:
            state.path, state.line_offset = saved
            state.includes.pop()
            state.scopes -= 1
        return 1


class IncludeRelativeNode(IncludeNode):
    relative = True


class IncludeTag(Tag):
    """Jekyll's include syntax (unquoted paths, ``{{ var }}`` paths, ``k=v`` parameters)."""

    name = "include"
    block = False
    node_class: type[IncludeNode] = IncludeNode

    def parse(self, stream: TokenStream) -> Node:
        token = stream.expect(TOKEN_TAG)
        if stream.peek.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError(f"Syntax error in tag '{self.name}': a file name is needed",
                                    token=token)
        next(stream)
        expr_token = stream.current
        markup = expr_token.value.strip()
        m = _NAME_FROM_LIQUID.match(markup)
        if m:
            file, params_markup = m.group("variable").strip(), m.group("params").strip()
        else:
            split = re.split(r"\s+", markup, maxsplit=1)
            file, params_markup = split[0], (split[1] if len(split) > 1 else "")
        params = None
        if params_markup:
            if not _ALL_PARAMETERS.match(params_markup):
                raise LiquidSyntaxError(f"Invalid syntax for include tag: {params_markup} "
                                        f"(valid syntax: {{% {self.name} file.ext "
                                        "param='value' param2='value' %})", token=expr_token)
            params = []
            for pm in _PARAMETER.finditer(params_markup):
                key, dq, sq, var = pm.groups()
                if dq is not None:
                    value: Any = dq.replace('\\"', '"')
                elif sq is not None:
                    value = sq.replace("\\'", "'")
                else:
                    value = _expression(self.env, var, expr_token)
                params.append((key, value))
        file_nodes = None
        if m:
            file_nodes = self.env.from_string(file).nodes
        return self.node_class(token, file, file_nodes, params)


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"
    node_class = IncludeRelativeNode



def register(env: EnvironmentRef) -> None:
    env.add_tag(IncludeTag)
    env.add_tag(IncludeRelativeTag)


def find_include(engine: EngineRef, name: str, page_dir: str | None) -> list[tuple[str, Path]]:
    """Candidate (source-relative path, file) pairs in lookup order."""
    source = Path(engine.settings.source)
    name = name[1:] if name.startswith("/") else name   # File.join(dir, "/x") is dir/x
    if page_dir is not None:
        rel = os.path.normpath(os.path.join(page_dir, name)).replace(os.sep, "/")
        return [(rel, source / rel)]
    rel = f"{engine.settings.includes_dir.strip('/')}/{name}"
    theme = [(rel, Path(engine.settings.theme_root) / "_includes" / name)] \
        if engine.settings.theme_root else []
    return [(rel, source / rel), *theme, (rel, BUILTIN_INCLUDES / name)]
