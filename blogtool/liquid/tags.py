"""Jekyll's tags for python-liquid: include, include_relative, highlight, post_url, link,
plus the plugin tags seo and feed_meta, and the handling of unknown tags.

Each tag reads its raw markup with Jekyll's own regular expressions (python-liquid's grammar
rejects ``{% include JB/setup %}``) and reports problems as Jekyll does: fatal ones as
:class:`~blogtool.errors.BuildError` with the file and line of the tag.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import FilteredExpression
from liquid.context import RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_ILLEGAL, TOKEN_TAG, Token

from blogtool.errors import BuildError
from blogtool.filters.urls import relative_url

from .lexer import jekyll_tokenize
from .state import EngineRef, EnvironmentRef, RenderState, error_message, line_of, stash_placeholder

BUILTIN_INCLUDES = Path(__file__).resolve().parent.parent / "builtin" / "includes"

# Jekyll 4.3.1 lib/jekyll/tags/include.rb
_VALID_PARAM = re.compile(
    r"([\w-]+)\s*=\s*(?:\"([^\"\\]*(?:\\.[^\"\\]*)*)\"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))")
_VARIABLE_SYNTAX = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S)
_FULL_VALID_PARAMS = re.compile(rf"\A\s*(?:{_VALID_PARAM.pattern}(?=\s|\Z)\s*)*\Z")
_VALID_FILENAME = re.compile(r"^[\w/.\-()+~#@]+$", re.ASCII)
_INVALID_SEQUENCES = re.compile(r"[./]{2,}")

# Jekyll 4.3.1 lib/jekyll/tags/highlight.rb
_HIGHLIGHT_SYNTAX = re.compile(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$")
_HIGHLIGHT_OPTION = re.compile(r"(?:\w=\"[^\"]*\"|\w=\w|\w)+")
_EDGE_NEWLINES = re.compile(r"\A(\n|\r)+|(\n|\r)+\Z")

# Jekyll 4.3.1 lib/jekyll/tags/post_url.rb
_POST_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


def _state(context: RenderContext) -> RenderState:
    return context.state  # type: ignore[attr-defined]


def _expression(env: EnvironmentRef, text: str, token: Token) -> Any:
    return FilteredExpression.parse(env, TokenStream(jekyll_tokenize(text, token)))


def _render_nodes(nodes: list[Node], context: RenderContext) -> str:
    buf = context.get_buffer()
    for node in nodes:
        node.render(context, buf)
    return buf.getvalue()


# --- include / include_relative --------------------------------------------------------------


class IncludeNode(Node):
    """``{% include file k="v" k=var %}``: the file's Liquid runs in the caller's scope
    (assignments stay visible afterwards), with the parameters as ``include.*``."""

    relative = False

    def __init__(self, token: Token, file: str, file_nodes: list[Node] | None,
                 params: list[tuple[str, Any]] | None):
        super().__init__(token)
        self.file = file
        self.file_nodes = file_nodes
        self.params = params
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _state(context)
        name = _render_nodes(self.file_nodes, context).strip() if self.file_nodes else self.file
        tag = "include_relative" if self.relative else "include"
        if _INVALID_SEQUENCES.search(name) or not _VALID_FILENAME.match(name):
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
        try:
            if params is None:
                _render_into(template.nodes, context, buffer)
            else:
                with context.extend({"include": params}):
                    _render_into(template.nodes, context, buffer)
        except LiquidError as err:
            raise BuildError(rel_path, line_of(err.token), error_message(err)) from None
        finally:
            state.path, state.line_offset = saved
            state.includes.pop()
            state.scopes -= 1
        return 1


def _render_into(nodes: list[Node], context: RenderContext, buffer: TextIO) -> None:
    for node in nodes:
        node.render(context, buffer)


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
        m = _VARIABLE_SYNTAX.match(markup)
        if m:
            file, params_markup = m.group("variable").strip(), m.group("params").strip()
        else:
            split = re.split(r"\s+", markup, maxsplit=1)
            file, params_markup = split[0], (split[1] if len(split) > 1 else "")
        params = None
        if params_markup:
            if not _FULL_VALID_PARAMS.match(params_markup):
                raise LiquidSyntaxError(f"Invalid syntax for include tag: {params_markup} "
                                        f"(valid syntax: {{% {self.name} file.ext "
                                        "param='value' param2='value' %})", token=expr_token)
            params = []
            for pm in _VALID_PARAM.finditer(params_markup):
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


# --- highlight -------------------------------------------------------------------------------


class HighlightNode(Node):
    """``{% highlight lang [linenos] %}``: Liquid inside runs first, then the code is
    highlighted; in Markdown documents the HTML is stashed away from the Markdown parser."""

    def __init__(self, token: Token, lang: str, linenos: bool, block: BlockNode):
        super().__init__(token)
        self.lang = lang
        self.linenos = linenos
        self.block = block
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _state(context)
        buf = context.get_buffer(buffer)
        self.block.render(context, buf)
        code = _EDGE_NEWLINES.sub("", buf.getvalue())
        out = highlight_html(code, self.lang, self.linenos, state.engine.settings.highlight)
        if state.stash is not None:
            out = stash_placeholder(state.stash, out)
        return buffer.write(out)


def plain_figure(code: str, lang: str) -> str:
    """Jekyll's highlight tag with ``highlighter: none``: escaped code in the same figure."""
    escaped = html.escape(code, quote=True).replace("&#x27;", "&#39;").strip()
    return (f'<figure class="highlight"><pre><code class="language-{lang.replace("+", "-")}" '
            f'data-lang="{lang}">{escaped}</code></pre></figure>')


def highlight_html(code: str, lang: str, linenos: bool, highlight: bool) -> str:
    if not highlight:
        return plain_figure(code, lang)
    try:
        from blogtool.markup.highlight import highlight_tag_html
    except ImportError:
        return plain_figure(code, lang)
    return highlight_tag_html(code, lang, linenos)


class HighlightTag(Tag):
    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        m = _HIGHLIGHT_SYNTAX.match(markup)
        if not m:
            raise LiquidSyntaxError(f"Syntax Error in tag 'highlight' while parsing the "
                                    f"following markup: {markup} (valid syntax: highlight "
                                    "<lang> [linenos])", token=token)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        options: dict[str, Any] = {}
        for opt in _HIGHLIGHT_OPTION.findall(m.group(2) or ""):
            key, _, value = opt.partition("=")
            options[key] = value or True
        from liquid.parser import get_parser
        block = get_parser(self.env).parse_block(stream, (self.end, TOKEN_EOF))
        if not stream.current.is_tag(self.end):
            raise LiquidSyntaxError("'highlight' tag was never closed", token=token)
        return HighlightNode(token, m.group(1).lower(), bool(options.get("linenos")), block)


# --- post_url and link -----------------------------------------------------------------------


class _TextNode(Node):
    def __init__(self, token: Token, text: str):
        super().__init__(token)
        self.text = text
        self.blank = False


class PostUrlNode(_TextNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _state(context)
        engine = state.engine
        name = self.text.lstrip("/")
        url = engine.post_urls.get(name)
        if url is None:
            base = name.rsplit("/", 1)[-1]
            matches = [u for k, u in engine.post_urls.items() if k.rsplit("/", 1)[-1] == base]
            if not matches:
                raise state.error(self.token, f"Could not find post \"{self.text}\" in tag "
                                              "'post_url'. Make sure the post exists and the "
                                              "name is correct.")
            url = matches[0]
            state.warn(self.token, f"Deprecation: a call to '{{% post_url {self.text} %}}' did "
                                   "not match a post by its path; write the post's name exactly.")
        if engine.settings.compat != "github-pages":
            url = relative_url(url, engine.settings.baseurl) or ""
        return buffer.write(url)


def _tag_text(stream: TokenStream) -> tuple[Token, str]:
    """A non-block tag's token and its raw argument text (post_url, link)."""
    token = stream.expect(TOKEN_TAG)
    text = stream.peek.value.strip() if stream.peek.kind == TOKEN_EXPRESSION else ""
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
    return token, text


class PostUrlTag(Tag):
    name = "post_url"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = _tag_text(stream)
        if not _POST_NAME.match(text.lstrip("/")):
            raise LiquidSyntaxError(f"Could not parse name of post \"{text}\" in tag 'post_url'. "
                                    "Make sure the post exists and the name is correct.",
                                    token=token)
        return PostUrlNode(token, text)


class LinkNode(Node):
    def __init__(self, token: Token, nodes: list[Node]):
        super().__init__(token)
        self.nodes = nodes
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = _state(context)
        engine = state.engine
        path = _render_nodes(self.nodes, context).strip()
        url = engine.link_urls.get(path)
        if url is None:
            url = engine.link_urls.get(path.lstrip("/"))
        if url is None:
            raise state.error(self.token, f"Could not find document '{path}' in tag 'link'. "
                                          "Make sure the document exists and the path is correct.")
        return buffer.write(relative_url(url, engine.settings.baseurl) or "")


class LinkTag(Tag):
    name = "link"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = _tag_text(stream)
        return LinkNode(token, self.env.from_string(text).nodes)


# --- plugin tags: seo, feed_meta ---------------------------------------------------------------


class SeoNode(Node):
    def __init__(self, token: Token, markup: str):
        super().__init__(token)
        self.show_title = not re.search(r"title=false", markup, re.I)
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from .seo import seo_tag
        return buffer.write(seo_tag(context, _state(context).engine, self.show_title))


class FeedMetaNode(Node):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from .seo import feed_meta
        return buffer.write(feed_meta(context, _state(context).engine))


class SeoTag(Tag):
    name = "seo"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.expect(TOKEN_TAG)
        markup = ""
        if stream.peek.kind == TOKEN_EXPRESSION:
            markup = next(stream) and stream.current.value
        return SeoNode(token, markup)


class FeedMetaTag(Tag):
    name = "feed_meta"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.expect(TOKEN_TAG)
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        node = FeedMetaNode(token)
        node.blank = False
        return node


# --- unknown tags ------------------------------------------------------------------------------


class IgnoredNode(Node):
    """A tag the site declared ignorable (``blogtool: ignored_tags``): renders nothing."""

    def __init__(self, token: Token):
        super().__init__(token)
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        _state(context).warn(self.token, f"Liquid tag '{self.token.value}' is not supported; "
                                         "ignored as configured (blogtool.ignored_tags)")
        return 0


class UnknownTag(Tag):
    """Unknown tags stop the build, as in Jekyll, unless the site listed them as ignorable.
    An ignorable tag with a matching ``{% endname %}`` later is treated as a block."""

    name = TOKEN_ILLEGAL
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.expect(TOKEN_TAG)
        ignored = self.env.engine.settings.ignored_tags  # type: ignore[attr-defined]
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        if token.value in ignored:
            end = "end" + token.value
            ahead = stream.pos + 1
            while ahead < len(stream.tokens):
                candidate = stream.tokens[ahead]
                if candidate.kind == TOKEN_TAG and candidate.value == end:
                    stream.pos = ahead
                    break
                ahead += 1
            return IgnoredNode(token)
        if token.value.startswith("end") or token.value in ("else", "elsif", "when"):
            raise LiquidSyntaxError(f"Unexpected tag '{token.value}' (no block is open here)",
                                    token=token)
        raise LiquidSyntaxError(f"Unknown tag '{token.value}'", token=token)


def register(env: EnvironmentRef) -> None:
    for tag in (IncludeTag, IncludeRelativeTag, HighlightTag, PostUrlTag, LinkTag, SeoTag,
                FeedMetaTag):
        env.add_tag(tag)
    env.tags[TOKEN_ILLEGAL] = UnknownTag(env)


# --- include loading (used by EngineRef) ----------------------------------------------------


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
