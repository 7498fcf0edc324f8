"""Values the inline rules keep on markdown-it's inline state for the one text it parses (the
state is made afresh for each inline token, so nothing carries over)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def kept(state: Any, key: str, make: Callable[[], T]) -> T:
    """The value kept on ``state`` under ``key``, made by ``make`` on first use."""
    value: T | None = getattr(state, key, None)
    if value is None:
        value = make()
        setattr(state, key, value)
    return value
