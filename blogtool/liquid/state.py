"""What the engine, the tags and the filters share, with no import of the engine: the settings,
the state of one render, Jekyll's wording of errors and the stash that keeps highlighted HTML
away from Markdown."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.token import Token

from blogtool.errors import BuildError

_STASH_MARK = re.compile(r"(?:<p>)?<!--bt-stash:(\d+)-->(?:</p>)?")


@dataclass(frozen=True)
class LiquidSettings:
    """Everything the engine needs; picklable, rebuilt in each worker process."""

    source: str
    includes_dir: str = "_includes"
    layouts_dir: str = "_layouts"
    baseurl: str = ""
    url: str = ""
    timezone: str | None = None
    compat: str = "blogtool"  # "jekyll" | "github-pages" (post_url without baseurl) | "blogtool"
    strict_filters: bool = False
    strict_variables: bool = False
    error_mode: str = "warn"   # liquid: error_mode (warn | strict | lax)
    ignored_tags: tuple[str, ...] = ()
    highlight: bool = True
    theme_root: str = ""          # a gem or remote theme: its _includes come after the site's
    plugins: tuple[str, ...] = ()  # the plugins the site turns on (blogtool.plugins)
    # the site's MarkupOptions, for markdownify and the seo tag (None: the defaults)
    markdown: Any = field(default=None, compare=False)


def line_of(token: Token | None, offset: int = 0) -> int | None:
    """1-based line of a token in its template source, plus the front matter offset."""
    if token is None or token.start_index < 0 or not token.source:
        return None
    return token.source.count("\n", 0, token.start_index) + 1 + offset


def error_message(err: BaseException) -> str:
    """One readable sentence for a python-liquid (or filter) exception, Jekyll's wording."""
    if isinstance(err, LiquidError) or type(err).__name__ == "RubyArgumentError":
        message = getattr(err, "message", None)
        msg = str(message if message is not None else type(err).__name__)
        msg = msg.replace("unexpected tag '", "Unknown tag '").replace(
            "block nesting limit reached", f"Nesting too deep (more than {MAX_SCOPES} nested "
                                           "blocks)")
        if msg.startswith(("Liquid syntax error", "Liquid error")):
            return msg
        kind = "Liquid syntax error" if isinstance(err, LiquidSyntaxError) else "Liquid error"
        return f"{kind}: {msg}"
    return f"Liquid error: {err}"


MAX_SCOPES = 100   # Liquid's nesting limit: blocks inside blocks, includes and loops
RECURSION_LIMIT = 20000   # 99 nested includes take thousands of Python frames

# --- per-render state ------------------------------------------------------------------------


@dataclass
class RenderState:
    """What the tags and filters of one ``render`` call need: where they are, where to put
    stashed HTML and the includes they read."""

    engine: Any   # the LiquidEngine rendering
    path: str
    line_offset: int
    stash: list[str] | None
    deps: set[str] | None
    page_path: str | None = None
    includes: list = field(default_factory=list)   # the include chain being rendered
    scopes: int = 1   # levels open: each include and each for loop adds one
    interrupts: list = field(default_factory=list)   # break/continue left by a tablerow cell
    stopped: bool = False   # the template ended at a break/continue outside any loop

    def push_scope(self, token: Token | None, what: str) -> None:
        """Ruby Liquid stops when its scope stack passes 100 (``Nesting too deep``): 99
        nested includes render, or fewer when for loops enclose them."""
        if self.scopes + 1 > MAX_SCOPES:
            chain = " -> ".join(r for r, _ in self.includes[-4:])
            raise self.error(token, "Liquid error: Nesting too deep (more than "
                                    f"{MAX_SCOPES - 1} nested includes and for loops"
                                    + (f"; {what} in {chain}" if chain else "") + ")")
        self.scopes += 1

    @property
    def engine_page_path(self) -> str | None:
        return self.page_path

    def warn(self, token: Token | None, message: str) -> None:
        if self.engine.diagnostics is not None:
            self.engine.diagnostics.warn(self.path, line_of(token, self.line_offset), message)

    def error(self, token: Token | None, message: str) -> BuildError:
        return BuildError(self.path, line_of(token, self.line_offset), message)


def stash_placeholder(stash: list[str], html: str) -> str:
    """Keep ``html`` out of Markdown's reach: a type-2 HTML block on its own lines."""
    stash.append(html)
    return f"\n\n<!--bt-stash:{len(stash) - 1}-->\n\n"


def unstash(html: str, stash: list[str]) -> str:
    """Put stashed HTML back after Markdown (also when it was wrapped in ``<p>``)."""
    if not stash:
        return html

    def back(m: re.Match) -> str:
        i = int(m.group(1))
        return stash[i] if i < len(stash) else m.group(0)
    return _STASH_MARK.sub(back, html)




# For annotations in the tag and filter modules, which must not import the engine: the
# environment is python-liquid's Environment with the attributes JekyllEnvironment adds.
EngineRef = Any
EnvironmentRef = Any
