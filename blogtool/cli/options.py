"""The build flags, declared once: :func:`blogtool.cli.common.build_options` makes click
options of them, and :mod:`blogtool.cli.fast` reads a plain ``blogtool build`` command line
with them before click is loaded. Standard library only."""
from __future__ import annotations

import os

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:
    from typing import Any

# (parameter, flags, kind, help, choices); kind: "dir" (a folder path), "text", "flag", "int"
# (at least 1) or "choice"
Option = tuple[str, tuple[str, ...], str, str, tuple[str, ...]]

COMMON: tuple[Option, ...] = (
    ("source", ("-s", "--source"), "dir", "Source directory.", ()),
    ("destination", ("-d", "--destination"), "dir", "Destination directory (default: _site).",
     ()),
    ("config", ("--config",), "text", "Configuration files, comma-separated; later ones win.",
     ()),
    ("drafts", ("-D", "--drafts"), "flag", "Render posts in _drafts.", ()),
    ("future", ("--future",), "flag", "Publish posts dated in the future.", ()),
    ("unpublished", ("--unpublished",), "flag", "Render posts with published: false.", ()),
    ("baseurl", ("-b", "--baseurl"), "text", "Serve the website from this path.", ()),
    ("compat", ("--compat",), "choice", "Turn blogtool's improvements off to match Jekyll 4 "
     "or GitHub Pages output exactly.", ("blogtool", "jekyll", "github-pages")),
    ("strict", ("--strict",), "flag", "Treat warnings as errors.", ()),
    ("trace", ("--trace",), "flag", "Show a full traceback on errors.", ()),
    ("quiet", ("-q", "--quiet"), "flag", "Print only errors.", ()),
    ("verbose", ("-V", "--verbose"), "flag", "Print every note.", ()),
    ("offline", ("--offline",), "flag", "Never download a theme; use installed or cached ones.",
     ()),
)

BUILD: tuple[Option, ...] = COMMON + (
    ("jobs", ("-j", "--jobs"), "int", "Worker processes (default: the number of cores).", ()),
    ("no_cache", ("--no-cache",), "flag",
     "Render everything; neither read nor write .blogtool-cache/.", ()),
)

DEFAULT_SOURCE = "."


def parse(argv: list[str], options: tuple[Option, ...]) -> dict[str, Any] | None:
    """The values of ``argv`` when it holds only ``options``, each as ``-x VALUE``,
    ``--long VALUE``, ``--long=VALUE`` or a flag, with values click would accept; None for
    anything else (help, ``--``, joined short flags, arguments, a bad value), which is then
    left to click."""
    by_flag = {flag: option for option in options for flag in option[1]}
    values: dict[str, Any] = {name: (False if kind == "flag" else None)
                              for name, _, kind, _, _ in options}
    values["source"] = DEFAULT_SOURCE
    i = 0
    while i < len(argv):
        arg = argv[i]
        flag, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option = by_flag.get(flag)
        if option is None:
            return None
        name, _, kind, _, choices = option
        if kind == "flag":
            if equals:
                return None
            values[name] = True
            i += 1
            continue
        if not equals:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            i += 1
        i += 1
        if value.startswith("-") or (kind == "choice" and value not in choices):
            return None
        if kind == "int":
            if not value.isdecimal() or int(value) < 1:
                return None
            values[name] = int(value)
        elif kind == "dir":
            if os.path.exists(value) and not os.path.isdir(value):
                return None      # click says why
            values[name] = value
        else:
            values[name] = value
    return values


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


def warning_line(path: str, line: int | None, message: str) -> str:
    """How a warning is printed: ``file:line: warning: sentence``."""
    return f"{path}{f':{line}' if line else ''}: warning: {message}"
