"""``blogtool init``: a new blog, and/or the GitHub Actions workflow that publishes it."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import BuildError


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--title", default=None, help="Site title (default: the directory's name).")
@click.option("--timezone", default=None,
              help="IANA time zone for dates and URLs (default: this machine's, e.g. "
                   "Asia/Shanghai).")
@click.option("--github-actions", is_flag=True,
              help="Also write .github/workflows/pages.yml (alone, in an existing site).")
@click.option("--from-repo", metavar="URL", default=None,
              help="In the workflow, install blogtool from this git repository, not PyPI.")
@click.option("--branch", default="main", show_default=True,
              help="Branch whose pushes the workflow publishes.")
def command(directory: Path, title: str | None, timezone: str | None, github_actions: bool,
            from_repo: str | None, branch: str) -> None:
    """Create a new blog in DIRECTORY (default: here). Existing files are never overwritten."""
    from ..commands.scaffold import init_site

    if from_repo and not github_actions:
        raise click.UsageError("--from-repo only applies with --github-actions")
    try:
        written = init_site(directory, title=title, timezone=timezone,
                            github_actions=github_actions, from_repo=from_repo, branch=branch)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(f"  wrote {path}")
    if any(p.name == "_config.yml" for p in written):
        click.echo(f"New blog in {directory}. Next: cd {directory}; blogtool serve")
    if github_actions:
        click.echo("Workflow written. On GitHub: Settings -> Pages -> Source: GitHub Actions.")
