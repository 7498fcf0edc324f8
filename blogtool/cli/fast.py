"""``blogtool build`` when nothing changed, answered before click is loaded.

A command line of ``build`` and the flags :mod:`blogtool.cli.options` declares, written the
plain way (:func:`options.parse`), runs the unchanged-site check
(:mod:`blogtool.build.unchanged`) here and prints what the recorded build printed. Anything
else, and every site the check cannot answer for, goes on to click; a look the check took is
handed to the ``build`` command (:func:`take`), so the source is listed once."""
from __future__ import annotations

import os
import sys

from . import options

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:
    from typing import Any

    from ..build.unchanged import Probe

_pending: list[tuple[tuple, Probe]] = []


def _key(source: Any, destination: Any, files: list[str] | None, overrides: dict,
         strict: bool) -> tuple:
    return (os.path.normpath(os.fspath(source)),
            None if destination is None else os.path.normpath(os.fspath(destination)), files,
            repr(sorted(overrides.items())), strict)


def answer(argv: list[str]) -> int | None:
    """0 when ``blogtool build`` with ``argv`` was answered here; None: run click."""
    values = options.parse(argv, options.BUILD)
    if values is None or values["no_cache"] or values["offline"]:
        return None
    files = options.config_files(values["config"])
    overrides = options.overrides_from(values["drafts"], values["future"],
                                       values["unpublished"], values["baseurl"],
                                       values["compat"])
    from ..build.unchanged import check
    try:
        probe = check(values["source"], values["destination"], config_files=files,
                      overrides=overrides, strict=values["strict"])
    except Exception:     # whatever it is, the build click runs says it in one line
        return None
    if probe.answer is None:
        _pending[:] = [(_key(values["source"], values["destination"], files, overrides,
                             values["strict"]), probe)]
        return None
    result, rewritten, seconds = probe.answer
    warnings = [options.warning_line(str(p), line, str(m)) for p, line, m in result["warnings"]]
    notes = [str(n) for n in result["notes"]] if values["verbose"] else []
    if any("\x1b" in text for text in warnings + notes):
        return None      # click's echo decides about terminal escapes
    from ..build.result import summary
    err = "".join(f"{text}\n" for text in warnings + notes)
    if err:
        sys.stderr.write(err)
        sys.stderr.flush()
    if not values["quiet"]:
        sys.stdout.write(summary(
            int(result["documents"]), len(rewritten), int(result["unchanged"]) - len(rewritten),
            int(result["static"]), len(warnings), seconds, str(result["dest"]),
            str(result["hint"])) + "\n")
        sys.stdout.flush()
    return 0


def take(source: Any, destination: Any, files: list[str] | None, overrides: dict,
         strict: bool) -> Probe | None:
    """The check :func:`answer` made for these arguments, if it made one."""
    if _pending and _pending[0][0] == _key(source, destination, files, overrides, strict):
        return _pending.pop()[1]
    _pending.clear()
    return None
