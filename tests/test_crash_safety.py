"""Crash safety: a build killed or failing in the middle of writing leaves the previous site
whole, the next build removes what the dead one left, and a build never writes outside its
destination nor follows a symbolic link out of its source."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blogtool.build import output
from blogtool.build.output import STAGING_MARK, Staging
from blogtool.build.site import build
from blogtool.errors import BuildError
from sitegen import JEKYLL_BASE, blogtool_command, materialise, snapshot

REPO = Path(__file__).resolve().parent.parent


def _leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.parent.iterdir() if p.name.startswith(f".{dest.name}."))


def _corpus(root: Path, posts: int) -> Path:
    subprocess.run([sys.executable, str(REPO / "benchmarks/gencorpus.py"), str(root),
                    "--posts", str(posts), "--theme", "default"], check=True,
                   capture_output=True)
    return root


def _build_cli(source: Path, dest: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*blogtool_command(), "build", "-s", str(source), "-d", str(dest),
                           "--no-cache", "-j", "1", *extra], capture_output=True, text=True,
                          timeout=300)


def test_sigkill_while_writing_leaves_the_old_site_and_the_next_build_cleans_up(
        tmp_path: Path) -> None:
    source = _corpus(tmp_path / "src", 250)
    dest = tmp_path / "site"
    first = _build_cli(source, dest)
    assert first.returncode == 0, first.stderr
    before = snapshot(dest)
    # change every page so the next build has to write, not link, its files
    config = source / "_config.yml"
    config.write_text(config.read_text("utf-8") + "description: changed\n", "utf-8")

    proc = subprocess.Popen([*blogtool_command(), "build", "-s", str(source), "-d", str(dest),
                             "--no-cache", "-j", "1"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    staging = tmp_path / f".site{STAGING_MARK}-{proc.pid}"
    deadline = time.monotonic() + 120
    filled = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if staging.is_dir():
                filled = sum(len(files) for _, _, files in os.walk(staging))
                if filled >= 60:
                    break
            time.sleep(0.005)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert filled >= 60
    assert snapshot(dest) == before, "the killed build changed the previous site"
    assert staging.is_dir() and (staging / STAGING_MARK).exists()

    again = _build_cli(source, dest)
    assert again.returncode == 0, again.stderr
    assert _leftovers(dest) == [], "the next build did not remove the dead build's staging"
    assert "changed" in (dest / "index.html").read_text("utf-8") or snapshot(dest) != before


def _small_site(root: Path) -> Path:
    files = {f"_posts/2020-01-{i:02d}-p{i}.md": f"---\nlayout: default\n---\nPOST {i}\n"
             for i in range(1, 21)}
    files.update({f"assets/f{i}.txt": f"static {i}\n" for i in range(5)})
    return materialise(root, JEKYLL_BASE, files)


@pytest.mark.parametrize("failure", [
    OSError(errno.ENOSPC, "No space left on device"),
    KeyboardInterrupt(),
])
def test_write_failure_after_some_files_keeps_the_old_site(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           failure: BaseException) -> None:
    source = _small_site(tmp_path / "src")
    dest = tmp_path / "site"
    build(source, dest, jobs=1, use_cache=False)
    before = snapshot(dest)
    for rel in list(source.glob("_posts/*.md")):
        rel.write_text(rel.read_text("utf-8") + "changed\n", "utf-8")

    count = {"n": 0}

    def failing_write(self: Staging, rel: str, data: bytes) -> tuple[int, int]:
        count["n"] += 1
        if count["n"] > 5:
            raise failure
        return real_write(self, rel, data)

    real_write = Staging.write
    monkeypatch.setattr(Staging, "write", failing_write)
    expected = BuildError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises((expected, OSError)):
        build(source, dest, jobs=1, use_cache=False)
    assert count["n"] > 5
    assert snapshot(dest) == before
    assert _leftovers(dest) == []


def test_enospc_inside_the_real_write_is_one_located_error(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The file system itself fails (a full disk) half-way: the error names the file."""
    source = _small_site(tmp_path / "src")
    dest = tmp_path / "site"
    build(source, dest, jobs=1, use_cache=False)
    before = snapshot(dest)
    for rel in list(source.glob("_posts/*.md")):
        rel.write_text(rel.read_text("utf-8") + "changed\n", "utf-8")
    real_open = open
    opened = {"n": 0}

    def full_disk_open(file, mode="r", *args, **kwargs):  # noqa: ANN001 - open's signature
        if "w" in mode and STAGING_MARK in str(file):
            opened["n"] += 1
            if opened["n"] > 3:
                raise OSError(errno.ENOSPC, "No space left on device", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(output, "open", full_disk_open, raising=False)
    with pytest.raises(BuildError) as info:
        build(source, dest, jobs=1, use_cache=False)
    assert "No space left on device" in str(info.value)
    assert "previous site is intact" in str(info.value)
    assert str(info.value).startswith(str(dest.resolve()))
    assert snapshot(dest) == before
    assert _leftovers(dest) == []


def test_failed_swap_puts_the_old_site_back(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source = _small_site(tmp_path / "src")
    dest = tmp_path / "site"
    build(source, dest, jobs=1, use_cache=False)
    before = snapshot(dest)
    (source / "index.md").write_text("---\nlayout: default\n---\nNEW\n", "utf-8")
    real_rename = os.rename

    def rename(src: str | os.PathLike, dst: str | os.PathLike) -> None:
        if STAGING_MARK in str(src):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(src, dst)

    monkeypatch.setattr(output.os, "rename", rename)
    with pytest.raises(OSError):
        build(source, dest, jobs=1, use_cache=False)
    monkeypatch.setattr(output.os, "rename", real_rename)
    assert snapshot(dest) == before
    assert _leftovers(dest) == []


def test_only_marked_staging_folders_are_removed(tmp_path: Path) -> None:
    source = _small_site(tmp_path / "src")
    dest = tmp_path / "site"
    dead = tmp_path / f".site{STAGING_MARK}-999999"
    dead.mkdir()
    (dead / STAGING_MARK).touch()
    (dead / "half.html").write_text("<html>half", "utf-8")
    foreign = tmp_path / f".site{STAGING_MARK}-mine"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("not blogtool's", "utf-8")
    build(source, dest, jobs=1, use_cache=False)
    assert not dead.exists()
    assert (foreign / "precious.txt").read_text("utf-8") == "not blogtool's"


def test_never_writes_outside_the_destination_nor_follows_links_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nlayout: default\n---\nSECRET-PAGE\n", "utf-8")
    (outside / "secret.txt").write_text("SECRET-TEXT", "utf-8")
    (outside / "2020-01-01-stolen.md").write_text("---\n---\nSTOLEN-POST\n", "utf-8")
    source = materialise(tmp_path / "src", JEKYLL_BASE, {
        "linked-dir": None, "about.md": "---\npermalink: /../../../escaped.html\n---\nESC\n",
        "deep.md": "---\npermalink: /a/../../../../escaped2.html\n---\nESC2\n",
        "_posts/2020-02-02-cat.md": "---\nlayout: default\ncategory: ../../..\n---\nCAT\n",
    })
    os.symlink(outside, source / "linked-dir")
    os.symlink(outside / "secret.txt", source / "secret.txt")
    os.symlink(outside / "2020-01-01-stolen.md", source / "_posts/2020-01-01-stolen.md")
    os.symlink(outside, source / "_includes")
    dest = tmp_path / "work" / "site"
    outside_before = snapshot(outside)
    result = build(source, dest, jobs=1, use_cache=False)
    assert snapshot(outside) == outside_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "src", "work"]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["site"]
    text = b"".join(snapshot(dest).values())
    for marker in (b"SECRET-PAGE", b"SECRET-TEXT", b"STOLEN-POST"):
        assert marker not in text
    for path in dest.rglob("*"):
        assert not path.is_symlink() and path.resolve().is_relative_to(dest.resolve())
    assert b"ESC" in text and b"CAT" in text
    warned = {w.path for w in result.warnings}
    assert {"linked-dir", "secret.txt", "_posts/2020-01-01-stolen.md"} <= warned

