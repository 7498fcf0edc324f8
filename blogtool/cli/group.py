"""The ``blogtool`` click group. Each command lives in its own module, loaded only when that
command runs (or help lists it): ``blogtool build`` never imports the server or deploy code."""
from __future__ import annotations

import importlib

import click

from .. import __version__

COMMANDS = ("build", "clean", "deploy", "doctor", "init", "new", "serve", "theme")


class _Commands(click.Group):
    """A group whose commands are the ``command`` of ``blogtool.cli.<name>``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in COMMANDS:
            return None
        command = importlib.import_module(f"{__package__}.{cmd_name}").command
        self.add_command(command, cmd_name)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="blogtool")
def main() -> None:
    """A fast, Jekyll-compatible static site generator for CJK technical blogs."""
