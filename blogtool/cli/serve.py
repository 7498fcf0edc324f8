"""``blogtool serve``: ``jekyll serve`` with live reload that follows every save.

The server starts listening before the first build (so a taken port is reported at once) and
requests wait for that build. A failed build never stops serve: the previous site (or an error
page) stays up, every open page shows the error as an overlay, and the next good build reloads.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import build_options, config_files, overrides_from, print_warning


def _config_names(source: Path, files: list[str] | None) -> set[str]:
    """Source-relative names of the configuration files whose change re-reads the config."""
    from ..commands.serve.loop import DEFAULT_CONFIG_NAMES
    if not files:
        return set(DEFAULT_CONFIG_NAMES)
    names = set()
    for name in files:
        path = Path(name)
        path = path if path.is_absolute() else Path.cwd() / path
        try:
            names.add(path.resolve().relative_to(source).as_posix())
        except ValueError:
            continue  # a config file outside the source is not watched
    return names


if TYPE_CHECKING:
    from ..commands.serve.loop import Reporter as _ReporterBase
else:               # serve's modules load only when serve runs (start-up time)
    _ReporterBase = object


class _Printer(_ReporterBase):
    """Serve's console output: one line per build, problems as ``file:line: sentence``."""

    def __init__(self, quiet: bool, verbose: bool, trace: bool) -> None:
        self.quiet, self.verbose, self.trace = quiet, verbose, trace

    def building(self, changed: set[str]) -> None:
        if self.quiet or not changed:
            return
        shown = sorted(changed)
        more = f" (+{len(shown) - 5} more)" if len(shown) > 5 else ""
        click.echo(f"Regenerating: {len(shown)} file(s) changed at {time.strftime('%H:%M:%S')}: "
                   f"{', '.join(shown[:5])}{more}")

    def built(self, result: Any, seconds: float) -> None:
        for problem in getattr(result, "warnings", ()):
            print_warning(problem)
        if self.verbose:
            for note in getattr(result, "notes", ()):
                click.echo(note, err=True)
        if not self.quiet:
            summary = result.summary() if hasattr(result, "summary") else "Built"
            click.echo(summary if summary else f"Built in {seconds:.2f} s")

    def quick(self, pages: list[str], seconds: float) -> None:
        if not self.quiet:
            click.echo(f"Reloaded {', '.join(pages)} in {seconds:.2f} s; updating the rest")

    def indexed(self, files: list[str], seconds: float) -> None:
        if not self.quiet:
            click.echo(f"Search index updated in {seconds:.2f} s")

    def failed(self, message: str, exc: BaseException) -> None:
        if self.trace:
            from ..commands.serve.loop import format_traceback
            click.echo(format_traceback(exc), err=True, nl=False)
        click.echo(message, err=True)
        click.echo("The previous site is still served; fix the file and save to rebuild.",
                   err=True)


def _plan_mount(builder: Any, fallback_dest: Path, fallback_baseurl: str | None
                ) -> tuple[Path, str, tuple[str, ...], tuple[str, ...], bool]:
    """Destination, baseurl, exclude and include of the site, and whether they came from the
    configuration; sensible fallbacks when it is broken (the build reports that error)."""
    try:
        _config, settings = builder.plan()
    except Exception:  # noqa: BLE001 -- the build reports the same problem as one line
        return fallback_dest, fallback_baseurl or "", (), (), False
    return (Path(settings.destination), settings.baseurl, tuple(settings.exclude),
            tuple(settings.include), True)


@click.command("serve",
               short_help="Build, serve under the baseurl, rebuild and reload on each save.")
@build_options
@click.option("-H", "--host", default="127.0.0.1", show_default=True,
              help="Host to bind to (anything but loopback exposes the site to your network).")
@click.option("-P", "--port", type=click.IntRange(0, 65535), default=4000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--livereload/--no-livereload", "-l/-L", default=True, show_default=True,
              help="Reload open pages after every build; show build errors on them.")
@click.option("-o", "--open", "open_browser", is_flag=True,
              help="Open the site in the default browser.")
@click.option("--force-polling", is_flag=True,
              help="Poll for changes (network drives, WSL2 /mnt, Docker bind mounts).")
@click.option("--watch/--no-watch", default=True, show_default=True,
              help="Rebuild when a source file changes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes per build (default: the number of cores).")
def command(source: Path, destination: Path | None, config: str | None, drafts: bool,
            future: bool, unpublished: bool, baseurl: str | None, compat: str | None,
            strict: bool, trace: bool, quiet: bool, verbose: bool, host: str, port: int,
            livereload: bool, open_browser: bool, force_polling: bool, watch: bool,
            jobs: int | None) -> None:
    """Build the site, serve it under its baseurl and rebuild on every save."""
    from ..commands.serve.addresses import is_loopback, server_url, site_url
    from ..commands.serve.loop import BuildLoop, BuildState, SiteBuilder
    from ..commands.serve.paths import Mount
    from ..commands.serve.server import DevServer, PortInUse
    from ..commands.serve.watcher import IgnoreRules, SourceWatcher, changed_between, snapshot

    source = source.resolve()
    if not source.is_dir():
        click.echo(f"{source}: the source folder does not exist", err=True)
        sys.exit(1)
    files = config_files(config)
    overrides = overrides_from(drafts, future, unpublished, baseurl, compat)
    builder = SiteBuilder(source, destination, config_files=files, overrides=overrides,
                          strict=strict, jobs=jobs)
    fallback_dest = (destination.resolve() if destination else source / "_site")
    dest, base, exclude, include, planned = _plan_mount(builder, fallback_dest, baseurl)

    state = BuildState()
    try:
        server = DevServer((host, port), state, Mount.make(dest, base), livereload=livereload,
                           verbose=verbose)
    except PortInUse:
        click.echo(f"blogtool serve: port {port} on {host} is already in use (another serve "
                   f"running?); choose another with --port", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"blogtool serve: cannot listen on {host}:{port}: {exc.strerror or exc}",
                   err=True)
        sys.exit(1)
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read "
                   f"the site, drafts included; use -H 127.0.0.1 to keep it local", err=True)
    if (os.environ.get("JEKYLL_ENV") or "development") == "development":
        builder.overrides["url"] = site_url(host, server.port)

    watcher: SourceWatcher | None = None

    plan_ok = [planned]

    def follow_config() -> None:
        builder.reset()
        new_dest, new_base, new_exclude, new_include, plan_ok[0] = _plan_mount(
            builder, fallback_dest, baseurl)
        server.mount = Mount.make(new_dest, new_base)
        if watcher is not None:
            watcher.set_rules(IgnoreRules.make(source, new_dest, new_exclude, new_include))

    def build(changed: set[str]) -> Any:
        if not plan_ok[0]:   # the configuration could not be read last time: try again
            follow_config()
        return builder(changed)

    loop = BuildLoop(build, state, reporter=_Printer(quiet, verbose, trace),
                     config_names=_config_names(source, files), on_config_change=follow_config,
                     quick=builder.quick, followup=builder.followup)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        # The first build runs here, before the server, loop and watcher threads exist, so it
        # may fork its worker processes (a process with threads must not fork); the socket
        # already listens, so a browser opened meanwhile waits for it. Saves made during it
        # are found by comparing two snapshots of the source and built right after.
        rules = IgnoreRules.make(source, dest, exclude, include) if watch else None
        before = snapshot(rules) if rules is not None else {}
        loop.request()
        loop.run_pending()
        server.serve_in_thread()
        loop.start()
        if rules is not None:
            watcher = _start_watcher(source, rules, loop.request, force_polling)
            missed = changed_between(before, snapshot(rules))
            if missed:
                loop.request(missed)
        state.wait_for_first_build(timeout=24 * 3600)
        address = server_url(host, server.port, server.mount.baseurl)
        if not quiet:
            click.echo(f"Server address: {address}")
            click.echo("Server running... press ctrl-c to stop.")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        if watcher is not None:
            watcher.stop()
        loop.stop(timeout=1.0)
        server.close()
    if not quiet:
        click.echo("Server stopped.")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _start_watcher(source: Path, rules: Any, on_change: Any, force_polling: bool) -> Any:
    """Start watching; fall back to polling when inotify is unavailable or exhausted."""
    from ..commands.serve.watcher import SourceWatcher
    watcher = SourceWatcher(source, rules, on_change, force_polling=force_polling)
    try:
        watcher.start()
        return watcher
    except OSError as exc:
        if force_polling:
            raise
        click.echo(f"warning: cannot watch {source} natively ({exc.strerror or exc}); "
                   f"polling instead", err=True)
    watcher = SourceWatcher(source, rules, on_change, force_polling=True)
    watcher.start()
    return watcher
