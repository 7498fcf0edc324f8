"""Writing new things: a new blog (``blogtool init``) and a new post (``blogtool new``).

Why this is more than a template (README "Publishing and writing"):
* a post's date decides its URL, so the date in the file name, the ``date:`` in the front
  matter (written with the site's UTC offset) and the URL are computed from one instant in the
  site's ``timezone:`` and always agree;
* the slug keeps CJK (Jekyll's ``default`` slugify mode), unlike Jekyll-Bootstrap's
  ``rake post`` which drops every non-ASCII letter and leaves ``2014-10-13-.md``;
* the new post copies the site's own habits (``{% include JB/setup %}``, ``category :`` vs
  ``categories:``, the layout) so a Jekyll-Bootstrap blog stays uniform;
* nothing is ever overwritten: names get ``-2``, ``-3``; files are opened with ``"x"``.

Functions here are pure (text in, text out) except :func:`read_config`, :func:`plan_post`
(reads the directory) and the two ``write``/``init`` functions.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shlex
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import __version__, urls
from ..errors import BuildError
from ..timeutil import RubyTime, iana_zone, in_zone, parse_date_string

__all__ = [
    "NewPost", "PostStyle", "default_timezone", "detect_style", "front_matter", "init_files",
    "init_site", "new_post", "parse_when", "plan_post", "post_slug", "post_url", "read_config",
    "read_zone", "unique_stem", "workflow_text", "write_post",
]

EMPTY_SLUG = "post"  # the slug of a title with no letter or digit at all ("？？？", "!!!")

_POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.+)\.([^.]+)$")
_JB_SETUP = re.compile(r"\{%-?\s*include\s+JB/setup\s*-?%\}")
_FM_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_CATEGORY_LINE = re.compile(r"^(category|categories)([ \t]*):", re.M)
_TAXONOMY_LINE = re.compile(r"^(?:category|categories|tags?)([ \t]*):", re.M)
_LAYOUT_LINE = re.compile(r"^layout[ \t]*:[ \t]*['\"]?([\w./-]+)['\"]?[ \t]*\r?$", re.M)
_PLAIN_SCALAR = re.compile(r"^\w[\w./+-]*$")
_WS = re.compile(r"\s+")
_RECENT_POSTS = 20  # the style of the newest posts is the style the author writes in now


# --- configuration -------------------------------------------------------------------------


def read_config(source: Path) -> dict:
    """``_config.yml`` of ``source`` as a dict ({} when absent). Only the few keys writing
    needs are read (``timezone``, ``permalink``, ``cname``, ``destination``)."""
    path = Path(source) / "_config.yml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or "it is not valid YAML"
        raise BuildError("_config.yml", line, f"cannot read the configuration: {reason}") from None
    except UnicodeDecodeError:
        raise BuildError("_config.yml", None, "the configuration is not UTF-8 text") from None
    return data if isinstance(data, dict) else {}


def read_zone(config: Mapping) -> _dt.tzinfo:
    """The site's zone from ``timezone:``; the machine's zone when unset, as Jekyll does."""
    try:
        return iana_zone(config.get("timezone"))
    except ValueError:
        raise BuildError("_config.yml", None,
                         f"unknown time zone '{config.get('timezone')}' in timezone: "
                         "use an IANA name such as Asia/Shanghai") from None


def default_timezone() -> str:
    """The machine's IANA zone name (``TZ`` or ``/etc/localtime``), else ``UTC``: written into
    a new ``_config.yml`` so that builds stop depending on the machine."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz and not tz.startswith("/"):
        return tz
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else "UTC"


# --- style of the existing posts -----------------------------------------------------------


@dataclass(frozen=True)
class PostStyle:
    """How the site's posts write their front matter."""

    layout: str | None = "post"
    jb_setup: bool = False         # ``{% include JB/setup %}`` after the front matter
    category_key: str = "categories"  # "category" (one string) or "categories" (a list)
    spaced_colon: bool = False     # ``category : x`` as Jekyll-Bootstrap writes it


def _front_matter_block(text: str) -> str | None:
    m = _FM_OPEN.match(text)
    if not m:
        return None
    end = _FM_CLOSE.search(text, m.end())
    return text[m.end():end.start()] if end else None


def _vote(values: Sequence, default):
    """Most common value; ties go to the newest (last) post's choice."""
    if not values:
        return default
    counts = Counter(values)
    best = max(counts.values())
    for value in reversed(values):
        if counts[value] == best:
            return value
    return default  # pragma: no cover - unreachable


def detect_style(texts: Iterable[str]) -> PostStyle:
    """The majority habits of ``texts`` (post sources, oldest first)."""
    jb: list[bool] = []
    keys: list[str] = []
    spaced: list[bool] = []
    layouts: list[str] = []
    for text in texts:
        block = _front_matter_block(text)
        jb.append(bool(_JB_SETUP.search(text)))
        if block is None:
            continue
        # one vote per post for each habit, whatever the number of lines showing it
        post_keys = [m.group(1) for m in _CATEGORY_LINE.finditer(block)]
        if post_keys:
            keys.append(post_keys[-1])
        post_spaced = [bool(m.group(1)) for m in _TAXONOMY_LINE.finditer(block)]
        if post_spaced:
            spaced.append(any(post_spaced))
        layout = _LAYOUT_LINE.search(block)
        if layout:
            layouts.append(layout.group(1))
    return PostStyle(
        layout=_vote(layouts, "post"),
        jb_setup=_vote(jb, False),
        category_key=_vote(keys, "categories"),
        spaced_colon=_vote(spaced, False),
    )


def _recent_post_texts(source: Path) -> list[str]:
    posts_dir = source / "_posts"
    if not posts_dir.is_dir():
        return []
    names = sorted((p for p in posts_dir.rglob("*") if p.is_file() and _POST_NAME.match(p.name)),
                   key=lambda p: p.name)
    texts = []
    for path in names[-_RECENT_POSTS:]:
        try:
            texts.append(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue  # a GBK post says nothing about style; the build reports it
    return texts


# --- pure pieces of a post -----------------------------------------------------------------


def post_slug(title: str, slug: str | None = None) -> str:
    """Jekyll's ``default`` slug of ``slug`` or ``title``: CJK kept, never empty
    (:data:`EMPTY_SLUG` when nothing is left)."""
    return urls.slugify(slug if slug else title, "default") or EMPTY_SLUG


def parse_when(text: str, zone: _dt.tzinfo) -> RubyTime:
    """A ``--date`` value (``2026-11-23``, ``2026-11-23 10:00``, ``... +0800``), read in the
    site zone when it has no offset."""
    try:
        return parse_date_string(text, zone)
    except ValueError:
        raise BuildError("", None, f"--date '{text}' is not a date; write it like 2026-11-23 "
                         "or '2026-11-23 10:00' or '2026-11-23 10:00:00 +0800'") from None


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value`` (a string)."""
    if _PLAIN_SCALAR.match(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def front_matter(title: str, *, style: PostStyle, date: _dt.datetime | None,
                 category: str | None = None, tags: Sequence[str] = ()) -> str:
    """The post's first lines, front matter and (for Jekyll-Bootstrap sites) the setup include."""
    colon = " :" if style.spaced_colon else ":"
    lines = ["---"]
    if style.layout:
        lines.append(f"layout: {_scalar(style.layout)}")
    lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if date is not None:
        lines.append(f"date: {date.strftime('%Y-%m-%d %H:%M:%S %z')}")
    if category:
        if style.category_key == "category":
            lines.append(f"category{colon} {_scalar(category)}")
        else:
            lines.append(f"categories{colon} {_flow_list([category])}")
    lines.append(f"tags{colon} {_flow_list(list(tags))}")
    lines.append("---")
    if style.jb_setup:
        lines.append("{% include JB/setup %}")
    return "\n".join(lines) + "\n"


def unique_stem(stem: str, taken: Iterable[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``... whichever is not in ``taken`` (stems, no ext)."""
    used = set(taken)
    if stem not in used:
        return stem
    n = 2
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def post_url(config: Mapping, date: _dt.datetime, slug: str, categories: Sequence[str],
             name: str) -> str:
    """The URL Jekyll gives ``_posts/<name>`` with this date, slug and categories."""
    template = urls.style_template(config.get("permalink"))
    values = urls.document_placeholders(
        date=date, slug=slug, basename=Path(name).stem, categories=list(categories),
        collection="posts", output_ext=".html", rel_path=f"_posts/{name}")
    return urls.document_url(template, values)


# --- a new post ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPost:
    """A post about to be written (or just written)."""

    path: Path
    text: str
    slug: str
    date: RubyTime | None
    url: str | None  # None for a draft without a date (its URL follows the file's mtime)


def _taken_stems(directory: Path, prefix: str) -> set[str]:
    if not directory.is_dir():
        return set()
    stems = set()
    for p in directory.rglob(prefix + "*"):
        stem = p.name.rsplit(".", 1)[0] if "." in p.name else p.name
        stems.add(stem)
    return stems


def plan_post(source: Path, title: str, *, slug: str | None = None, category: str | None = None,
              tags: Sequence[str] = (), draft: bool = False, date: str | None = None,
              now: _dt.datetime | None = None, body: str = "") -> NewPost:
    """Decide name, front matter and URL of a new post; writes nothing.

    ``now`` (aware) stands for the current instant when ``date`` is not given.
    """
    source = Path(source)
    title = _WS.sub(" ", title).strip()
    if not title:
        raise BuildError("", None, "the title is empty; give the post a title")
    config = read_config(source)
    zone = read_zone(config)
    if date:
        when: RubyTime | None = parse_when(date, zone)
    elif draft:
        when = None
    else:
        instant = now if now is not None else _dt.datetime.now(_dt.UTC)
        if instant.tzinfo is None:
            instant = instant.astimezone()
        when = in_zone(instant.replace(microsecond=0), zone)
    base_slug = post_slug(title, slug)
    style = detect_style(_recent_post_texts(source))
    tag_list = [t.strip() for t in tags if t and t.strip()]
    category = category.strip() if category and category.strip() else None

    if draft:
        folder = source / "_drafts"
        stem = unique_stem(base_slug, _taken_stems(folder, base_slug))
        final_slug = stem
        name = f"{stem}.md"
    else:
        assert when is not None
        folder = source / "_posts"
        day = when.strftime("%Y-%m-%d")
        stem = unique_stem(f"{day}-{base_slug}", _taken_stems(folder, f"{day}-{base_slug}"))
        final_slug = stem[len(day) + 1:]
        name = f"{stem}.md"
    text = front_matter(title, style=style, date=when, category=category, tags=tag_list)
    if body:
        text += "\n" + body.rstrip("\n") + "\n"
    else:
        text += "\n"
    url = (post_url(config, when, final_slug, [category] if category else [], name)
           if when is not None else None)
    return NewPost(path=folder / name, text=text, slug=final_slug, date=when, url=url)


def write_post(post: NewPost) -> Path:
    """Create the file; never replaces one (``"x"`` mode), even one that appeared meanwhile."""
    post.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(post.path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(post.text)
    except FileExistsError:
        raise BuildError(str(post.path), None, "a file with this name appeared while writing; "
                         "run the command again") from None
    return post.path


def new_post(source: Path, title: str, **options) -> NewPost:
    """:func:`plan_post` then :func:`write_post`."""
    post = plan_post(source, title, **options)
    write_post(post)
    return post


# --- a new blog ----------------------------------------------------------------------------
# The files `blogtool init` writes are package data in builtin/scaffold/.

_SCAFFOLD = Path(__file__).parent.parent / "builtin" / "scaffold"


def _scaffold_file(name: str) -> str:
    return (_SCAFFOLD / name).read_text("utf-8")


CONFIG_TEMPLATE = _scaffold_file("_config.yml")

GITIGNORE = _scaffold_file("gitignore")

EXAMPLE_BODY = _scaffold_file("first-post.md")

WORKFLOW_TEMPLATE = _scaffold_file("pages.yml")

WORKFLOW_PATH = ".github/workflows/pages.yml"
_BRANCH_NAME = re.compile(r"^[A-Za-z0-9._/-]+$")
_REPO_URL = re.compile(r"^(?:https?://|ssh://|git@)[^\s'\"]+$")


def workflow_text(*, branch: str = "main", from_repo: str | None = None) -> str:
    """The GitHub Actions workflow; it installs the blogtool release that wrote it from PyPI
    (``blogtool-ssg==<this version>``), or with ``from_repo`` from a git URL."""
    if not _BRANCH_NAME.match(branch):
        raise BuildError("", None, f"'{branch}' is not a branch name the workflow can use")
    if from_repo is None:
        package = f"blogtool-ssg=={__version__}"
    else:
        if not _REPO_URL.match(from_repo):
            raise BuildError("", None, f"--from-repo '{from_repo}' is not a git URL "
                             "(https://..., ssh://... or git@host:path)")
        spec = from_repo if from_repo.startswith("git+") else f"git+{from_repo}"
        package = shlex.quote(spec)
    return (WORKFLOW_TEMPLATE.replace("__BRANCH__", branch)
            .replace("__PACKAGE__", package))


def config_text(*, title: str, timezone: str) -> str:
    return (CONFIG_TEMPLATE.replace("__TITLE__", json.dumps(title, ensure_ascii=False))
            .replace("__TIMEZONE__", _scalar(timezone)))


def init_files(directory: Path, *, title: str | None = None, timezone: str | None = None,
               github_actions: bool = False, from_repo: str | None = None,
               branch: str = "main", now: _dt.datetime | None = None) -> dict[str, str]:
    """Relative path -> content of what ``blogtool init`` writes into ``directory``.

    A directory that already holds a site (``_config.yml``) only gets the workflow.
    """
    directory = Path(directory)
    files: dict[str, str] = {}
    existing_site = (directory / "_config.yml").is_file()
    if existing_site and not github_actions:
        raise BuildError("_config.yml", None, "a site already exists here; blogtool init "
                         "writes new sites only (use --github-actions to add the workflow)")
    if not existing_site:
        zone_name = timezone or default_timezone()
        try:
            iana_zone(zone_name)
        except ValueError:
            raise BuildError("", None, f"unknown time zone '{zone_name}'; use an IANA name "
                             "such as Asia/Shanghai") from None
        site_title = title or (directory.resolve().name or "blog")
        files["_config.yml"] = config_text(title=site_title, timezone=zone_name)
        files[".gitignore"] = GITIGNORE
        zone = iana_zone(zone_name)
        instant = now if now is not None else _dt.datetime.now(_dt.UTC)
        if instant.tzinfo is None:
            instant = instant.astimezone()
        when = in_zone(instant.replace(microsecond=0), zone)
        slug = post_slug("hello blogtool")
        name = f"_posts/{when.strftime('%Y-%m-%d')}-{slug}.md"
        files[name] = (front_matter("你好，blogtool", style=PostStyle(), date=when,
                                    category=None, tags=["blogtool"])
                       + "\n" + EXAMPLE_BODY)
    if github_actions:
        files[WORKFLOW_PATH] = workflow_text(branch=branch, from_repo=from_repo)
    return files


def init_site(directory: Path, **options) -> list[Path]:
    """Write :func:`init_files`; refuses, writing nothing, if any of them exists."""
    directory = Path(directory)
    files = init_files(directory, **options)
    clashes = [rel for rel in files if (directory / rel).exists()]
    if clashes:
        raise BuildError(clashes[0], None, "already exists; blogtool init never overwrites "
                         f"files (would also write: {', '.join(files)})")
    written = []
    for rel, content in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        written.append(path)
    return written
