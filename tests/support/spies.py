"""Calls a test wants to see made: a function replaced by one that notes each call, then runs
the real one."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def spy(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
        note: Callable[..., Any]) -> list:
    """Replace ``owner.name`` for the test; each call appends ``note(*args, **kwargs)`` to the
    list returned, then calls the real function."""
    seen: list = []
    real = getattr(owner, name)

    def noting(*args: Any, **kwargs: Any) -> Any:
        seen.append(note(*args, **kwargs))
        return real(*args, **kwargs)
    monkeypatch.setattr(owner, name, noting)
    return seen
