"""Installed gems found without running Ruby: the directories RubyGems and Bundler install
into, each holding ``gems/NAME-VERSION/`` and ``specifications/NAME-VERSION.gemspec``.

The highest version wins unless the site's ``Gemfile.lock`` pins one; a gem's runtime
dependencies are read from its ``.gemspec`` text (the stub RubyGems writes, or the source
gemspec of a theme repository).
"""
from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_VERSION = r"(\d[0-9A-Za-z.]*)"
_LOCK_SPEC = re.compile(r"^    ([A-Za-z0-9_.-]+) \(([^)\s]+)(?:-[a-z0-9_]+)?\)\s*$", re.M)
_RUNTIME_DEP = re.compile(r"add_runtime_dependency\s*\(?\s*(?:%q<([^>]+)>|[\"']([^\"']+)[\"'])")
_ANY_DEP = re.compile(r"\badd_dependency\s*\(?\s*(?:%q<([^>]+)>|[\"']([^\"']+)[\"'])")


@dataclass(frozen=True)
class InstalledGem:
    name: str
    version: str
    root: Path           # gems/NAME-VERSION
    gem_dir: Path        # the directory holding gems/ and specifications/

    @property
    def spec_file(self) -> Path:
        return self.gem_dir / "specifications" / f"{self.name}-{self.version}.gemspec"


def version_key(version: str) -> tuple:
    """Gem::Version ordering: numeric segments compare as numbers; a segment with letters
    marks a prerelease, which sorts below the release (1.0.0.pre < 1.0.0)."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    first_word = next((i for i, p in enumerate(parts) if not p.isdigit()), len(parts))
    release, pre = parts[:first_word], parts[first_word:]
    while release and release[-1].isdigit() and int(release[-1]) == 0:   # 1.0 == 1.0.0
        release.pop()
    while pre and pre[-1].isdigit() and int(pre[-1]) == 0:
        pre.pop()
    key: list[tuple[int, int | str]] = [(2, int(p)) if p.isdigit() else (0, p)
                                        for p in release + pre]
    return tuple(key) + ((1, 0),)       # the end: above a prerelease word, below a number


def gem_dirs(source: Path | None = None, env: Mapping[str, str] | None = None) -> list[Path]:
    """Where gems may be installed, in the order Ruby would look (Bundler's ``vendor/bundle``
    of the site first)."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or os.path.expanduser("~"))
    candidates: list[str] = []
    if source is not None:
        candidates += sorted(glob.glob(str(source / "vendor" / "bundle" / "ruby" / "*")))
    for var in ("GEM_HOME", "GEM_PATH"):
        candidates += [p for p in (env.get(var) or "").split(os.pathsep) if p]
    patterns = [str(home / ".gem" / "ruby" / "*"),
                str(home / ".local" / "share" / "gem" / "ruby" / "*"),
                "/var/lib/gems/*", "/usr/local/lib/ruby/gems/*", "/usr/lib/ruby/gems/*",
                "/usr/lib/*/ruby/gems/*", "/usr/share/rubygems-integration/*",
                "/usr/lib/*/rubygems-integration/*"]
    for pattern in patterns:
        candidates += sorted(glob.glob(pattern), reverse=True)
    out: list[Path] = []
    for c in candidates:
        path = Path(c)
        if (path / "gems").is_dir() and path not in out:
            out.append(path)
    return out


def locked_version(source: Path, name: str) -> str | None:
    """The version of ``name`` that the site's ``Gemfile.lock`` pins, if any."""
    lock = source / "Gemfile.lock"
    try:
        text = lock.read_text("utf-8", errors="replace")
    except OSError:
        return None
    for m in _LOCK_SPEC.finditer(text):
        if m.group(1) == name:
            return m.group(2)
    return None


def installed(name: str, dirs: Iterable[Path]) -> list[InstalledGem]:
    """Every installed version of ``name``, highest first (the first directory wins a tie)."""
    pattern = re.compile(rf"^{re.escape(name)}-{_VERSION}$")
    found: dict[str, InstalledGem] = {}
    for gem_dir in dirs:
        try:
            entries = sorted(os.listdir(gem_dir / "gems"))
        except OSError:
            continue
        for entry in entries:
            m = pattern.match(entry)
            if m and (gem_dir / "gems" / entry).is_dir():
                found.setdefault(m.group(1), InstalledGem(name, m.group(1),
                                                          gem_dir / "gems" / entry, gem_dir))
    return sorted(found.values(), key=lambda g: version_key(g.version), reverse=True)


def prerelease(version: str) -> bool:
    return any(c.isalpha() for c in version)


def find_gem(name: str, source: Path | None = None,
             env: Mapping[str, str] | None = None) -> InstalledGem | None:
    """The installed gem Jekyll would load: the pinned version if the lock file names one
    (None if that version is not installed), else the highest release (a prerelease such as
    ``3.0.0.dev`` only when no release is installed, as RubyGems' ``find_by_name``)."""
    versions = installed(name, gem_dirs(source, env))
    pinned = locked_version(source, name) if source is not None else None
    if pinned is not None:
        return next((g for g in versions if g.version == pinned), None)
    releases = [g for g in versions if not prerelease(g.version)]
    candidates = releases or versions
    return candidates[0] if candidates else None


def runtime_dependencies(spec_text: str) -> list[str]:
    """Names of the runtime dependencies a gemspec declares (``jekyll`` itself left out).
    RubyGems' stubs declare them twice (``add_runtime_dependency`` and, for old RubyGems,
    ``add_dependency``): the first form is used when present."""
    found = [a or b for a, b in _RUNTIME_DEP.findall(spec_text)] or \
        [a or b for a, b in _ANY_DEP.findall(spec_text)]
    out: list[str] = []
    for name in found:
        if name != "jekyll" and name not in out:
            out.append(name)
    return out


def spec_dependencies(root: Path, spec_file: Path | None = None) -> list[str]:
    """Runtime dependencies from the installed stub, else from a ``*.gemspec`` in the
    theme's own folder (a downloaded repository)."""
    files = [spec_file] if spec_file is not None and spec_file.is_file() else \
        sorted(root.glob("*.gemspec"))
    for f in files:
        try:
            return runtime_dependencies(f.read_text("utf-8", errors="replace"))
        except OSError:
            continue
    return []
