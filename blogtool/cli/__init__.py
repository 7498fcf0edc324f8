"""The ``blogtool`` command line. Each command lives in its own module; this group only
collects them and turns located problems into ``file:line: sentence`` lines."""
from __future__ import annotations

import click

from .. import __version__
from .build import command as build_command
from .clean import command as clean_command
from .deploy import command as deploy_command
from .doctor import command as doctor_command
from .init import command as init_command
from .new import command as new_command
from .serve import command as serve_command
from .theme import command as theme_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="blogtool")
def main() -> None:
    """A fast, Jekyll-compatible static site generator for CJK technical blogs."""


for _command in (build_command, serve_command, new_command, init_command, deploy_command,
                 clean_command, doctor_command, theme_command):
    main.add_command(_command)
