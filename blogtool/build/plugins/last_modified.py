"""jekyll-last-modified-at (1.3): ``page.last_modified_at`` is the time of the last commit
that touched the page's file (its modification time when git does not know it, or the site
is not in a git work tree), in the site's time zone; ``{% last_modified_at [FORMAT] %}``
prints it with ``FORMAT``, else ``last-modified-at: {date-format: ...}``, else
``%d-%b-%y``.

One ``git log`` for the whole site gives every file's time (the plugin runs one per file;
the newest commit naming a path is the same one).
"""
from __future__ import annotations

import datetime as _dt
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ...timeutil import RubyTime, in_zone

DEFAULT_FORMAT = "%d-%b-%y"


def _git(args: list[str], cwd: str) -> str | None:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def commit_times(source: str) -> dict[str, int]:
    """Source-relative path -> Unix time of the newest commit touching it."""
    top = _git(["rev-parse", "--show-toplevel"], source)
    if top is None or _git(["rev-parse", "--is-inside-work-tree"], source) is None:
        return {}
    top = top.strip()
    log = _git(["log", "--format=@%ct", "--name-only", "--", "."], source)
    if log is None:
        return {}
    prefix = os.path.relpath(os.path.realpath(source), os.path.realpath(top))
    prefix = "" if prefix == "." else prefix.replace(os.sep, "/") + "/"
    times: dict[str, int] = {}
    current = 0
    for line in log.splitlines():
        if line.startswith("@"):
            current = int(line[1:] or 0)
        elif line and line.startswith(prefix):
            times.setdefault(line[len(prefix):], current)
    return times


def date_format(config: Mapping[str, Any]) -> str:
    block = config.get("last-modified-at")
    fmt = block.get("date-format") if isinstance(block, Mapping) else None
    return str(fmt) if fmt else DEFAULT_FORMAT


def last_modified(source: str, rel_paths: Iterable[str], zone: _dt.tzinfo
                  ) -> dict[str, RubyTime]:
    """Times for the given files (those missing from disk are left out, as the plugin
    stops on them only when a page asks)."""
    times = commit_times(source)
    out: dict[str, RubyTime] = {}
    for rel in rel_paths:
        stamp = times.get(rel)
        if stamp is None:
            try:
                stamp = int(Path(source, rel).stat().st_mtime)
            except OSError:
                continue
        out[rel] = in_zone(_dt.datetime.fromtimestamp(stamp, _dt.UTC), zone)
    return out
