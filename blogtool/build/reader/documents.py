"""Rules that posts, pages and collection documents share: the output extension, dates from
the file name or the front matter, title and slug from the file name, the URL, tags, and
front matter that fails to load."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ... import urls
from ...errors import BuildError, InvalidYaml
from ...timeutil import RubyTime, document_date
from .. import frontmatter
from ..settings import Settings
from .context import SASS_EXTS, ReadContext


def split_or_warn(ctx: ReadContext, text: str, rel: str) -> frontmatter.Split:
    """Front matter of a page, collection document or layout. YAML that does not parse is
    Jekyll's "YAML Exception reading" warning: the file is used with no front matter data and
    the text after the block as its body (``strict_front_matter`` makes it an error). Front
    matter that parses to something other than a mapping stays an error, as in Jekyll."""
    try:
        return frontmatter.split(text, rel)
    except InvalidYaml as exc:
        if ctx.settings.strict_front_matter:
            raise
        ctx.diagnostics.warn(exc.problem.path, exc.problem.line,
                             exc.problem.message + "; read without its front matter")
        return frontmatter.without_data(text)


def plain_tags(ctx: ReadContext, rel: str, tags: list) -> list:
    """Tags become keys of ``site.tags`` and names of tag pages: a mapping or a list given as
    one tag (``tags: [{x: 1}]``) cannot be either, so it is dropped with a warning."""
    if all(not isinstance(t, (dict, list)) for t in tags):
        return tags
    ctx.diagnostics.warn(rel, key_line(ctx, rel, "tags") or key_line(ctx, rel, "tag"),
                         "a tag that is a mapping or a list is ignored; tags are words")
    return [t for t in tags if not isinstance(t, (dict, list))]


def output_ext(ext: str, data: dict, settings: Settings) -> str:
    """Jekyll's Renderer#output_ext: an extension in the front matter permalink wins, then
    the converter's (.html for Markdown, .css for Sass); HTML and other files keep theirs."""
    permalink = data.get("permalink")
    if permalink and not str(permalink).endswith("/"):
        permalink_ext = posixpath.splitext(str(permalink))[1]
        if permalink_ext:
            return permalink_ext
    low = ext.lower()
    if low in settings.markdown_exts:
        return ".html"
    if low in SASS_EXTS:
        return ".css"
    return ext


def or_assign(data: dict, key: str, value: Any) -> None:
    """Ruby's ``data[key] ||= value``: nil and false are replaced, "" is kept."""
    if data.get(key) is None or data.get(key) is False:
        data[key] = value


def own_date(ctx: ReadContext, data: dict, name: re.Match | None,
             rel: str) -> RubyTime | None:
    """The date a post or collection document has of its own: a front matter (or defaults)
    date wins; only without one is the date of a file name matched by ``POST_NAME`` read.
    None when it has neither (the caller decides what stands in)."""
    if "date" in data:
        return front_matter_date(data["date"], rel, ctx)
    if name is not None:
        return file_name_date(f"{name.group(1)}-{name.group(2)}-{name.group(3)}", rel, ctx)
    return None


def slug_from_name(data: dict, file_slug: str) -> str:
    """Jekyll's ``title ||=`` and ``slug ||=`` from the slug part of a file name (trailing
    dots dropped); the document's slug."""
    file_slug = file_slug.rstrip(".")
    or_assign(data, "title", urls.titleize_slug(file_slug))
    or_assign(data, "slug", file_slug)
    return str(data["slug"])


def file_name_date(text: str, rel: str, ctx: ReadContext) -> RubyTime:
    try:
        return document_date(text, ctx.zone)
    except (ValueError, OverflowError):
        raise BuildError(rel, None, f"invalid date '{text}' in the file name: a post's name "
                                    f"must start with a valid YYYY-MM-DD date") from None


def front_matter_date(value: Any, rel: str, ctx: ReadContext) -> RubyTime:
    try:
        return document_date(value, ctx.zone)
    except (ValueError, OverflowError):
        raise BuildError(rel, key_line(ctx, rel, "date"),
                         f"invalid date '{value}' in the front matter: use YYYY-MM-DD or "
                         f"YYYY-MM-DD HH:MM:SS +0800") from None


def key_line(ctx: ReadContext, rel: str, key: str) -> int | None:
    try:
        text = (ctx.source / rel).read_text("utf-8", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines()[:200], 1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def checked_permalink(rel: str, permalink: Any, line: int | None) -> str | None:
    """The front matter permalink as text; an empty one is an error."""
    if permalink is not None and str(permalink).strip() == "":
        raise BuildError(rel, line, "invalid permalink: it is empty")
    return str(permalink) if permalink else None


def document_url(rel: str, template: str, placeholders: dict, permalink: Any,
                 line: int | None = None) -> str:
    permalink = checked_permalink(rel, permalink, line)
    try:
        return urls.document_url(template, placeholders, permalink)
    except urls.UnknownPlaceholder as exc:
        where = (rel, line) if permalink else ("_config.yml", None)
        raise BuildError(where[0], where[1], f"the URL template has no ':{exc}' placeholder; "
                                             f"check the permalink") from None
