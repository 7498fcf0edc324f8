"""``blogtool serve``: build, serve the destination under ``baseurl``, watch, rebuild, reload.

* :mod:`.server`     -- HTTP (stdlib): the request handler and the bounded worker threads
* :mod:`.heads`      -- request heads gathered by one selector thread before a worker is taken
* :mod:`.paths`      -- request paths to site files, path safety, the build's folder swap
* :mod:`.livereload` -- the injected script (package data) and its Server-Sent Events
* :mod:`.addresses`  -- the printed address, ``site.url``, loopback or not
* :mod:`.watcher`    -- watchdog 7 events, debounce, ignore rules -> sets of changed paths
* :mod:`.loop`       -- the one thread that builds, and the state live-reload clients read
"""
from .loop import BuildLoop, BuildState, Reporter, SiteBuilder, Snapshot
from .paths import Mount, resolve
from .server import DevServer, PortInUse
from .watcher import IgnoreRules, SourceWatcher, changed_paths

__all__ = ["BuildLoop", "BuildState", "DevServer", "IgnoreRules", "Mount", "PortInUse",
           "Reporter", "SiteBuilder", "Snapshot", "SourceWatcher", "changed_paths", "resolve"]
