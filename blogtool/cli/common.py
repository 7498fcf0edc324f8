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
from .options import COMMON, DEFAULT_SOURCE, Option, config_files, overrides_from, warning_line

__all__ = ["build_options", "click_options", "config_files", "fail", "overrides_from",
           "print_warning"]


def build_options(func: Callable) -> Callable:
    """Jekyll's flags for anything that builds (build, serve, deploy)."""
    return click_options(COMMON)(func)


def click_options(options: tuple[Option, ...]) -> Callable[[Callable], Callable]:
    """click options of the declarations in :mod:`blogtool.cli.options`."""
    def decorate(func: Callable) -> Callable:
        for option in reversed(options):
            func = _click_option(option)(func)
        return func
    return decorate


def _click_option(option: Option) -> Callable:
    name, flags, kind, text, choices = option
    if name == "offline":
        return click.option(*flags, is_flag=True, expose_value=False, callback=_offline,
                            help=text)
    if kind == "flag":
        return click.option(*flags, name, is_flag=True, help=text)
    if kind == "dir":
        extra: dict[str, Any] = {"default": DEFAULT_SOURCE, "show_default": True} \
            if name == "source" else {"default": None}
        return click.option(*flags, name, type=click.Path(file_okay=False, path_type=Path),
                            help=text, **extra)
    if kind == "int":
        return click.option(*flags, name, type=click.IntRange(min=1), default=None, help=text)
    if kind == "choice":
        return click.option(*flags, name, type=click.Choice(list(choices)), default=None,
                            help=text)
    return click.option(*flags, name, default=None, help=text)


def _offline(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        from ..build.themes.remote import OFFLINE_ENV
        os.environ[OFFLINE_ENV] = "1"


def print_warning(problem: Problem) -> None:
    click.echo(warning_line(problem.path, problem.line, problem.message), err=True)


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
