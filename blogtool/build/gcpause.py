"""Loading the cache and checking its entries make millions of small objects that all live
until the build ends: the cyclic collector would walk the whole heap again and again as it
grows (at 5,000 posts, about a third of a build after one edit). :func:`paused` keeps the
collector off for such a stretch; nothing made there is garbage it could free."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside (nesting is fine), as it was after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
