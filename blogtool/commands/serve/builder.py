"""The build function ``blogtool serve`` runs: :func:`blogtool.build.site.build` with one
session for serve's life (incremental), serve's fast path and the search index that follows a
build (see :mod:`.loop`)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


class SiteBuilder:
    """The real build function: :func:`blogtool.build.site.build` with serve's options.

    ``changed`` is not needed by the build, which finds what changed from its records; the
    configuration is re-read by every build, so a changed ``_config.yml`` is always honoured.
    One ``BuildSession`` (cache memory layer, source hashes, the last good build) is kept
    across serve's builds and dropped when the configuration changes. Its builds put a site
    patched in place live before its search index: :meth:`followup` hands the loop the run
    that brings the index up to date.
    """

    def __init__(self, source: Path, destination: Path | None, *,
                 config_files: list[str] | None = None,
                 overrides: Mapping[str, Any] | None = None, strict: bool = False,
                 jobs: int | None = None) -> None:
        self.source = source
        self.jobs = jobs
        self._session: Any = None
        self.destination = destination
        self.config_files = config_files
        self.overrides = dict(overrides or {})
        self.strict = strict

    def __call__(self, changed: set[str]) -> Any:
        from ...build import site  # imported per call: a broken pipeline is a build error
        extra: dict[str, Any] = {"jobs": self.jobs} if self.jobs is not None else {}
        session_type = getattr(site, "BuildSession", None)
        if session_type is not None:
            # one session (cache memory layer, source hashes) for serve's whole life
            if self._session is None:
                self._session = session_type(self.source)
                self._session.defer_index = True   # pages first, their search index after
            extra["session"] = self._session
        return site.build(self.source, self.destination, config_files=self.config_files,
                          overrides=self.overrides, strict=self.strict, **extra)

    def followup(self) -> Any:
        """The search index run the last build left to serve (None: up to date)."""
        session, job = self._session, None
        if session is not None:
            job, session.pending_index = getattr(session, "pending_index", None), None
        return job

    def quick(self, changed: set[str]) -> list[str] | None:
        """Serve's fast path (:func:`blogtool.build.quick.quick_render`): the pages of saved
        documents whose bodies alone changed, written from the last good build."""
        from ...build.quick import quick_render
        return quick_render(self._session, changed) if self._session is not None else None

    def reset(self) -> None:
        """Forget what earlier builds kept (after a configuration change)."""
        self._session = None

    def plan(self) -> tuple[dict, Any]:
        """The configuration and settings a build would use (for mount and ignore rules)."""
        from ...build.site import plan
        return plan(self.source, self.destination, config_files=self.config_files,
                    overrides=self.overrides)
