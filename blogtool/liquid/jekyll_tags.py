"""Jekyll's own tags besides include: ``highlight``, ``post_url``, ``link``, the plugin tags
``seo`` and ``feed_meta``, and what happens to a tag nobody knows (the build stops, unless
the site lists it in ``blogtool: ignored_tags``).
"""
from __future__ import annotations

import re
from typing import Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.context import RenderContext
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_ILLEGAL, TOKEN_TAG, Token

from blogtool.filters.text import escape_html
from blogtool.filters.urls import relative_url

from .include_tags import render_nodes
from .state import EnvironmentRef, RenderState, stash_placeholder

# ``highlight``'s markup: a language, then words, ``key=value`` or ``key="1 2 3"``
_HIGHLIGHT_MARKUP = re.compile(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$")
_HIGHLIGHT_WORD = re.compile(r"(?:\w=\"[^\"]*\"|\w=\w|\w)+")
_EDGE_NEWLINES = re.compile(r"\A(\n|\r)+|(\n|\r)+\Z")
# ``post_url``'s name: optional folders, a date, a slug (``2014/2014-10-01-flume-agent``)
_DATED_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


def _state(context: RenderContext) -> RenderState:
    return context.state  # type: ignore[attr-defined]


# --- highlight -------------------------------------------------------------------------------


class HighlightNode(Node):
    """``{% highlight lang [linenos] %}``: Liquid inside runs first, then the code is
    highlighted; in Markdown documents the HTML is stashed away from the Markdown parser."""

    def __init__(self, token: Token, lang: str, linenos: bool, block: BlockNode):
        super().__init__(token)
        self.lang, self.linenos, self.block = lang, linenos, block
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
    escaped = escape_html(code).strip()
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
        m = _HIGHLIGHT_MARKUP.match(markup)
        if not m:
            raise LiquidSyntaxError(f"Syntax Error in tag 'highlight' while parsing the "
                                    f"following markup: {markup} (valid syntax: highlight "
                                    "<lang> [linenos])", token=token)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        options: dict[str, Any] = {}
        for opt in _HIGHLIGHT_WORD.findall(m.group(2) or ""):
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
        if not _DATED_NAME.match(text.lstrip("/")):
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
        path = render_nodes(self.nodes, context).strip()
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
    for tag in (HighlightTag, PostUrlTag, LinkTag, SeoTag, FeedMetaTag):
        env.add_tag(tag)
    env.tags[TOKEN_ILLEGAL] = UnknownTag(env)
