"""What a build depends on besides its source tree, for the unchanged-site check
(:mod:`blogtool.build.unchanged`): the arguments and the process it ran in, blogtool's own
code, the folders Python's libraries are installed in, and folders outside the source it read
(a theme). Standard library only."""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Mapping

from . import tree

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

ENV_NAMES = frozenset(("TZ", "ASSET_HOST_URL", "SSL", "GITHUB_HOSTNAME", "HOME",
                        "XDG_CACHE_HOME"))
ENV_PREFIXES = ("JEKYLL", "BLOGTOOL", "GEM_", "BUNDLE", "PAGES_", "RUBY")


def arguments(root: str, destination: Path | str | None, config_files: list[str] | None,
               overrides: Mapping[str, Any] | None, environment: str | None) -> str:
    """Everything the build was asked for and the process it ran in, as one string."""
    cwd = os.getcwd()
    env = {k: v for k, v in os.environ.items() if k in ENV_NAMES or k.startswith(ENV_PREFIXES)}
    configs = [os.path.join(cwd, f) for f in config_files or ()]
    return json.dumps({
        "source": root,
        "destination": os.path.realpath(os.path.join(cwd, destination)) if destination else None,
        "config": [[c, tree.stamp(c)] for c in configs],
        "overrides": overrides or {}, "jekyll_env": environment or os.environ.get("JEKYLL_ENV")
        or "development", "env": env,
        "zone": [time.tzname, time.timezone, time.altzone],
        "python": [sys.version, sys.executable],
    }, sort_keys=True, default=str, ensure_ascii=False)


def world(outside: Iterable[str]) -> dict:
    """blogtool's code and templates, the folders Python's libraries are installed in (an
    install, upgrade or removal changes their mtime), and folders outside the source the build
    read (a theme)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = [[folder, tree.listing(folder, skip_names=("__pycache__",))]
            for folder in (package, os.path.join(os.path.dirname(package), "templates"))]
    paths = [[p, tree.stamp(p)] for p in sys.path if "-packages" in p]
    # a theme gem's folder, the folder of its versions, its specification (runtime plugins)
    roots = [[root, tree.listing(root, skip_names=("__pycache__",)),
              [tree.stamp(os.path.dirname(root)), tree.stamp(gemspec(root))]]
             for root in outside]
    return {"code": code, "paths": paths, "outside": [[r[0], r[1]] for r in roots],
            "parents": [r[2] for r in roots]}


def gemspec(root: str) -> str:
    gems, name = os.path.split(root)
    return os.path.join(os.path.dirname(gems), "specifications", f"{name}.gemspec")
