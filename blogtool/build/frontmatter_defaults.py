"""Front matter ``defaults:`` from the configuration: the values that apply to one file."""
from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping

from .config import deep_merge

_TYPE_ALIASES = {"post": "posts", "page": "pages", "draft": "drafts"}


def _scope_matches(scope: Mapping, rel_path: str, doc_type: str, source: str) -> bool:
    path = str(scope.get("path") or "")
    if path:
        if "*" in path:
            # Jekyll globs against the source tree: a matching directory covers its files
            parts = rel_path.split("/")
            candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
            if not any(fnmatch.fnmatchcase(c, path) for c in candidates):
                return False
        elif not rel_path.startswith(path):
            return False
    wanted = scope.get("type")
    if wanted:
        wanted = _TYPE_ALIASES.get(str(wanted), str(wanted))
        if wanted != doc_type:
            return False
    return True


def front_matter_defaults(defaults: Iterable[Mapping], rel_path: str, doc_type: str,
                          source: str = "") -> dict:
    """Values from ``defaults:`` that apply to a file, most specific last (Jekyll's order:
    longer path wins, a set with ``type`` beats one without, later sets win ties)."""
    matches: list[tuple[int, int, int, Mapping]] = []
    for index, entry in enumerate(defaults or ()):
        if not isinstance(entry, Mapping):
            continue
        scope = entry.get("scope") or {}
        if not isinstance(scope, Mapping) or not _scope_matches(scope, rel_path, doc_type, source):
            continue
        values = entry.get("values") or {}
        if isinstance(values, Mapping):
            matches.append((len(str(scope.get("path") or "")), 1 if scope.get("type") else 0,
                            index, values))
    merged: dict = {}
    for *_, values in sorted(matches, key=lambda m: m[:3]):
        merged = deep_merge(merged, values)
    return merged
