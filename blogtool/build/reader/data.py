"""``site.data``: the YAML, JSON, CSV and TSV files of ``_data``, nested by folder."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from ...errors import BuildError
from ..sourcefiles import load_yaml
from .context import ReadContext
from .encoding import decode_or_stop
from .files import hidden, read_bytes, safe_dir, scandir

_DATA_KEY = re.compile(r"[^\w\s-]+")


def _data_key(stem: str) -> str:
    """Jekyll's ``sanitize_filename``: drop chars other than word/space/-, spaces to _."""
    return re.sub(r"\s+", "_", _DATA_KEY.sub("", stem))


def read_data(ctx: ReadContext) -> dict[str, Any]:
    rel_base = ctx.settings.data_dir.strip("/")
    base = ctx.source / rel_base
    return _read_data_dir(ctx, base, rel_base) if base.is_dir() else {}


def _read_data_dir(ctx: ReadContext, base: Path, rel_base: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in scandir(base):
        rel = posixpath.join(rel_base, entry.name)
        if hidden(entry.name):
            continue
        if entry.is_dir():
            if safe_dir(ctx, Path(entry.path), rel):
                out[_data_key(entry.name)] = _read_data_dir(ctx, Path(entry.path), rel)
            continue
        stem, ext = posixpath.splitext(entry.name)
        ext = ext.lower()
        if ext not in (".yml", ".yaml", ".json", ".csv", ".tsv"):
            continue
        raw = read_bytes(ctx, Path(entry.path), rel)
        if raw is None:
            continue
        out[_data_key(stem)] = _parse(decode_or_stop(ctx, raw, rel), ext, rel)
    return out


def _parse(text: str, ext: str, rel: str) -> Any:
    if ext in (".yml", ".yaml"):
        return load_yaml(text, rel)
    if ext == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise BuildError(rel, exc.lineno, f"invalid JSON: {exc.msg}") from None
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if ext == ".tsv" else ",")
    return [dict(row) for row in reader]
