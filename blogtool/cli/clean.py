"""``blogtool clean``: remove the built site and the cache."""
from __future__ import annotations

import shutil
from pathlib import Path

import click

from .common import config_files, fail


@click.command("clean")
@click.option("-s", "--source", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Source directory.")
@click.option("-d", "--destination", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Destination directory (default: _site).")
@click.option("--config", "config", default=None, help="Configuration files, comma-separated.")
@click.option("--cache-only", is_flag=True, help="Keep the built site; remove only the cache.")
def command(source: Path, destination: Path | None, config: str | None,
            cache_only: bool) -> None:
    """Remove the destination folder and .blogtool-cache/."""
    from ..build.cache import clean as clean_cache
    from ..build.output import check_destination
    from ..build.site import plan

    try:
        _, settings = plan(source.resolve(), destination, config_files=config_files(config))
        dest = Path(settings.destination)
        removed = []
        if not cache_only and dest.is_dir():
            check_destination(source.resolve(), dest)
            shutil.rmtree(dest)
            removed.append(str(dest))
        if clean_cache(source.resolve()):
            removed.append(str(source.resolve() / ".blogtool-cache"))
    except Exception as exc:  # one line, never a traceback
        fail(exc, False)
        return
    click.echo("Removed " + ", ".join(removed) if removed else "Nothing to remove")
