"""``blogtool theme``: where the site's theme comes from, and ``vendor`` to copy it in."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from .common import config_files, fail


@click.group("theme")
def command() -> None:
    """The site's gem or remote theme."""


def _resolve(source: Path, config: str | None, offline: bool):  # noqa: ANN202
    from ..build.site import plan
    from ..build.themes import resolve
    from ..build.themes.remote import OFFLINE_ENV
    from ..errors import Diagnostics

    if offline:
        os.environ[OFFLINE_ENV] = "1"
    diagnostics = Diagnostics()
    cfg, _ = plan(source, None, config_files=config_files(config), diagnostics=diagnostics)
    return resolve(source, cfg, diagnostics)


def _site_options(fn: Callable) -> Callable:
    """The options both subcommands take: the site, its configuration files, offline."""
    fn = click.option("--offline", is_flag=True, help="Never download the theme.")(fn)
    fn = click.option("--config", "config", default=None,
                      help="Configuration files, comma-separated.")(fn)
    return click.option("-s", "--source", type=click.Path(file_okay=False, path_type=Path),
                        default=".", show_default=True, help="Source directory.")(fn)


@command.command("show")
@_site_options
def show(source: Path, config: str | None, offline: bool) -> None:
    """Print where the theme's files come from."""
    try:
        theme = _resolve(source.resolve(), config, offline)
    except Exception as exc:  # one line, never a traceback
        fail(exc, False)
        return
    if theme is None:
        click.echo("The site names no theme (theme: or remote_theme:).")
        return
    version = f" {theme.version}" if theme.version else ""
    click.echo(f"{theme.key}: {theme.name}{version} ({theme.origin}) from {theme.where}")
    if theme.dependencies:
        click.echo("plugins it turns on: " + ", ".join(theme.dependencies))


@command.command("vendor")
@_site_options
def vendor(source: Path, config: str | None, offline: bool) -> None:
    """Copy the resolved theme into _themes/ so that builds need neither Ruby nor network."""
    from ..build.themes.vendor import vendor as copy_theme

    source = source.resolve()
    try:
        theme = _resolve(source, config, offline)
        if theme is None:
            click.echo("The site names no theme (theme: or remote_theme:); nothing to vendor.")
            return
        target, count = copy_theme(source, theme)
    except Exception as exc:  # one line, never a traceback
        fail(exc, False)
        return
    where = target.relative_to(source).as_posix()
    if count == 0:
        click.echo(f"{theme.name} is already vendored in {where}")
    else:
        click.echo(f"Copied {count} files of {theme.name} ({theme.origin}: {theme.where}) "
                   f"into {where}; builds now use that copy.")
