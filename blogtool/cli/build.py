"""``blogtool build``: Jekyll's ``jekyll build`` with the same flags."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..build.result import BuildResult
from .common import build_options, click_options, config_files, fail, overrides_from, print_warning
from .options import BUILD, COMMON


class _Progress:
    """A progress line on stderr for builds that take more than a second (terminals only)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < 1.0:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 50 + "\r")
            sys.stderr.flush()


@click.command("build")
@build_options
@click_options(BUILD[len(COMMON):])
def command(source: Path, destination: Path | None, config: str | None, drafts: bool,
            future: bool, unpublished: bool, baseurl: str | None, compat: str | None,
            strict: bool, trace: bool, quiet: bool, verbose: bool, jobs: int | None,
            no_cache: bool) -> None:
    """Build the site into the destination (default: _site)."""
    files = config_files(config)
    overrides = overrides_from(drafts, future, unpublished, baseurl, compat)
    probe = None
    memo_ahead = None
    if not no_cache:
        # nothing changed since the last build: answered before the pipeline is loaded
        from ..build.unchanged import check
        from .fast import take
        probe = take(click.get_current_context().obj, source, destination, files, overrides,
                     strict) or \
            check(source, destination, config_files=files, overrides=overrides, strict=strict)
        if probe.result is not None:
            _report(probe.result, quiet, verbose)
            return
        # the last build's parsed posts: read and checked by a thread while the pipeline
        # is imported
        from ..build.readmemo import ReadAhead
        memo_ahead = ReadAhead.of_site(source)
    from ..build.site import build

    progress = _Progress(not quiet)
    try:
        result = build(source, destination, config_files=files, overrides=overrides,
                       strict=strict, progress=progress, jobs=jobs, use_cache=not no_cache,
                       probe=probe, memo_ahead=memo_ahead)
    except BaseException as exc:  # every failure is one line; the old site is intact
        progress.close()
        if isinstance(exc, SystemExit):
            raise
        fail(exc, trace)
        return
    progress.close()
    _report(result, quiet, verbose)
    # done: the `blogtool` command ends here rather than free the whole site object by
    # object (about 0.12 s at 5,000 posts); a program calling the entry point carries on
    from . import _leave
    _leave()


def _report(result: BuildResult, quiet: bool, verbose: bool) -> None:
    for problem in result.warnings:
        print_warning(problem)
    if verbose:
        for note in result.notes:
            click.echo(note, err=True)
    if not quiet:
        click.echo(result.summary())
