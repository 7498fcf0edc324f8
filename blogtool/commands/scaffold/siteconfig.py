"""The site as writing a post needs it: a few configuration keys (``timezone``,
``permalink``, ``cname``, ``destination``), the site's zone, and the current instant in it."""
from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from pathlib import Path

import yaml

from ...errors import BuildError
from ...timeutil import RubyTime, iana_zone, in_zone


def read_config(source: Path) -> dict:
    """``_config.yml`` of ``source`` as a dict ({} when absent). Only the few keys writing
    needs are read (``timezone``, ``permalink``, ``cname``, ``destination``)."""
    path = Path(source) / "_config.yml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or "it is not valid YAML"
        raise BuildError("_config.yml", line, f"cannot read the configuration: {reason}") from None
    except UnicodeDecodeError:
        raise BuildError("_config.yml", None, "the configuration is not UTF-8 text") from None
    return data if isinstance(data, dict) else {}


def read_zone(config: Mapping) -> _dt.tzinfo:
    """The site's zone from ``timezone:``; the machine's zone when unset, as Jekyll does."""
    try:
        return iana_zone(config.get("timezone"))
    except ValueError:
        raise BuildError("_config.yml", None,
                         f"unknown time zone '{config.get('timezone')}' in timezone: "
                         "use an IANA name such as Asia/Shanghai") from None


def default_timezone() -> str:
    """The machine's IANA zone name (``TZ`` or ``/etc/localtime``), else ``UTC``: written into
    a new ``_config.yml`` so that builds stop depending on the machine."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz and not tz.startswith("/"):
        return tz
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else "UTC"


def now_in(zone: _dt.tzinfo, now: _dt.datetime | None = None) -> RubyTime:
    """``now`` (the current instant when None; a naive one is local time) in ``zone``, to the
    second."""
    instant = now if now is not None else _dt.datetime.now(_dt.UTC)
    if instant.tzinfo is None:
        instant = instant.astimezone()
    return in_zone(instant.replace(microsecond=0), zone)
