"""The corpora ``bench.py`` builds: made by ``gencorpus.py`` (deterministic), cached under a
folder named by flavor, size and seed, and regenerated only when the generator's marker no
longer matches (another version, size, seed, flavor or theme).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

try:  # `python benchmarks/bench.py` puts benchmarks/ on sys.path; `-m benchmarks.bench` not
    from benchmarks import gencorpus
except ImportError:  # pragma: no cover - depends on how the script is started
    import gencorpus  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[1]


def corpus(root: Path, posts: int, seed: int, flavor: str, theme: str) -> Path:
    """The cached corpus for these parameters, generated if missing or stale."""
    suffix = "-default" if theme == "default" else ""
    path = root / f"{flavor}-{posts}-s{seed}{suffix}"
    marker = path / gencorpus.MARKER
    want = gencorpus.marker_data(posts, seed, flavor, theme)
    try:
        if json.loads(marker.read_text("utf-8")) == want:
            return path
    except (OSError, ValueError):
        pass
    print(f"generating {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ...",
          file=sys.stderr)
    gencorpus.write_site(path, posts, seed, flavor, theme, force=True)
    return path
