"""What every command shares: Jekyll's build flags and how problems are printed."""
from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import BuildError, Problem


def build_options(func: Callable) -> Callable:
    """Jekyll's flags for anything that builds (build, serve, deploy)."""
    options = [
        click.option("-s", "--source", type=click.Path(file_okay=False, path_type=Path),
                     default=".", show_default=True, help="Source directory."),
        click.option("-d", "--destination", type=click.Path(file_okay=False, path_type=Path),
                     default=None, help="Destination directory (default: _site)."),
        click.option("--config", "config", default=None,
                     help="Configuration files, comma-separated; later ones win."),
        click.option("-D", "--drafts", is_flag=True, help="Render posts in _drafts."),
        click.option("--future", is_flag=True, help="Publish posts dated in the future."),
        click.option("--unpublished", is_flag=True, help="Render posts with published: false."),
        click.option("-b", "--baseurl", default=None, help="Serve the website from this path."),
        click.option("--compat", type=click.Choice(["blogtool", "jekyll", "github-pages"]),
                     default=None, help="Turn blogtool's improvements off to match Jekyll 4 "
                                        "or GitHub Pages output exactly."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("--trace", is_flag=True, help="Show a full traceback on errors."),
        click.option("-q", "--quiet", is_flag=True, help="Print only errors."),
        click.option("-V", "--verbose", is_flag=True, help="Print every note."),
        click.option("--offline", is_flag=True, expose_value=False, callback=_offline,
                     help="Never download a theme; use installed or cached ones."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _offline(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        from ..build.themes.remote import OFFLINE_ENV
        os.environ[OFFLINE_ENV] = "1"


def overrides_from(drafts: bool, future: bool, unpublished: bool, baseurl: str | None,
                   compat: str | None) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    if drafts:
        overrides["show_drafts"] = True
    if future:
        overrides["future"] = True
    if unpublished:
        overrides["unpublished"] = True
    if baseurl is not None:
        overrides["baseurl"] = baseurl
    if compat:
        overrides["blogtool"] = {"compat": compat}
    return overrides


def config_files(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def print_warning(problem: Problem) -> None:
    where = problem.path + (f":{problem.line}" if problem.line else "")
    click.echo(f"{where}: warning: {problem.message}", err=True)


def fail(exc: BaseException, trace: bool) -> None:
    """Print a problem as one line (or a traceback with --trace) and exit non-zero."""
    if trace:
        traceback.print_exception(exc)
    if isinstance(exc, BuildError):
        click.echo(str(exc.problem), err=True)
    elif isinstance(exc, KeyboardInterrupt):
        click.echo("interrupted; the previous site is intact", err=True)
    elif isinstance(exc, OSError):
        where = exc.filename or "<site>"
        click.echo(f"{where}: {exc.strerror or exc}; the previous site is intact", err=True)
    else:
        click.echo(f"<blogtool>: internal error: {type(exc).__name__}: {exc} "
                   f"(run with --trace and report it); the previous site is intact", err=True)
    sys.exit(1)
