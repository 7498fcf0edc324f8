"""Loading the cache and checking its entries make millions of small objects that all live
until the build ends: the cyclic collector would walk the whole heap again and again as it
grows (at 5,000 posts, about a third of a build after one edit). :func:`paused` keeps the
collector off for such a stretch; nothing made there is garbage it could free.

With ``keep``, what such a stretch made goes straight to the oldest generation when it ends
(``gc.freeze`` then ``gc.unfreeze``): otherwise the next young collections would walk all of
it once more on its way there. It stays collectable: only full collections look at it."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(keep: bool = False) -> Iterator[None]:
    """The collector off inside (nesting is fine), as it was after. ``keep``: what was made
    inside lives on (a loaded cache), so it is moved to the oldest generation at once."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if keep:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
