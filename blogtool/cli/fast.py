"""``blogtool build`` when nothing changed, answered before click is loaded.

A command line of ``build`` and the flags :mod:`blogtool.cli.options` declares, written the
plain way (:func:`options.parse`), runs the unchanged-site check
(:mod:`blogtool.build.unchanged`) here and prints what the recorded build printed. Anything
else, and every site the check cannot answer for, goes on to click; the check it made is
handed to the ``build`` command as click's context object (:func:`take`), so the source is
listed once."""
from __future__ import annotations

import gc
import os
import sys

from . import options

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:
    from typing import Any

    from ..build.unchanged import Probe

def _key(source: Any, destination: Any, files: list[str] | None, overrides: dict,
         strict: bool) -> tuple:
    return (os.path.normpath(os.fspath(source)),
            None if destination is None else os.path.normpath(os.fspath(destination)), files,
            repr(sorted(overrides.items())), strict)


def answer(argv: list[str]) -> int | None:
    """0 when ``blogtool build`` with ``argv`` was answered here; None: run click."""
    return look(argv)[0]


def look(argv: list[str]) -> tuple[int | None, tuple[tuple, Probe] | None]:
    """:func:`answer`, and the check it made when the site must be built: handed to click
    (as the context's ``obj``) for :func:`take`."""
    values = options.parse(argv, options.BUILD)
    if values is None or values["no_cache"] or values["offline"]:
        return None, None
    files = options.config_files(values["config"])
    overrides = options.overrides_from(values["drafts"], values["future"],
                                       values["unpublished"], values["baseurl"],
                                       values["compat"])
    from ..build.unchanged import check
    collecting = gc.isenabled()
    gc.disable()       # the check's objects all live until it ends: nothing to collect
    try:
        probe = check(values["source"], values["destination"], config_files=files,
                      overrides=overrides, strict=values["strict"], fork=True)
    except Exception:     # whatever it is, the build click runs says it in one line
        return None, None
    finally:
        if collecting:
            gc.enable()
    if probe.answer is None:
        return None, (_key(values["source"], values["destination"], files, overrides,
                           values["strict"]), probe)
    result, rewritten, seconds = probe.answer
    warnings = [options.warning_line(str(p), line, str(m)) for p, line, m in result["warnings"]]
    notes = [str(n) for n in result["notes"]] if values["verbose"] else []
    if any("\x1b" in text for text in warnings + notes):
        return None, None      # click's echo decides about terminal escapes
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
    return 0, None


def take(handed: Any, source: Any, destination: Any, files: list[str] | None,
         overrides: dict, strict: bool) -> Probe | None:
    """The check :func:`look` made (``handed``), if it made one for these arguments."""
    if isinstance(handed, tuple) and len(handed) == 2 and \
            handed[0] == _key(source, destination, files, overrides, strict):
        return handed[1]
    return None
