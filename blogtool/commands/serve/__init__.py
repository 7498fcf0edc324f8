"""``blogtool serve``: build, serve the destination under ``baseurl``, watch, rebuild, reload.

* :mod:`.server`  -- HTTP (stdlib), path safety, script injection, Server-Sent Events
* :mod:`.watcher` -- watchdog 7 events, debounce, ignore rules -> sets of changed paths
* :mod:`.loop`    -- the one thread that builds, and the state live-reload clients read
"""
from .loop import BuildLoop, BuildState, Reporter, SiteBuilder, Snapshot
from .server import DevServer, Mount, PortInUse, resolve
from .watcher import IgnoreRules, SourceWatcher, changed_paths

__all__ = ["BuildLoop", "BuildState", "DevServer", "IgnoreRules", "Mount", "PortInUse",
           "Reporter", "SiteBuilder", "Snapshot", "SourceWatcher", "changed_paths", "resolve"]
