"""Cache entries as plain data: their deferred strings decoded, for comparing."""
from __future__ import annotations

from blogtool.build.deferred import settled


def plain(entry: dict | None) -> dict | None:
    """``entry`` with the strings its result defers decoded."""
    if not isinstance(entry, dict) or not isinstance(entry.get("result"), dict):
        return entry
    return {**entry, "result": {k: settled(v) for k, v in entry["result"].items()}}
