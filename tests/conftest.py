"""Session-wide fixtures: every Jekyll-compatibility fixture site is built once per session by
real Jekyll and by blogtool (``--compat jekyll``), in parallel on two workers, into one
temporary folder; tests then only read the outputs.

The repository root, ``tests/`` and ``tests/bad_input/`` are on the import path (pytest's
``pythonpath`` setting in pyproject.toml), so tests import ``compat``, ``rubyoracle`` and the
bad-input catalogue by name.
"""
from __future__ import annotations

import inspect
import os
import shutil
import signal
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from compat import BuildRun, build_blogtool, build_jekyll
from compat.build import jekyll_executable
from compat.catalog import BUILDS, FixtureBuild

# the user's cache folder (the read memo's key, remote themes) is the session's own: tests never
# write into the real ~/.cache, and subprocesses they start inherit the setting
_USER_CACHE = tempfile.mkdtemp(prefix="blogtool-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _USER_CACHE
# A suite started in the background by a shell without job control inherits ctrl-c ignored,
# and so would every `serve` it starts: the tests that stop `serve` with ctrl-c need the
# default, as a terminal gives it.
signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_USER_CACHE, ignore_errors=True)


class SiteBuilds:
    """Lazily built, cached outputs: ``jekyll(name)``, ``blogtool(name, compat)``."""

    def __init__(self, root: Path):
        self.root = root
        self._runs: dict[tuple[str, str, str | None], BuildRun] = {}

    def _key_dest(self, tool: str, name: str, compat: str | None) -> Path:
        return self.root / tool / (compat or "own") / name

    def _build(self, tool: str, name: str, compat: str | None = "jekyll") -> BuildRun:
        key = (tool, name, compat)
        if key not in self._runs:
            fx: FixtureBuild = BUILDS[name]
            dest = self._key_dest(tool, name, compat)
            if tool == "jekyll":
                run = build_jekyll(fx.source, dest, args=fx.args, config=fx.config,
                                   preexisting=fx.preexisting)
            else:
                run = build_blogtool(fx.source, dest, args=fx.args, config=fx.config,
                                     compat=compat, preexisting=fx.preexisting)
            self._runs[key] = run
        return self._runs[key]

    def jekyll(self, name: str) -> BuildRun:
        return self._build("jekyll", name, "jekyll")

    def blogtool(self, name: str, compat: str | None = "jekyll") -> BuildRun:
        return self._build("blogtool", name, compat)

    def prebuild(self, names: list[str]) -> None:
        """Both generators on every named fixture, two at a time (the machine has 2 cores)."""
        jobs = [("jekyll", n, "jekyll") for n in names] + [("blogtool", n, "jekyll") for n in names]
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda job: self._build(*job), jobs))


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory: pytest.TempPathFactory) -> SiteBuilds:
    """All fixture builds of the session (real Jekyll must be installed: fail, never skip)."""
    jekyll_executable()
    builds = SiteBuilds(tmp_path_factory.mktemp("site-builds"))
    builds.prebuild(sorted(BUILDS))
    return builds


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the Jekyll comparison figures of every fixture that was compared (README quotes
    them)."""
    module = sys.modules.get("test_jekyll_compat")
    reports = getattr(module, "REPORTS", None) if module else None
    if not reports:
        return
    tr = terminalreporter
    tr.section("compat figures (Jekyll 4.3.1 vs blogtool --compat jekyll)")
    tr.write_line(f"{'fixture':24} {'files':>5} {'miss':>4} {'extra':>5} {'urls':>6} "
                  f"{'titles':>6} {'text':>6} {'min':>6} {'links':>6} {'code':>6}")
    for name in sorted(reports):
        f = reports[name].figures()
        tr.write_line(f"{name:24} {f['files']:>5} {f['missing']:>4} {f['extra']:>5} "
                      f"{f['urls']:>6.1%} {f['titles']:>6.1%} {f['text_mean']:>6.1%} "
                      f"{f['text_min']:>6.1%} {f['links']:>6.1%} {f['code']:>6.1%}")


# --- markers: what a test needs, and the fast subset -----------------------------------------
# `./scripts/test --fast` (pytest -m "not slow") leaves out every test marked slow: those that
# need real Jekyll or Ruby, a browser or wrk, the modules that run many builds in subprocesses,
# the real HTTP server's timeout tests, the hypothesis property suite, tests that wait on the real
# clock (marked `realtime`), exhaustive sweeps (marked `sweep`: the fast subset keeps a few cases
# of each) and builds of big sites over forked workers (marked `forks`). CI runs everything; a missing tool
# fails its tests, never skips them.

_MODULE_MARKS = {
    "test_browser_reload": ("browser",),
    "test_browser_theme": ("browser",),
    "test_a11y": ("browser",),
    "test_search_browser": ("browser",),
    "test_server_load": ("wrk",),
    "test_bad_input": ("subprocesses",),
    "test_crash_safety": ("subprocesses",),
    "test_serve_cli": ("subprocesses",),
    "test_jekyll_themes": ("jekyll",),
    "test_github_pages_profile": ("subprocesses",),
    "test_packaging": ("subprocesses",),
    "test_serve_server": ("server",),
    "test_properties": ("properties",),
    "test_site_parallel": ("forks",),
}


# modules whose functions run real Jekyll or Ruby: a test module importing from them (or
# importing them) needs it
_REAL_RUBY = {"rubyoracle", "liquid_oracle", "kramdown_oracle", "compat.build"}


def _uses_real_ruby(module) -> bool:
    for value in vars(module).values():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if isinstance(name, str) and any(name == m or name.endswith("." + m)
                                         for m in _REAL_RUBY):
            return True
    return False


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        module = getattr(item, "module", None)
        name = module.__name__.rsplit(".", 1)[-1] if module else ""
        marks = set(_MODULE_MARKS.get(name, ()))
        if "site_builds" in getattr(item, "fixturenames", ()):
            marks.add("jekyll")
        if module is not None and _uses_real_ruby(module):
            marks.add("jekyll")
        for mark in sorted(marks):
            item.add_marker(getattr(pytest.mark, mark))
        if marks or any(item.get_closest_marker(m) is not None
                        for m in ("sweep", "realtime", "subprocesses", "forks")):
            item.add_marker(pytest.mark.slow)
