"""The typed, picklable view of the merged configuration that the build stages read
(:class:`Settings`), with blogtool's own keys in it (:class:`BlogtoolOptions`)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BuildError
from ..markup.options import MarkupOptions, freeze_mapping
from .cache import CACHE_DIR


@dataclass(frozen=True)
class BlogtoolOptions:
    """The keys under ``blogtool:`` that the generators and the Liquid engine read."""

    paginate: int = 10                  # posts per page of the home page and term pages
    feed_posts: int = 10
    tag_permalink: str = "/tags/:name/"
    category_permalink: str = "/categories/:name/"
    code_style: str = "friendly"
    code_style_dark: str | None = "github-dark"
    ignored_tags: tuple[str, ...] = ()
    # (key, value as written) of counts that are not positive whole numbers; an error only
    # where blogtool's theme uses them (a Jekyll site never reads them)
    bad_counts: tuple[tuple[str, str], ...] = ()

    def term_permalink(self, kind: str) -> str:
        """The URL template of a taxonomy's term pages (``tag`` or ``category``)."""
        return self.tag_permalink if kind == "tag" else self.category_permalink

    def check_counts(self) -> None:
        """Stop on the first count that is not a positive whole number."""
        for key, value in self.bad_counts:
            raise BuildError("_config.yml", None, f"blogtool.{key} must be a positive whole "
                                                  f"number, not '{value}'")


def _count(bt: Mapping[str, Any], key: str, bad: list[tuple[str, str]]) -> int:
    value = bt.get(key)
    if value in (None, ""):
        return 10
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        bad.append((key, str(value)))
        return 10
    return number


def blogtool_options(bt: Mapping[str, Any]) -> BlogtoolOptions:
    dark = bt.get("code_style_dark")
    bad: list[tuple[str, str]] = []
    return BlogtoolOptions(
        paginate=_count(bt, "paginate", bad),
        feed_posts=_count(bt, "feed_posts", bad),
        tag_permalink=str(bt.get("tag_permalink") or "/tags/:name/"),
        category_permalink=str(bt.get("category_permalink") or "/categories/:name/"),
        code_style=str(bt.get("code_style") or "friendly"),
        code_style_dark=str(dark) if dark else None,
        ignored_tags=tuple(str(t) for t in bt.get("ignored_tags") or ()),
        bad_counts=tuple(bad),
    )


@dataclass(frozen=True)
class Settings:
    """The typed, picklable view of the configuration the build stages read."""

    source: str
    destination: str
    compat: str
    jekyll_site: bool
    permalink: str
    baseurl: str
    url: str
    timezone: str | None
    excerpt_separator: str
    markdown_exts: tuple[str, ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    keep_files: tuple[str, ...]
    show_drafts: bool
    future: bool
    unpublished: bool
    limit_posts: int
    encoding: str
    strict_front_matter: bool
    collections: tuple[tuple[str, bool, str | None], ...]  # (label, output, permalink)
    collections_dir: str
    layouts_dir: str
    includes_dir: str
    data_dir: str
    plugins: tuple[str, ...]
    markup: MarkupOptions = field(default_factory=MarkupOptions)
    blogtool: BlogtoolOptions = field(default_factory=BlogtoolOptions)
    theme_root: str = ""            # the gem or remote theme's folder (blogtool.build.themes)

    @property
    def improved(self) -> bool:
        """True when blogtool's improvements over Jekyll are on."""
        return self.compat == "blogtool"


def _markdown_processor(config: Mapping[str, Any], compat: str) -> str:
    """Jekyll's `markdown:`; GitHub Pages renders anything but GFM with kramdown."""
    name = str(config.get("markdown") or "kramdown")
    if compat == "github-pages" and name.lower() not in ("gfm", "commonmarkghpages"):
        return "kramdown"
    return name


def settings_from(config: Mapping[str, Any], destination: str) -> Settings:
    bt = config["blogtool"]
    compat = bt["compat"]
    kram = config.get("kramdown") or {}
    highlighter = str(config.get("highlighter") or "rouge").lower()
    if config.get("pygments") is True and compat == "github-pages":
        highlighter = "rouge"
    improved = compat == "blogtool"
    quotes = kram.get("smart_quotes", "lsquo,rsquo,ldquo,rdquo")
    if isinstance(quotes, str):
        quotes = [q.strip() for q in quotes.split(",")]
    quotes = tuple(quotes) if len(quotes) == 4 else ("lsquo", "rsquo", "ldquo", "rdquo")
    markup = MarkupOptions(
        compat=compat,
        cjk=improved and bool(bt.get("cjk", True)),
        code_recovery=improved and bool(config.get("code_recovery", True)),
        detect_language=improved and bool(config.get("detect_language", True)),
        # Jekyll 4 ignores `highlighter: pygments` (no highlighting); blogtool highlights there.
        highlight=(highlighter == "rouge") or (improved and highlighter == "pygments"),
        smart_quotes=quotes,
        auto_ids=bool(kram.get("auto_ids", True)),
        hard_wrap=bool(kram.get("hard_wrap", False)),
        input=str(kram.get("input", "GFM")),
        guess_lang=bool(kram.get("guess_lang", True)),
        kramdown=freeze_mapping(kram), markdown=_markdown_processor(config, compat),
        commonmark=freeze_mapping(config.get("commonmark")),
    )
    collections = []
    raw_collections = config.get("collections") or {}
    if isinstance(raw_collections, list):
        raw_collections = {name: {} for name in raw_collections}
    for label, meta in raw_collections.items():
        meta = meta or {}
        if label == "posts":
            continue
        collections.append((str(label), bool(meta.get("output", False)), meta.get("permalink")))
    exts = tuple("." + e.strip().lower() for e in str(config.get("markdown_ext", "")).split(",")
                 if e.strip())
    source = str(config["source"])
    layouts_dir = str(config.get("layouts_dir") or "_layouts")
    # A Jekyll site renders with its own layouts only; under compat modes every site is one
    # (Jekyll writes only the site's own files, never blogtool's theme pages). A gem theme
    # without local layouts cannot load without Ruby: blogtool's own theme takes its place.
    jekyll_site = (Path(source) / layouts_dir).is_dir() or compat != "blogtool"
    show_drafts = config.get("show_drafts")
    return Settings(
        source=source,
        destination=destination,
        compat=compat,
        jekyll_site=jekyll_site,
        permalink=str(config.get("permalink") or "date"),
        baseurl=str(config.get("baseurl") or ""),
        url=str(config.get("url") or ""),
        timezone=config.get("timezone"),
        excerpt_separator=str(config.get("excerpt_separator", "\n\n")),
        markdown_exts=exts,
        include=tuple(str(x) for x in config.get("include") or ()),
        exclude=tuple(str(x) for x in config.get("exclude") or ()) + (CACHE_DIR,),
        keep_files=tuple(str(x) for x in config.get("keep_files") or ()),
        show_drafts=bool(show_drafts),
        future=bool(config.get("future")),
        unpublished=bool(config.get("unpublished")),
        limit_posts=int(config.get("limit_posts") or 0),
        encoding=str(config.get("encoding") or "utf-8"),
        strict_front_matter=bool(config.get("strict_front_matter")),
        collections=tuple(collections),
        collections_dir=str(config.get("collections_dir") or ""),
        layouts_dir=layouts_dir,
        includes_dir=str(config.get("includes_dir") or "_includes"),
        data_dir=str(config.get("data_dir") or "_data"),
        plugins=tuple(str(p) for p in (config.get("plugins") or ())),
        markup=markup,
        blogtool=blogtool_options(bt),
    )
