"""``blogtool init``: a new blog (configuration, ``.gitignore``, a first post) and the GitHub
Actions workflow that builds and publishes it. The files are package data in
``blogtool/builtin/scaffold/``, filled in here."""
from __future__ import annotations

import datetime as _dt
import json
import re
import shlex
from pathlib import Path

from ... import __version__
from ...errors import BuildError
from ...timeutil import iana_zone
from .posttext import front_matter, post_slug, scalar
from .siteconfig import default_timezone, now_in
from .style import PostStyle

_SCAFFOLD = Path(__file__).parents[2] / "builtin" / "scaffold"


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
            .replace("__TIMEZONE__", scalar(timezone)))


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
        when = now_in(zone, now)
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
