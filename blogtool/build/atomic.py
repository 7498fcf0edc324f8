"""Files in the cache folder written whole or not at all: into a temporary file beside the
target, then renamed over it, so a reader never sees half a record (standard library only: the
unchanged-site check writes records before the pipeline loads)."""
from __future__ import annotations

import json
import os
from typing import Any


def write_text(path: str, text: str, errors: str = "strict") -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given); raises OSError, and
    ValueError for text UTF-8 cannot carry unless ``errors`` says how."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8", errors=errors, newline="") as fh:
        fh.write(text)
    os.replace(tmp, path)


def write_json(path: str, data: Any) -> bool:
    """``data`` as compact JSON at ``path`` (its folder made when missing). False when it could
    not be written: a record that cannot be kept is no record, never an error."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except (OSError, ValueError):     # ValueError: a name the file system gave undecoded
        return False
    return True
