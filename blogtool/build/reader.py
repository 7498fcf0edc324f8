"""Discovery: walk the source tree the way Jekyll's Reader does and return :class:`Sources`.

Nothing is rendered here. Front matter is parsed, defaults applied, dates, categories, tags and
URLs resolved, so every later stage can rely on them.
"""
from __future__ import annotations

import csv
import dataclasses
import fnmatch
import functools
import hashlib
import io
import json
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import urls
from ..errors import BuildError, Diagnostics, InvalidYaml
from ..models import Document, Layout, Sources, StaticFile
from ..timeutil import RubyTime, document_date, site_zone
from . import frontmatter, pool
from .config import NotRegularFile, Settings, front_matter_defaults, load_yaml, read_source_bytes

# Jekyll's Document::DATE_FILENAME_MATCHER and DATELESS_FILENAME_MATCHER
POST_NAME = re.compile(r"^(?:.+/)*?(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]*)(\.[^.]+)$")
DRAFT_NAME = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")
HTML_EXTS = (".html", ".xhtml", ".htm")
YAML_EXTS = (".yml", ".yaml")
SASS_EXTS = (".scss", ".sass")


@dataclass
class _Context:
    settings: Settings
    config: dict
    source: Path
    zone: Any
    site_time: RubyTime
    diagnostics: Diagnostics
    dest_real: str
    visited: set
    memo: dict | None = None
    config_key: str = ""
    jobs: int = 1


def _context(config: dict, settings: Settings, site_time: RubyTime, diagnostics: Diagnostics,
             jobs: int = 1) -> _Context:
    return _Context(settings, config, Path(settings.source).resolve(),
                    site_zone(settings.timezone), site_time, diagnostics,
                    os.path.realpath(settings.destination), set(), jobs=jobs)


def read_site(config: dict, settings: Settings, site_time: RubyTime,
              diagnostics: Diagnostics, memo: dict | None = None, jobs: int = 1) -> Sources:
    """``memo`` (kept by a build session) holds parsed posts by file identity and
    configuration, so a rebuild parses only the files that changed. ``jobs``: processes that
    parse posts on a big site."""
    ctx = _context(config, settings, site_time, diagnostics, jobs)
    if memo is not None:
        ctx.memo = memo
        ctx.config_key = hashlib.blake2b(json.dumps(config, sort_keys=True, default=str)
                                         .encode(), digest_size=12).hexdigest()
    posts: list[Document] = []
    pages: list[Document] = []
    statics: list[StaticFile] = []
    _walk(ctx, "", posts, pages, statics)
    posts.sort(key=lambda d: (d.date, d.rel_path))
    pages.sort(key=lambda d: d.name)   # Jekyll's order; of two pages writing one file the last wins
    if settings.limit_posts > 0:
        posts = posts[-settings.limit_posts:]
    documents: dict[str, list[Document]] = {}
    for label, output, permalink in settings.collections:
        docs, files = _read_collection(ctx, label, output, permalink)
        documents[label] = docs
        statics.extend(files)
    statics.sort(key=lambda f: f.rel_path)
    return Sources(
        posts=posts,
        pages=pages,
        documents=documents,
        static_files=statics,
        layouts=_read_layouts(ctx),
        data=_read_data(ctx),
    )


# --- entry filter (Jekyll's EntryFilter) -------------------------------------------------------

def _glob_include(patterns: tuple[str, ...], rel: str, is_dir: bool) -> bool:
    for pattern in patterns:
        pattern = pattern.lstrip("/") if pattern.startswith("/") else pattern
        if fnmatch.fnmatchcase(rel, pattern) or rel.startswith(pattern) or \
                (is_dir and pattern == rel + "/"):
            return True
    return False


def _keep_entry(ctx: _Context, rel: str, is_dir: bool) -> bool:
    """True when Jekyll would read ``rel`` (source-relative POSIX path)."""
    name = rel.rsplit("/", 1)[-1]
    if name.endswith("."):
        return False
    s = ctx.settings
    included = _glob_include(s.include, rel, is_dir) or _glob_include(s.include, name, is_dir)
    excluded = _glob_include(tuple(p for p in s.exclude if p not in s.include), rel, is_dir)
    if excluded and not included:
        return False
    if included:
        return True
    return not (name[:1] in "._#~" or rel[:1] in "._#~" or name.endswith("~"))


def _safe_dir(ctx: _Context, path: Path, rel: str) -> bool:
    """Refuse symlinks that leave the source, and loops (Jekyll's safe mode)."""
    real = os.path.realpath(path)
    if real == ctx.dest_real or real.startswith(ctx.dest_real + os.sep):
        return False
    src = str(ctx.source)
    if real != src and not real.startswith(src + os.sep):
        ctx.diagnostics.warn(rel, None, "is a symbolic link that points outside the site; "
                                        "not followed")
        return False
    if real in _ancestor_reals(ctx, rel):
        ctx.diagnostics.warn(rel, None, "is a symbolic link loop; not followed")
        return False
    return True


def _ancestor_reals(ctx: _Context, rel: str) -> set[str]:
    """Real paths of the folders above ``rel`` on the way it was reached. A folder link is a
    loop when it leads back to one of them; a second way into another folder is read again,
    as Jekyll does."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    return {os.path.realpath(ctx.source.joinpath(*parts[:i])) for i in range(len(parts))}


def _safe_file(ctx: _Context, path: Path, rel: str) -> bool:
    if not path.is_symlink():
        return True
    real = os.path.realpath(path)
    src = str(ctx.source)
    if not real.startswith(src + os.sep):
        ctx.diagnostics.warn(rel, None, "is a symbolic link that points outside the site; "
                                        "not read")
        return False
    return True


def _nfc(ctx: _Context, rel: str) -> str:
    """macOS writes NFD names; blogtool makes them NFC so URLs match across systems. Jekyll
    keeps them as they are on disk, and so does compat mode."""
    return unicodedata.normalize("NFC", rel) if ctx.settings.improved else rel


def _scandir(path: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(path) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def read_pages(config: dict, settings: Settings, rel_paths: list[str], site_time: RubyTime,
               diagnostics: Diagnostics) -> list[Document]:
    """Read files the walk classified as static as pages (GitHub Pages' optional front
    matter makes Markdown files without front matter pages)."""
    ctx = _context(config, settings, site_time, diagnostics)
    pages = []
    for rel in rel_paths:
        raw = _read_bytes(ctx, ctx.source / rel, rel)
        if raw is None:
            continue
        page = _read_page(ctx, posixpath.dirname(rel), rel, raw)
        if page is not None:
            pages.append(page)
    return pages


def reread(config: dict, settings: Settings, site_time: RubyTime, diagnostics: Diagnostics,
           doc: Document) -> Document | None:
    """``doc`` read again from its file, exactly as the walk read it (``serve``'s fast path
    compares the two to see whether only the body changed). None for kinds it does not
    re-read (collection documents) or when the file is gone."""
    rel = doc.rel_path
    if doc.kind == "page":
        pages = read_pages(config, settings, [rel], site_time, diagnostics)
        return pages[0] if pages else None
    if doc.kind != "post":
        return None
    magic = "_drafts" if doc.draft else "_posts"
    rel_dir, sep, inner = rel.partition(magic + "/")
    if not sep or (rel_dir and not rel_dir.endswith("/")):
        return None
    m = (DRAFT_NAME if doc.draft else POST_NAME).match(inner)
    if not m:
        return None
    path_categories = [c for c in rel_dir.split("/") if c]
    ctx = _context(config, settings, site_time, diagnostics)
    return _read_post(ctx, rel, ctx.source / rel, m, path_categories, doc.draft)


# --- the walk ----------------------------------------------------------------------------------

def _walk(ctx: _Context, rel_dir: str, posts: list, pages: list, statics: list) -> None:
    base = ctx.source / rel_dir if rel_dir else ctx.source
    if not _safe_dir(ctx, base, rel_dir or "."):
        return
    entries = _scandir(base)
    names = {e.name for e in entries}
    coll_dir = ctx.settings.collections_dir.strip("/")
    if not coll_dir or rel_dir == coll_dir or rel_dir.startswith(coll_dir + "/"):
        if "_posts" in names:
            posts.extend(_read_posts(ctx, rel_dir, "_posts"))
        if ctx.settings.show_drafts and "_drafts" in names:
            posts.extend(_read_posts(ctx, rel_dir, "_drafts"))
    for entry in entries:
        rel = _nfc(ctx, posixpath.join(rel_dir, entry.name) if rel_dir else entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not _keep_entry(ctx, rel, is_dir):
            continue
        path = Path(entry.path)
        if is_dir:
            _walk(ctx, rel, posts, pages, statics)
            continue
        if not _safe_file(ctx, path, rel):
            continue
        raw = _read_bytes(ctx, path, rel)
        if raw is None:
            continue
        if frontmatter.has_front_matter(raw) or _bom_page(ctx, raw, rel):
            copy = _undecodable_page(ctx, path, rel_dir, rel, raw)
            if copy is not None:
                statics.append(copy)
                continue
            page = _read_page(ctx, rel_dir, rel, raw)
            if page is not None:
                pages.append(page)
        else:
            statics.append(_static(ctx, path, rel))


def _undecodable_page(ctx: _Context, path: Path, rel_dir: str, rel: str,
                      raw: bytes) -> StaticFile | None:
    """A page that is not text in the site's encoding: Jekyll warns that it cannot read its
    front matter and writes the file unprocessed, unless a converter or Liquid has to read it
    (then the build stops, as :func:`_read_page` reports)."""
    if decode(ctx, raw, rel) is not None:
        return None
    name = rel.rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(name)
    low = ext.lower()
    if low in ctx.settings.markdown_exts or low in SASS_EXTS or b"{{" in raw or b"{%" in raw:
        return None
    try:
        raw.decode(ctx.settings.encoding.lower().replace("bom|", "").replace("utf8", "utf-8"))
    except (UnicodeDecodeError, LookupError):
        ctx.diagnostics.warn(rel, None, f"Error reading file: invalid byte sequence in "
                                        f"{ctx.settings.encoding}; written unprocessed")
    url = urls.page_url(dir=rel_dir, basename=stem.rstrip("."), output_ext=ext,
                        html=low in HTML_EXTS, permalink_style=ctx.settings.permalink)
    static = _static(ctx, path, rel)
    return dataclasses.replace(static, dest=urls.url_to_path(url, ext, page=True), url=url)


def _bom_page(ctx: _Context, raw: bytes, rel: str) -> bool:
    """Jekyll copies a page whose front matter follows a BOM verbatim; blogtool reads it."""
    if ctx.settings.improved and raw.startswith(b"\xef\xbb\xbf") and \
            frontmatter.has_front_matter(raw[3:]):
        ctx.diagnostics.warn(rel, 1, "starts with a byte order mark; Jekyll would copy it "
                                     "unprocessed, blogtool reads its front matter")
        return True
    return False


def _read_bytes(ctx: _Context, path: Path, rel: str, *, document: bool = False) -> bytes | None:
    """The file's bytes. Jekyll reads posts and collection documents inside a rescue (an
    unreadable one is logged and skipped) but stops on any other file it cannot read."""
    try:
        return read_source_bytes(path)
    except NotRegularFile:
        ctx.diagnostics.warn(rel, None, "is not a regular file (a named pipe, socket or device); "
                                        "skipped")
        return None
    except OSError as exc:
        if document:
            ctx.diagnostics.warn(rel, None, f"cannot be read ({exc.strerror or exc}); skipped")
            return None
        raise BuildError(rel, None, f"cannot be read ({exc.strerror or exc})") from None


def _gbk_common(code: int) -> bool:       # GB2312 punctuation and level-1 hanzi
    return 0xA1A1 <= code <= 0xA3FE or 0xB0A1 <= code <= 0xD7FE


def _big5_common(code: int) -> bool:      # Big5 punctuation and frequent characters
    return 0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E


def _sjis_common(code: int) -> bool:      # punctuation, kana and JIS level-1 kanji
    return 0x8140 <= code <= 0x83FF or 0x889F <= code <= 0x9872


def _euckr_common(code: int) -> bool:     # punctuation and Hangul syllables
    return 0xA1A1 <= code <= 0xA3FE or 0xB0A1 <= code <= 0xC8FE


# EUC-KR first: Korean bytes are also valid GB2312, so a tie goes to Korean; Chinese text
# nearly always has characters outside the Hangul rows.
_ENCODING_GUESSES = (("euc_kr", "EUC-KR", _euckr_common), ("gbk", "GBK", _gbk_common),
                     ("big5", "Big5", _big5_common), ("shift_jis", "Shift_JIS", _sjis_common))


def guess_encoding(raw: bytes) -> str:
    """Name the legacy encoding a non-UTF-8 file most likely uses (for the message).

    Almost any byte string decodes as GB18030, and Big5 or EUC-KR text often decodes as GBK,
    so decoding alone cannot tell them apart: each strict decoding is scored by the share of
    its characters that fall in that encoding's frequent rows (text in the wrong encoding
    lands on rare characters), and the best one above half wins."""
    best, best_score = "Latin-1", 0.5
    for codec, label, common in _ENCODING_GUESSES:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch.encode(codec) for ch in text if ord(ch) > 127]
        if not wide:
            continue
        score = sum(1 for b in wide if len(b) == 2 and common(int.from_bytes(b, "big"))) \
            / len(wide)
        if score > best_score:
            best, best_score = label, score
    return best


def decode(ctx: _Context, raw: bytes, rel: str) -> str | None:
    """Text of a source file in the configured encoding (UTF-8 by default, BOM stripped).

    Returns None (after a message) when the bytes are not text in that encoding.
    """
    if b"\x00" in raw[:8192]:
        return None
    encoding = ctx.settings.encoding.lower().replace("bom|", "")
    try:
        text = raw.decode("utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text.lstrip("\ufeff")


def _decode_or_report(ctx: _Context, raw: bytes, rel: str, *, fatal: bool) -> str | None:
    text = decode(ctx, raw, rel)
    if text is not None:
        return text
    if b"\x00" in raw[:8192]:
        message = "is a binary file, not text"
    else:
        bad = _first_bad_line(raw)
        message = (f"is not valid UTF-8 (it looks like {guess_encoding(raw)}); convert it to "
                   f"UTF-8 or set 'encoding:' in _config.yml")
        rel = f"{rel}:{bad}" if bad else rel
    if fatal:
        raise BuildError(rel, None, message)
    ctx.diagnostics.warn(rel, None, message + "; skipped")
    return None


def _decode_or_stop(ctx: _Context, raw: bytes, rel: str) -> str:
    """The text of a file the build cannot do without (a page, a layout, data)."""
    text = _decode_or_report(ctx, raw, rel, fatal=True)
    if text is None:        # fatal=True raises instead; this keeps the type honest
        raise BuildError(rel, None, "is not text")
    return text


def _first_bad_line(raw: bytes) -> int | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw.count(b"\n", 0, exc.start) + 1
    return None


# --- posts and drafts ----------------------------------------------------------------------

def _post_entries(ctx: _Context, base: Path, rel_base: str) -> list[tuple[str, Path]]:
    """Files under ``_posts`` (recursively), filtered like Jekyll's ``Dir["**/*"]``."""
    out: list[tuple[str, Path]] = []

    def walk(path: Path, sub: str) -> None:
        if not _safe_dir(ctx, path, posixpath.join(rel_base, sub) if sub else rel_base):
            return
        for entry in _scandir(path):
            inner = _nfc(ctx, posixpath.join(sub, entry.name) if sub else entry.name)
            name = entry.name
            if name.endswith(".") or name[:1] in "._#~" or name.endswith("~") or \
                    inner[:1] in "._#~":
                continue
            rel = posixpath.join(rel_base, inner)
            if _glob_include(ctx.settings.exclude, rel, entry.is_dir()):
                continue
            if entry.is_dir():
                walk(Path(entry.path), inner)
            elif _safe_file(ctx, Path(entry.path), rel):
                out.append((inner, Path(entry.path)))

    walk(base, "")
    return out


def _read_posts(ctx: _Context, rel_dir: str, magic: str) -> list[Document]:
    base = (ctx.source / rel_dir / magic) if rel_dir else ctx.source / magic
    rel_base = posixpath.join(rel_dir, magic) if rel_dir else magic
    draft = magic == "_drafts"
    path_categories = [c for c in rel_dir.split("/") if c] if rel_dir else []
    items = []
    for inner, path in _post_entries(ctx, base, rel_base):
        m = (DRAFT_NAME if draft else POST_NAME).match(inner)
        if m and posixpath.splitext(inner)[1] not in YAML_EXTS:   # Jekyll loads those as
            items.append((posixpath.join(rel_base, inner), path, m))  # data: no content, no post
    docs = []
    for doc in _read_post_items(ctx, items, path_categories, draft):
        if doc is not None and _publishable(ctx, doc):
            docs.append(doc)
    return docs


PARALLEL_READ = 400     # posts; below this, forking readers costs more than it saves


def _read_post_items(ctx: _Context, items: list[tuple[str, Path, re.Match]],
                     path_categories: list[str], draft: bool) -> list[Document | None]:
    """The posts of one ``_posts`` folder, in order; parsed in parallel on a big site (the
    memo's posts are taken as they are). Warnings, notes and the first error come out in
    file order, as when one process reads them all."""
    out: list[Document | None] = [None] * len(items)
    signatures = [_signature(ctx, path, path_categories, draft) for _rel, path, _m in items]
    todo = []
    for i, (rel, _path, _m) in enumerate(items):
        known = ctx.memo.get(rel) if ctx.memo is not None else None
        if known is not None and known[0] == signatures[i]:
            out[i] = dataclasses.replace(known[1])
        else:
            todo.append(i)
    jobs = ctx.jobs if len(todo) >= PARALLEL_READ else 1
    chunks = pool.run_chunks(_read_chunk, (ctx, items, path_categories, draft),
                             pool.split(todo, jobs), jobs)
    for chunk in chunks:
        for i, doc, warnings, notes, error in chunk:
            ctx.diagnostics.replay(warnings, notes)
            if error is not None:
                raise error
            signature = signatures[i]
            if doc is not None and ctx.memo is not None and signature is not None \
                    and not warnings:
                ctx.memo[items[i][0]] = (signature, doc)   # clean reads only: a memo
                doc = dataclasses.replace(doc)             # never hides a warning
            out[i] = doc
    return out


def _read_chunk(shared: tuple, indexes: list[int]) -> list[tuple]:
    """Read some posts (in this process or a forked reader); each with what it reported."""
    ctx, items, path_categories, draft = shared
    diagnostics = ctx.diagnostics
    results = []
    for i in indexes:
        rel, path, m = items[i]
        mark = diagnostics.mark()
        doc, error = None, None
        try:
            doc = _read_post(ctx, rel, path, m, path_categories, draft)
        except BuildError as exc:
            error = exc
        warnings, notes = diagnostics.take(mark)
        results.append((i, doc, warnings, notes, error))
        if error is not None:
            break
    return results


def _signature(ctx: _Context, path: Path, path_categories: list[str],
               draft: bool) -> tuple | None:
    """What a memo entry is valid for: the file's identity and the configuration."""
    if ctx.memo is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, ctx.config_key, draft,
            tuple(path_categories))


def _publishable(ctx: _Context, doc: Document) -> bool:
    published = doc.data.get("published", True)
    if published is False and not ctx.settings.unpublished:
        return False
    if doc.date is not None and not ctx.settings.future and doc.kind != "page" and \
            int(doc.date.timestamp()) > int(ctx.site_time.timestamp()):
        ctx.diagnostics.info(f"Skipping: {doc.rel_path} has a future date")
        return False
    return True


def _read_post(ctx: _Context, rel: str, path: Path, m: re.Match, path_categories: list[str],
               draft: bool) -> Document | None:
    raw = _read_bytes(ctx, path, rel, document=True)
    if raw is None:
        return None
    text = _decode_or_report(ctx, raw, rel, fatal=False)
    if text is None:
        return None
    s = ctx.settings
    defaults = front_matter_defaults(ctx.config.get("defaults") or [], rel,
                                     "drafts" if draft else "posts")
    yaml_ok = True
    try:
        split = frontmatter.split(text, rel)
        data = {**defaults, **split.data}
        body, body_line = split.body, split.body_line
    except BuildError as exc:
        if s.strict_front_matter:
            raise
        ctx.diagnostics.warn(exc.problem.path, exc.problem.line,
                             exc.problem.message + "; the post is built without its front matter")
        yaml_ok = False
        data = dict(defaults)
        m_fm = frontmatter._FRONT_MATTER.match(text)
        body = text[m_fm.end():] if m_fm else text
        body_line = text.count("\n", 0, m_fm.end()) + 1 if m_fm else 1
    name = rel.rsplit("/", 1)[-1]
    if draft:
        file_slug, ext = m.group(1), m.group(2)
        name_date = None
    else:
        year, month, day, file_slug, ext = m.groups()
        name_date = f"{year}-{month}-{day}"
    file_slug = file_slug.rstrip(".")
    basename = name[: len(name) - len(ext)]
    if not yaml_ok:
        # Jekyll skips its post data: no date or slug from the name, no path categories
        date = ctx.site_time
        slug = basename
        categories: list[str] = []
    else:
        # a front matter (or defaults) date wins; only without one is the name's date read
        if "date" in data:
            date = _front_matter_date(data["date"], rel, split.body_line, ctx)
        elif name_date is not None:
            date = _file_name_date(name_date, rel, ctx)
        else:
            date = RubyTime.fromtimestamp(path.stat().st_mtime, ctx.zone)
        _or_assign(data, "title", urls.titleize_slug(file_slug))
        _or_assign(data, "slug", file_slug)
        slug = str(data.get("slug"))
        categories = frontmatter.categories_of(data, path_categories)
    tags = _plain_tags(ctx, rel, frontmatter.tags_of(data))
    output_ext = _output_ext(ext, data, s)
    template = urls.style_template(s.permalink)
    placeholders = urls.document_placeholders(
        date=date, slug=slug, basename=basename, categories=categories, collection="posts",
        output_ext=output_ext, rel_path=rel[: len(rel) - len(ext)].replace(
            "_drafts" if draft else "_posts", "", 1).rstrip("."))
    url = _document_url(rel, template, placeholders, data.get("permalink"),
                        split.key_lines.get("permalink") if yaml_ok else None)
    return Document(
        kind="post", collection="posts", rel_path=rel, data=data, body=body,
        body_line=body_line, url=url, dest=urls.url_to_path(url, output_ext), ext=ext,
        output_ext=output_ext, markdown=ext.lower() in s.markdown_exts, date=date, slug=slug,
        categories=categories, tags=tags, draft=draft,
        key_lines=split.key_lines if yaml_ok else {})


def _plain_tags(ctx: _Context, rel: str, tags: list) -> list:
    """Tags become keys of ``site.tags`` and names of tag pages: a mapping or a list given as
    one tag (``tags: [{x: 1}]``) cannot be either, so it is dropped with a warning."""
    if all(not isinstance(t, (dict, list)) for t in tags):
        return tags
    ctx.diagnostics.warn(rel, _key_line(ctx, rel, "tags") or _key_line(ctx, rel, "tag"),
                         "a tag that is a mapping or a list is ignored; tags are words")
    return [t for t in tags if not isinstance(t, (dict, list))]


def _output_ext(ext: str, data: dict, settings: Settings) -> str:
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


def _or_assign(data: dict, key: str, value: Any) -> None:
    """Ruby's ``data[key] ||= value``: nil and false are replaced, "" is kept."""
    if data.get(key) is None or data.get(key) is False:
        data[key] = value


def _file_name_date(text: str, rel: str, ctx: _Context) -> RubyTime:
    try:
        return document_date(text, ctx.zone)
    except (ValueError, OverflowError):
        raise BuildError(rel, None, f"invalid date '{text}' in the file name: a post's name "
                                    f"must start with a valid YYYY-MM-DD date") from None


def _front_matter_date(value: Any, rel: str, body_line: int, ctx: _Context) -> RubyTime:
    try:
        return document_date(value, ctx.zone)
    except (ValueError, OverflowError):
        raise BuildError(rel, _key_line(ctx, rel, "date"),
                         f"invalid date '{value}' in the front matter: use YYYY-MM-DD or "
                         f"YYYY-MM-DD HH:MM:SS +0800") from None


def _key_line(ctx: _Context, rel: str, key: str) -> int | None:
    try:
        text = (ctx.source / rel).read_text("utf-8", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines()[:200], 1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def _document_url(rel: str, template: str, placeholders: dict, permalink: Any,
                  line: int | None = None) -> str:
    if permalink is not None and str(permalink).strip() == "":
        raise BuildError(rel, line, "invalid permalink: it is empty")
    try:
        return urls.document_url(template, placeholders, str(permalink) if permalink else None)
    except urls.UnknownPlaceholder as exc:
        where = (rel, line) if permalink else ("_config.yml", None)
        raise BuildError(where[0], where[1], f"the URL template has no ':{exc}' placeholder; "
                                             f"check the permalink") from None


# --- pages and static files ----------------------------------------------------------------

def _split_or_warn(ctx: _Context, text: str, rel: str) -> frontmatter.Split:
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
        m = frontmatter._FRONT_MATTER.match(text)
        if not m:  # pragma: no cover - split only parses YAML when the block matched
            return frontmatter.Split({}, text, 1, False)
        return frontmatter.Split({}, text[m.end():], text.count("\n", 0, m.end()) + 1, True)


def _read_page(ctx: _Context, rel_dir: str, rel: str, raw: bytes) -> Document | None:
    s = ctx.settings
    text = _decode_or_stop(ctx, raw, rel)
    split = _split_or_warn(ctx, text, rel)
    defaults = front_matter_defaults(ctx.config.get("defaults") or [], rel, "pages")
    data = {**defaults, **split.data}
    if data.get("published", True) is False and not s.unpublished:
        return None
    name = rel.rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(name)
    stem = stem.rstrip(".")        # Jekyll's Page#process: trailing dots leave the basename
    low = ext.lower()
    output_ext = _output_ext(ext, data, s)
    permalink = data.get("permalink")
    if permalink is not None and str(permalink).strip() == "":
        raise BuildError(rel, split.key_lines.get("permalink"), "invalid permalink: it is empty")
    url = urls.page_url(dir=rel_dir, basename=stem, output_ext=output_ext,
                        html=output_ext in HTML_EXTS, permalink_style=s.permalink,
                        permalink=str(permalink) if permalink else None)
    return Document(
        kind="page", collection=None, rel_path=rel, data=data, body=split.body,
        body_line=split.body_line, url=url, dest=urls.url_to_path(url, output_ext, page=True),
        ext=ext, output_ext=output_ext, markdown=low in s.markdown_exts,
        date=None, slug=stem, key_lines=split.key_lines)


def _static(ctx: _Context, path: Path, rel: str, collection: str | None = None,
            write: bool = True) -> StaticFile:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return StaticFile(rel_path=rel, abs_path=str(path), dest=rel, url="/" + rel, mtime=mtime,
                      collection=collection, write=write)


# --- collections -----------------------------------------------------------------------------

def _collection_static(ctx: _Context, path: Path, rel: str, inner: str, label: str,
                       template: str, output: bool) -> StaticFile:
    """A file without front matter in a collection: placed by the collection's URL template
    (Jekyll's StaticFile#url: path, collection, name; no output extension), its own
    extension appended."""
    f = _static(ctx, path, rel, collection=label, write=output)
    stem, ext = posixpath.splitext(inner)
    values = {"collection": label, "path": "/" + stem.rstrip("."), "output_ext": "",
              "name": posixpath.basename(stem), "title": ""}
    url = urls.sanitize_url(urls.fill_template(template, values, strict=False)).rstrip("/") + ext
    f.url = url
    f.dest = urls.unescape_path(url).lstrip("/")
    return f


def _read_collection(ctx: _Context, label: str, output: bool,
                     permalink: str | None) -> tuple[list[Document], list[StaticFile]]:
    s = ctx.settings
    rel_base = posixpath.join(s.collections_dir.strip("/"), "_" + label) \
        if s.collections_dir.strip("/") else "_" + label
    base = ctx.source / rel_base
    if not base.is_dir():
        return [], []
    docs: list[Document] = []
    files: list[StaticFile] = []
    template = permalink or urls.add_permalink_suffix("/:collection/:path", s.permalink)
    own_dates: dict[str, RubyTime | None] = {}    # before Jekyll's "date ||= site.time"
    for inner, path in _post_entries(ctx, base, rel_base):
        rel = posixpath.join(rel_base, inner)
        raw = _read_bytes(ctx, path, rel, document=True)
        if raw is None:
            continue
        if not frontmatter.has_front_matter(raw):
            files.append(_collection_static(ctx, path, rel, inner, label, template, output))
            continue
        text = _decode_or_stop(ctx, raw, rel)
        split = _split_or_warn(ctx, text, rel)
        defaults = front_matter_defaults(ctx.config.get("defaults") or [], rel, label)
        data = {**defaults, **split.data}
        if data.get("published", True) is False and not s.unpublished:
            continue
        name = inner.rsplit("/", 1)[-1]
        stem, ext = posixpath.splitext(name)
        m = POST_NAME.match(inner)
        date = None
        file_slug = stem
        if m:
            file_slug = m.group(4)
        if "date" in data:
            date = _front_matter_date(data["date"], rel, split.body_line, ctx)
        elif m:
            date = _file_name_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}", rel, ctx)
        own_dates[rel] = date
        date = date or ctx.site_time       # Jekyll: data["date"] ||= site.time
        file_slug = file_slug.rstrip(".")
        _or_assign(data, "title", urls.titleize_slug(file_slug))
        _or_assign(data, "slug", file_slug)
        low = ext.lower()
        output_ext = _output_ext(ext, data, s)
        cleaned = "/" + inner[: len(inner) - len(ext)].rstrip(".")
        placeholders = urls.document_placeholders(
            date=date, slug=str(data["slug"]), basename=stem,
            categories=frontmatter.categories_of(data, []), collection=label,
            output_ext=output_ext, rel_path=cleaned)
        url = _document_url(rel, template, placeholders, data.get("permalink"),
                            split.key_lines.get("permalink"))
        docs.append(Document(
            kind="doc", collection=label, rel_path=rel, data=data, body=split.body,
            body_line=split.body_line, url=url, dest=urls.url_to_path(url, output_ext),
            ext=ext, output_ext=output_ext, markdown=low in s.markdown_exts, date=date,
            slug=str(data["slug"]), categories=frontmatter.categories_of(data, []),
            tags=_plain_tags(ctx, rel, frontmatter.tags_of(data)), write=output,
            key_lines=split.key_lines))
    meta = (ctx.config.get("collections") or {}).get(label) if isinstance(
        ctx.config.get("collections"), dict) else None
    sort_by = (meta or {}).get("sort_by") if isinstance(meta, dict) else None
    if sort_by:
        docs.sort(key=lambda d: (d.data.get(sort_by) is None, str(d.data.get(sort_by, "")),
                                 d.rel_path))
    else:
        docs.sort(key=functools.cmp_to_key(lambda a, b: _jekyll_order(
            own_dates.get(a.rel_path), a.rel_path, own_dates.get(b.rel_path), b.rel_path)))
    return docs, files


def _jekyll_order(date_a: RubyTime | None, path_a: str, date_b: RubyTime | None,
                  path_b: str) -> int:
    """Jekyll's Document#<=> when a collection is sorted: by date when both documents have
    one (from the front matter or the file name) and they differ, else by path."""
    if date_a is not None and date_b is not None and date_a != date_b:
        return -1 if date_a < date_b else 1
    return (path_a > path_b) - (path_a < path_b)



def read_theme_layers(config: dict, settings: Settings, site_time: RubyTime,
                      diagnostics: Diagnostics, root: str) -> tuple[dict[str, Layout], dict]:
    """Layouts and data of a theme folder, read as the site's own are."""
    theme = dataclasses.replace(settings, source=root, layouts_dir="_layouts", data_dir="_data")
    ctx = _context(config, theme, site_time, diagnostics)
    return _read_layouts(ctx), _read_data(ctx)


# --- layouts and data --------------------------------------------------------------------

def _read_layouts(ctx: _Context) -> dict[str, Layout]:
    rel_base = ctx.settings.layouts_dir.strip("/")
    base = ctx.source / rel_base
    layouts: dict[str, Layout] = {}
    if not base.is_dir():
        return layouts
    for inner, path in _post_entries(ctx, base, rel_base):
        rel = posixpath.join(rel_base, inner)
        raw = _read_bytes(ctx, path, rel)
        if raw is None:
            continue
        text = _decode_or_stop(ctx, raw, rel)
        split = _split_or_warn(ctx, text, rel)
        name = inner.rsplit(".", 1)[0] if "." in inner.rsplit("/", 1)[-1] else inner
        layouts[name] = Layout(name, rel, split.data, split.body, split.body_line)
    return layouts


_DATA_KEY = re.compile(r"[^\w\s-]+")


def _data_key(stem: str) -> str:
    """Jekyll's ``sanitize_filename``: drop chars other than word/space/-, spaces to _."""
    return re.sub(r"\s+", "_", _DATA_KEY.sub("", stem))


def _read_data(ctx: _Context) -> dict[str, Any]:
    rel_base = ctx.settings.data_dir.strip("/")
    base = ctx.source / rel_base
    return _read_data_dir(ctx, base, rel_base) if base.is_dir() else {}


def _read_data_dir(ctx: _Context, base: Path, rel_base: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in _scandir(base):
        rel = posixpath.join(rel_base, entry.name)
        if entry.name[:1] in "._#~" or entry.name.endswith("~"):
            continue
        if entry.is_dir():
            if _safe_dir(ctx, Path(entry.path), rel):
                out[_data_key(entry.name)] = _read_data_dir(ctx, Path(entry.path), rel)
            continue
        stem, ext = posixpath.splitext(entry.name)
        ext = ext.lower()
        if ext not in (".yml", ".yaml", ".json", ".csv", ".tsv"):
            continue
        raw = _read_bytes(ctx, Path(entry.path), rel)
        if raw is None:
            continue
        text = _decode_or_stop(ctx, raw, rel)
        if ext in (".yml", ".yaml"):
            value = load_yaml(text, rel)
        elif ext == ".json":
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise BuildError(rel, exc.lineno, f"invalid JSON: {exc.msg}") from None
        else:
            reader = csv.DictReader(io.StringIO(text), delimiter="\t" if ext == ".tsv" else ",")
            value = [dict(row) for row in reader]
        out[_data_key(stem)] = value
    return out
