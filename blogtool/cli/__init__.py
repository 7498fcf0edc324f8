"""The ``blogtool`` command line. Each command lives in its own module (``group.py`` collects
them) and turns located problems into ``file:line: sentence`` lines.

:data:`main` is the entry point: ``blogtool --version`` is answered without loading click,
a command loads click and its own module only, and ``blogtool build`` with nothing
changed is answered before click is loaded (:mod:`blogtool.cli.fast`)."""
from __future__ import annotations

import os
import sys
from functools import cache

from .. import __version__

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:
    from typing import Any


@cache
def _group() -> Any:
    from .group import main as group
    return group


class _Main:
    """The click group, loaded on first use; calling it with no arguments runs the command
    line in ``sys.argv``."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and sys.argv[1:] == ["--version"]:
            sys.stdout.write(f"blogtool, version {__version__}\n")
            return None
        if not args and not kwargs and sys.argv[1:2] == ["build"]:
            from .fast import look
            code, handed = look(sys.argv[2:])
            if code == 0:
                _leave()
                return 0
            if handed is not None:
                return _group()(obj=handed)
        return _group()(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(_group(), name)


def _leave() -> None:
    """The command is done (answered without a build, or a build that succeeded and said
    so): when this process is the ``blogtool`` command itself, it ends here, without
    Python's teardown (freeing every object and module: 4-6 ms of a no-op, about 0.12 s
    after a build of 5,000 posts). Nothing is left to run: every file is closed, the
    workers are gone and nothing is registered to run at exit."""
    main_module = sys.modules.get("__main__")
    name = os.path.basename(getattr(main_module, "__file__", None) or "")
    if name.split(".")[0] != "blogtool":
        return      # a program or test calling the entry point carries on
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return      # a closed or broken output: the normal exit says so
    os._exit(0)


if TYPE_CHECKING:     # what it stands for
    from click import Group
    main: Group
else:
    main = _Main()
