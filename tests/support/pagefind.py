"""What a Pagefind bundle indexed, read back from its fragment files."""
from __future__ import annotations

import gzip
import json
from pathlib import Path


def fragments(dest: Path) -> dict[str, str]:
    """URL -> indexed text of every page in the bundle under ``dest``."""
    found = {}
    for file in (dest / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(file.read_bytes())[len(b"pagefind_dcd"):])
        found[data["url"]] = data["content"]
    return found
