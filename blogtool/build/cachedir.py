"""The cache folder: its name and format, how recent a stamp may be and still be trusted, and
its files written whole or not at all (into a temporary file beside the target, then renamed
over it, so a reader never sees half a record). Standard library only: the unchanged-site
check uses it before the pipeline loads."""
from __future__ import annotations

import json
import os
import time

TYPE_CHECKING = False     # not imported on the no-op path
if TYPE_CHECKING:
    from typing import Any

CACHE_DIR = ".blogtool-cache"
FORMAT = 3          # 3: digests of long inputs are SHA-256 (deps.LONG_INPUT)
RACY_SECONDS = 2     # stamps younger than this are not kept for the next process
RACY_NS = RACY_SECONDS * 10**9


def racy_cutoff_ns() -> float:
    """Stamps (mtimes, ns) at or after this are too recent to trust in the next process: the
    file could change again within the file system's time granularity without a new stamp."""
    return (time.time() - RACY_SECONDS) * 1e9


def write_text(path: str, text: str, errors: str = "strict") -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given); raises OSError, and
    ValueError for text UTF-8 cannot carry unless ``errors`` says how."""
    write_parts(path, [text.encode("utf-8", errors)])


def write_parts(path: str, parts: list[bytes]) -> None:
    """Replace ``path`` with ``parts`` one after the other; raises OSError."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        fh.writelines(parts)
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
