"""``blogtool deploy``: build, then publish the built site to a ``gh-pages`` branch."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import BuildError
from .common import build_options, config_files, fail, overrides_from, print_warning


def _destination(source: Path, destination: Path | None, config: dict) -> Path:
    """``-d`` wins, then ``destination:`` from ``_config.yml`` (relative to the source), then
    ``_site`` as Jekyll does."""
    if destination is not None:
        return destination
    configured = config.get("destination")
    if isinstance(configured, str) and configured.strip():
        path = Path(configured)
        return path if path.is_absolute() else source / path
    return source / "_site"


def _report(result) -> list[str]:
    target = f"{result.remote}/{result.branch}"
    counts = (f"{len(result.added)} added, {len(result.changed)} changed, "
              f"{len(result.removed)} removed")
    lines: list[str] = []
    if result.status == "unchanged":
        lines.append(f"Nothing to publish: {target} already has this site "
                     f"({(result.commit or '')[:7]}).")
    elif result.status == "dry-run":
        labels = {"A": "add", "M": "change", "D": "remove"}
        lines.extend(f"  {labels[c.status]:<7} {c.path}" for c in result.changes)
        lines.append(f"Dry run: would publish {result.files} files to {target} "
                     f"({len(result.added)} to add, {len(result.changed)} to change, "
                     f"{len(result.removed)} to remove); nothing was written.")
    else:
        if result.retried:
            lines.append(f"{target} had moved on while deploying; published on top of it.")
        lines.append(f"Published {result.files} files to {target} ({counts}) as "
                     f"{result.commit[:7]}.")
        if not result.local_branch_updated:
            lines.append(f"The local branch '{result.branch}' is checked out, so it was left "
                         "as it is.")
    return lines


def _config_cname(source: Path, files: list[str] | None) -> str | None:
    """``cname:`` from the configuration files (later ones win), as ``--config`` orders them."""
    import yaml

    from ..commands.scaffold import read_config

    if not files:
        value = read_config(source).get("cname")
    else:
        value = None
        for name in files:
            path = Path(name)
            if path.is_file():
                data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
                if isinstance(data, dict) and "cname" in data:
                    value = data["cname"]
    return str(value).strip() if value not in (None, "") else None


@click.command("deploy")
@build_options
@click.option("--branch", default="gh-pages", show_default=True,
              help="Branch the site is published to.")
@click.option("--remote", default="origin", show_default=True, help="Git remote to push to.")
@click.option("-m", "--message", default=None, help="Commit message of the published commit.")
@click.option("--force", is_flag=True,
              help="Replace the branch with one new commit (force push) instead of adding one.")
@click.option("--dry-run", is_flag=True,
              help="Show what would be published; push nothing, write no git object or ref.")
@click.option("--no-build", is_flag=True,
              help="Publish DESTINATION as it is instead of building it first.")
def command(source: Path, destination: Path | None, config: str | None, drafts: bool,
            future: bool, unpublished: bool, baseurl: str | None, compat: str | None,
            strict: bool, trace: bool, quiet: bool, verbose: bool, branch: str, remote: str,
            message: str | None, force: bool, dry_run: bool, no_build: bool) -> None:
    """Build the site and publish it to BRANCH (gh-pages) of REMOTE.

    Your working tree, index and current branch are never touched: the built site is committed
    through a temporary index, on top of the branch as the remote has it now. Nothing is
    committed when the site did not change. The cname: key of _config.yml becomes the CNAME
    file.
    """
    from ..commands.deploy import DeployError, deploy, pages_url, remote_url
    from ..commands.scaffold import read_config

    files = config_files(config)
    try:
        cname = _config_cname(source, files)
        if no_build:
            site_dir = _destination(source, destination, read_config(source))
        else:
            from ..build.site import build  # the build pipeline is heavy: load it only when used

            try:
                built = build(source, destination, config_files=files,
                              overrides=overrides_from(drafts, future, unpublished, baseurl,
                                                       compat), strict=strict)
            except BaseException as exc:  # one line, exactly as `blogtool build` prints it
                if isinstance(exc, SystemExit):
                    raise
                fail(exc, trace)
                return
            for problem in built.warnings:
                print_warning(problem)
            if not quiet:
                click.echo(built.summary())
            site_dir = Path(built.destination)
        result = deploy(site_dir, source, branch=branch, remote=remote, message=message,
                        force=force, dry_run=dry_run, cname=cname)
    except DeployError as exc:
        raise click.ClickException(exc.message) from None
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    for line in _report(result):
        click.echo(line)
    if result.status == "pushed" and not quiet:
        url = pages_url(remote_url(source, remote), cname)
        if url:
            click.echo(f"GitHub Pages serves it at {url} (when Pages publishes "
                       f"from the '{branch}' branch).")
