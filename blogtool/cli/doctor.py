"""``blogtool doctor``: before migrating a Jekyll site, list what blogtool would do differently
(``file:line``, what happens instead), and with ``--compare`` check that the new build still
serves every URL the old site had. Exit status 0 means nothing to worry about."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import config_files, fail

if TYPE_CHECKING:  # the doctor's modules load when the command runs
    from ..commands.doctor import Finding


@click.command("doctor", short_help="Check that a Jekyll site builds with blogtool as with Jekyll.")
@click.option("-s", "--source", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Source directory of the site.")
@click.option("--config", "config", default=None,
              help="Configuration files, comma-separated; later ones win.")
@click.option("--compat", type=click.Choice(["blogtool", "jekyll", "github-pages"]),
              default=None, help="Check against this compatibility profile "
                                 "(default: the site's blogtool.compat).")
@click.option("--compare", "old_site", type=click.Path(exists=True, file_okay=False,
                                                       path_type=Path), default=None,
              help="The old site's output (e.g. Jekyll's _site or a copy of what is online): "
                   "build the site and list every URL it had that the new build lacks.")
@click.option("--trace", is_flag=True, help="Show a full traceback on errors.")
def command(source: Path, config: str | None, compat: str | None, old_site: Path | None,
            trace: bool) -> None:
    """Check that an existing Jekyll site builds with blogtool as it does with Jekyll."""
    from ..commands.doctor import diagnose, missing_urls

    overrides = {"blogtool": {"compat": compat}} if compat else None
    files = config_files(config)
    with tempfile.TemporaryDirectory(prefix="blogtool-doctor-") as tmp:
        trial = Path(tmp) / "site"
        try:    # a real build too: whatever stops it is found, not guessed
            findings = diagnose(source, config_files=files, overrides=overrides, trial=trial)
        except BaseException as exc:  # a site that cannot be read: one line, exit 1
            if isinstance(exc, SystemExit):
                raise
            fail(exc, trace)
            return
        built = trial.is_dir() and not any(f.message.startswith("the build stops here")
                                           for f in findings)
        _report(findings)
        unsupported = [f for f in findings if f.unsupported]
        missing: list[str] = []
        if old_site is not None:
            if not built:
                click.echo("The site does not build, so its URLs cannot be compared.")
                raise SystemExit(1)
            missing = missing_urls(old_site, trial)
            for url in missing:
                click.echo(f"missing: {url}")
            if missing:
                click.echo(f"{len(missing)} URL(s) of {old_site} are missing from the new "
                           f"build: links to them would break.")
            else:
                click.echo(f"Every URL of {old_site} is in the new build.")
    raise SystemExit(1 if unsupported or missing else 0)


def _report(findings: list[Finding]) -> None:
    from ..commands.doctor import ignored_tags_suggestion

    for finding in findings:
        click.echo(str(finding))
    unsupported = [f for f in findings if f.unsupported]
    suggestion = ignored_tags_suggestion(unsupported)
    if suggestion:
        click.echo(f"\nTo render unknown tags as nothing, add to _config.yml:\n  {suggestion}")
    if unsupported:
        click.echo(f"\n{len(unsupported)} problem(s): the output will differ from Jekyll's.")
    else:
        click.echo("\nblogtool can build this site as Jekyll does."
                   + (f" ({len(findings)} note(s))" if findings else ""))
