"""Lists the inline rules keep on markdown-it's inline state for the one text it parses (the
state is made afresh for each inline token, so nothing carries over)."""
from __future__ import annotations

from typing import Any


def state_list(state: Any, key: str) -> list[Any]:
    """The list kept on ``state`` under ``key``, made empty on first use."""
    items: list[Any] | None = getattr(state, key, None)
    if items is None:
        items = []
        setattr(state, key, items)
    return items
