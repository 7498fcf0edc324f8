"""Running real Jekyll and blogtool on one source folder, reproducibly.

Both builds get ``TZ`` pinned (a site without ``timezone:`` depends on the machine zone), run
from a scratch working folder (Jekyll otherwise picks up a ``Gemfile`` or ``.jekyll-cache``
from the current directory) and may get one extra configuration file merged after the site's
own ``_config.yml`` (to pin ``time:`` or switch ``permalink:``/``timezone:`` per variant).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

PINNED_TZ = "UTC"
# the installed package's CLI, whatever is on PATH (the console script may be absent in a venv)
_CLI = "import sys; sys.argv[0] = 'blogtool'; from blogtool.cli import main; main()"
TIMEOUT = 180


class ToolMissing(AssertionError):
    """A comparison needs a tool that is not installed: the test fails, it never skips
    (CI must install it; ``scripts/test`` does)."""


@dataclass(frozen=True)
class BuildRun:
    """One finished build: where it went and what the generator said."""

    tool: str
    dest: Path
    returncode: int
    stdout: str
    stderr: str
    command: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def describe(self) -> str:
        return (f"{self.tool} exited {self.returncode}: {' '.join(self.command)}\n"
                f"--- stdout\n{self.stdout[-3000:]}\n--- stderr\n{self.stderr[-3000:]}")


def jekyll_executable() -> str:
    path = shutil.which("jekyll")
    if path is None:
        raise ToolMissing("real Jekyll is not installed (apt-get install jekyll; scripts/test "
                          "installs it)")
    return path


def _config_args(src: Path, extra: Mapping | None, scratch: Path) -> list[str]:
    """``--config site,extra`` when an extra configuration is given (both tools merge left to
    right); nothing otherwise, so each tool finds ``_config.yml`` itself."""
    if not extra:
        return []
    extra_file = scratch / "_pinned_config.yml"
    extra_file.write_text(yaml.safe_dump(dict(extra), allow_unicode=True), "utf-8")
    files = [str(src / name) for name in ("_config.yml", "_config.yaml") if (src / name).is_file()]
    return ["--config", ",".join(files[:1] + [str(extra_file)])]


def _seed_destination(dest: Path, preexisting: Mapping[str, str] | None) -> None:
    """Files already in the destination before the build (stale output, keep_files)."""
    for rel, text in (preexisting or {}).items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def _run(tool: str, command: list[str], cwd: Path, env: Mapping[str, str], dest: Path) -> BuildRun:
    proc = subprocess.run(command, cwd=cwd, env=dict(env), capture_output=True, text=True,
                          timeout=TIMEOUT)
    return BuildRun(tool, dest, proc.returncode, proc.stdout, proc.stderr, tuple(command))


def _environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JEKYLL_", "BUNDLE"))}
    env.update({"TZ": PINNED_TZ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                "JEKYLL_NO_BUNDLER_REQUIRE": "true"})
    env.update(extra or {})
    return env


def build_jekyll(src: Path, dest: Path, *, args: Sequence[str] = (),
                 config: Mapping | None = None,
                 preexisting: Mapping[str, str] | None = None) -> BuildRun:
    """``jekyll build --disable-disk-cache -s SRC -d DEST`` from a scratch folder."""
    exe = jekyll_executable()
    src, dest = Path(src).resolve(), Path(dest).resolve()
    _seed_destination(dest, preexisting)
    with tempfile.TemporaryDirectory(prefix="jekyll-cwd-") as scratch:
        command = [exe, "build", "--disable-disk-cache", "-s", str(src), "-d", str(dest),
                   *_config_args(src, config, Path(scratch)), *args]
        return _run("jekyll", command, Path(scratch), _environment(), dest)


def build_blogtool(src: Path, dest: Path, *, args: Sequence[str] = (),
                   config: Mapping | None = None, compat: str | None = "jekyll",
                   preexisting: Mapping[str, str] | None = None,
                   cache: bool = False) -> BuildRun:
    """``blogtool build -s SRC -d DEST --compat jekyll`` (``compat=None``: blogtool's own
    behaviour) through the installed package's CLI, from a scratch folder; ``--no-cache``
    unless ``cache`` (the build then reads and writes the site's cache, as a user's does)."""
    src, dest = Path(src).resolve(), Path(dest).resolve()
    _seed_destination(dest, preexisting)
    with tempfile.TemporaryDirectory(prefix="blogtool-cwd-") as scratch:
        command = [sys.executable, "-c", _CLI, "build", *([] if cache else ["--no-cache"]),
                   "-s", str(src), "-d", str(dest), *_config_args(src, config, Path(scratch)),
                   *args]
        if compat:
            command += ["--compat", compat]
        return _run("blogtool", command, Path(scratch), _environment(), dest)
