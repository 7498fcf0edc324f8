"""The rebuild loop of ``blogtool serve`` and the build state the live-reload channel reads.

Why a separate loop thread: file-system events arrive in bursts on the watcher's thread, HTTP
requests on many worker threads, and a build must never run twice at once. One thread owns the
builds; everyone else only *requests* one (with the set of changed, source-relative paths) or
*reads* :class:`BuildState`. Requests that arrive while a build runs are merged into the next
build, so a burst of saves costs at most one extra build.

The build function is injected: ``build(changed)`` gets the set of source-relative POSIX paths
that changed since the last build (an empty set means "nothing is known: build everything", as
for the first build). :class:`SiteBuilder` runs :func:`blogtool.build.site.build` with one
session for serve's life (incremental); before it, the optional ``quick`` function may write
the pages of saved posts ahead of the build (the fast path), and those tabs reload at once.
After a good build, the optional ``followup`` function may hand over work that completes the
site once its pages are live (the search index): the pages' tabs reload first (``building``
stays on), the work runs in the background, a new request cancels it, and the loop's thread
finishes it between builds.
"""
from __future__ import annotations

import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from ...errors import BuildError
from .builder import SiteBuilder

BuildFunction = Callable[[set[str]], Any]

__all__ = ["BuildLoop", "BuildState", "Reporter", "SiteBuilder", "Snapshot", "describe_failure",
           "config_changed", "format_traceback", "DEFAULT_CONFIG_NAMES"]

#: Names of the configuration files Jekyll reads when ``--config`` is not given.
DEFAULT_CONFIG_NAMES = frozenset({"_config.yml", "_config.yaml", "_config.toml"})


@dataclass(frozen=True)
class Snapshot:
    """What a live-reload client needs to know, read in one consistent piece.

    ``epoch`` is 0 until the first successful build, then grows with every good build.
    ``error`` is the ``file:line: sentence`` of the last build when it failed, else ``None``;
    ``error_seq`` counts failures so that the same message repeated is still a new event.
    """

    epoch: int
    error: str | None
    error_seq: int
    building: bool
    closed: bool


class BuildState:
    """Epoch and last error behind one condition variable (after mkdocs' epochs, plus errors)."""

    HISTORY = 64    # epochs remembered with the pages they changed

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._epoch = 0
        self._error: str | None = None
        self._error_seq = 0
        self._building = False
        self._closed = False
        # (epoch, the site files that epoch changed, or None: anything may have changed)
        self._history: deque[tuple[int, frozenset[str] | None]] = deque(maxlen=self.HISTORY)

    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snap()

    def _snap(self) -> Snapshot:
        return Snapshot(self._epoch, self._error, self._error_seq, self._building, self._closed)

    def started(self) -> None:
        with self._cond:
            self._building = True
            self._cond.notify_all()

    def succeeded(self, changed: Iterable[str] | None = None, complete: bool = True) -> int:
        """Publish a good build; returns its epoch (milliseconds, so it also grows across
        server restarts and an old tab reloads after one). ``changed``: the site files the
        build replaced or removed, when known, so that only the pages showing them reload.
        ``complete=False``: the pages are live, the search index is still to follow
        (``building`` stays on)."""
        with self._cond:
            self._publish(changed)
            self._error = None
            self._building = not complete
            self._cond.notify_all()
            return self._epoch

    def published(self, changed: Iterable[str]) -> int:
        """Publish pages written ahead of the build that is still running (serve's fast
        path): their tabs reload now, the build goes on."""
        with self._cond:
            self._publish(changed)
            self._cond.notify_all()
            return self._epoch

    def _publish(self, changed: Iterable[str] | None) -> None:
        self._epoch = max(self._epoch + 1, int(time.time() * 1000))
        self._history.append((self._epoch, None if changed is None else frozenset(changed)))

    def changed_since(self, epoch: int | None) -> list[str] | None:
        """The site files changed by every epoch after ``epoch``; None when that is not
        known (an epoch too old, or a build that swapped the whole site)."""
        with self._cond:
            if epoch is None:
                return None
            files: set[str] = set()
            known = False
            for seen, changed in self._history:
                if seen <= epoch:
                    known = known or seen == epoch
                    continue
                if changed is None:
                    return None
                files |= changed
            return sorted(files) if known else None

    def failed(self, message: str) -> None:
        with self._cond:
            self._error = message
            self._error_seq += 1
            self._building = False
            self._cond.notify_all()

    def close(self) -> None:
        """Wake every waiting client so that its thread ends (server shutdown)."""
        with self._cond:
            self._closed = True
            self._building = False
            self._cond.notify_all()

    def wait_for_change(self, seen: Snapshot, timeout: float) -> Snapshot:
        """Block until the epoch, the error or ``closed`` differ from ``seen`` (or timeout)."""
        def changed() -> bool:
            return (self._epoch, self._error_seq, self._closed) != \
                (seen.epoch, seen.error_seq, seen.closed)
        with self._cond:
            self._cond.wait_for(changed, timeout)
            return self._snap()

    def wait_for_first_build(self, timeout: float) -> Snapshot:
        """Block until a first build finished (good or bad); requests wait for it."""
        with self._cond:
            self._cond.wait_for(lambda: self._epoch or self._error_seq or self._closed,
                                timeout)
            return self._snap()

    def wait_until_idle(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._building or self._closed, timeout)


class Reporter:
    """What the loop tells the user; the CLI prints, tests record. Methods are no-ops here."""

    def building(self, changed: set[str]) -> None:
        """A build starts; ``changed`` is empty for the first build."""

    def built(self, result: Any, seconds: float) -> None:
        """A build succeeded with ``result`` (whatever the build function returned)."""

    def failed(self, message: str, exc: BaseException) -> None:
        """A build failed; ``message`` is the one line a user sees."""

    def quick(self, pages: list[str], seconds: float) -> None:
        """Saved pages were written ahead of the build (serve's fast path)."""

    def indexed(self, files: list[str], seconds: float) -> None:
        """The search index caught up with the pages of the last build."""


class Followup(Protocol):
    """Work that completes a good build after its pages went live (the search index):
    started in the background, finished or cancelled on the loop's thread."""

    def start(self, done: Callable[[], None]) -> None: ...

    def finish(self) -> list[str]: ...   # the site files it changed; raises on failure

    def cancel(self) -> None: ...


def describe_failure(exc: BaseException) -> str:
    """One ``file:line: sentence`` line for any exception a build raised.

    A user's mistake is a :class:`BuildError`; an OSError names its file; anything else is a
    bug in blogtool, which serve reports and survives (the server never dies on a build).
    """
    if isinstance(exc, BuildError):
        return str(exc.problem)
    if isinstance(exc, OSError):
        where = exc.filename or "<site>"
        return f"{where}: {exc.strerror or exc}"
    return (f"<blogtool>: internal error: {type(exc).__name__}: {exc} "
            f"(run with --trace and report it)")


def config_changed(changed: Iterable[str], config_names: Iterable[str]) -> bool:
    """True when one of the changed paths is a configuration file of the site."""
    names = set(config_names)
    return any(path in names for path in changed)


class BuildLoop:
    """Runs the injected build function on one thread, one build at a time, never dying.

    ``on_config_change`` is called (on the loop thread, before the build) when a configuration
    file changed, so that the server's mount and the watcher's ignore rules follow the new
    ``baseurl``, ``destination`` and ``exclude``.
    """

    def __init__(self, build: BuildFunction, state: BuildState, *,
                 reporter: Reporter | None = None,
                 config_names: Iterable[str] = DEFAULT_CONFIG_NAMES,
                 on_config_change: Callable[[], None] | None = None,
                 quick: Callable[[set[str]], list[str] | None] | None = None,
                 followup: Callable[[], Followup | None] | None = None) -> None:
        self._build = build
        self._quick = quick
        self._followup = followup
        self._job: Followup | None = None       # the running followup of the last build
        self._job_done = False
        self._job_started = 0.0
        self.state = state
        self.reporter = reporter or Reporter()
        self.config_names = frozenset(config_names)
        self.on_config_change = on_config_change
        self._cond = threading.Condition()
        self._pending: set[str] | None = None     # None: nothing requested
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.builds = 0

    def request(self, changed: Iterable[str] = ()) -> None:
        """Ask for a build that covers ``changed`` (thread-safe, returns at once)."""
        with self._cond:
            if self._pending is None:
                self._pending = set()
            self._pending.update(changed)
            self._cond.notify_all()

    def run_pending(self) -> bool:
        """Run one build if one was requested; returns whether it did (for tests and the loop)."""
        with self._cond:
            if self._pending is None:
                return False
            changed, self._pending = self._pending, None
        self._run(changed)
        return True

    def _run(self, changed: set[str]) -> None:
        self._cancel_job()          # made moot by this build, which starts its own
        self.state.started()
        self.reporter.building(changed)
        started = time.perf_counter()
        try:
            if changed and self.on_config_change and config_changed(changed, self.config_names):
                self.on_config_change()
            elif changed and self._quick is not None:
                self._run_quick(changed, started)
            result = self._build(changed)
        except BaseException as exc:  # serve must never die on a build
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                if self._stopping:
                    self.state.failed("<site>: interrupted")
                    return
                raise   # ctrl-c during the first build (which runs on the main thread)
            message = describe_failure(exc)
            self.builds += 1
            self.reporter.failed(message, exc)   # printed first, then pages are told
            self.state.failed(message)
            return
        self.builds += 1
        self.reporter.built(result, time.perf_counter() - started)
        changed_files = getattr(result, "changed_files", None)
        job = self._followup() if self._followup is not None else None
        if job is None:
            self.state.succeeded(changed_files)
            return
        self.state.succeeded(changed_files, complete=False)   # their tabs reload now
        self._start_job(job)

    def _start_job(self, job: Followup) -> None:
        def done() -> None:
            with self._cond:
                self._job_done = True
                self._cond.notify_all()
        self._job, self._job_done = job, False
        self._job_started = time.perf_counter()
        try:
            job.start(done)
        except Exception as exc:  # noqa: BLE001 - reported like a failed build
            self._job = None
            self._job_failed(exc)

    def _cancel_job(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.cancel()

    def finish_followup(self) -> bool:
        """Wait for the last build's followup, if any, and complete it (on the loop's
        thread, between builds); returns whether there was one."""
        job, self._job = self._job, None
        if job is None:
            return False
        try:
            files = job.finish()
        except Exception as exc:  # noqa: BLE001 - serve must never die on a build
            self._job_failed(exc)
            return True
        indexed = getattr(self.reporter, "indexed", None)    # reporters may predate it
        if indexed is not None:
            indexed(files, time.perf_counter() - self._job_started)
        self.state.succeeded(files)
        return True

    def _job_failed(self, exc: BaseException) -> None:
        message = describe_failure(exc)
        self.reporter.failed(message, exc)
        self.state.failed(message)

    def _run_quick(self, changed: set[str], started: float) -> None:
        """The fast path: saved pages first (their tabs reload now), the full build after."""
        if self._quick is None:
            return
        try:
            pages = self._quick(changed)
        except Exception:   # noqa: BLE001 - the full build that follows reports problems
            return
        if pages:
            self.state.published(pages)
            self.reporter.quick(pages, time.perf_counter() - started)

    def _main(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._stopping
                                    or (self._job is not None and self._job_done))
                if self._stopping:
                    break
                finish = self._job is not None and self._job_done
            if finish:
                self.finish_followup()
            else:
                self.run_pending()
        self._cancel_job()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._main, name="blogtool-build", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self._cancel_job()


def format_traceback(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))
