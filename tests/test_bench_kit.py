"""How the benchmark launches blogtool: from a virtualenv it installs blogtool into, as users
run it, or from a checkout's folder."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from benchmarks.kit import TREE_LAUNCHER, Kit


def _kit(tmp_path: Path, tree: Path, launcher: str) -> Kit:
    def env_for(extra: dict[str, str]) -> dict[str, str]:
        return {"PATH": "/usr/bin", "PYTHONPATH": "/elsewhere", "PYTHONPYCACHEPREFIX": "/pyc",
                **extra}
    return Kit(measure=lambda *a, **k: None, blogtool_argv=lambda t, s, o: ([t], {}),
               env_for=env_for, remove=lambda p: None, cwd=tmp_path, work=tmp_path / "w",
               timeout=60, tree=tree, launcher=launcher)


def test_the_venv_launcher_runs_the_installed_console_script(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    kit = _kit(tmp_path, tree, "venv")
    made: list[Path] = []
    monkeypatch.setattr(Kit, "installed",
                        lambda self, code: made.append(code) or tmp_path / "v/bin/blogtool")
    argv, env = kit.blogtool("blogtool build -q -s {src} -d {out}", Path("/s"), Path("/o"))
    assert argv == [str(tmp_path / "v/bin/blogtool"), "build", "-q", "-s", "/s", "-d", "/o"]
    assert made == [tree]
    assert "PYTHONPATH" not in env and "PYTHONPYCACHEPREFIX" not in env


def test_a_checkout_pip_cannot_install_and_the_path_launcher_run_from_the_folder(
        tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    for launcher in ("venv", "path"):
        argv, env = _kit(tmp_path, tree, launcher).blogtool("blogtool --version", tree, tree)
        assert argv == TREE_LAUNCHER + ["--version"] and TREE_LAUNCHER[0] == sys.executable
        assert env["PYTHONPATH"] == str(tree)
    (tree / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    argv, _ = _kit(tmp_path, tree, "path").blogtool("blogtool --version", tree, tree)
    assert argv == TREE_LAUNCHER + ["--version"]


def test_a_failed_install_falls_back_to_the_checkout(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")

    def fail(self: Kit, code: Path) -> Path:
        raise RuntimeError("pip install failed: no index")
    monkeypatch.setattr(Kit, "installed", fail)
    kit = _kit(tmp_path, tree, "venv")
    argv, env = kit.blogtool("blogtool --version", tree, tree)
    assert argv == TREE_LAUNCHER + ["--version"] and env["PYTHONPATH"] == str(tree)
    assert kit.launcher == "path"


def test_the_trash_moves_cleared_outputs_aside_until_emptied(tmp_path: Path) -> None:
    from benchmarks.bench_tools import Trash
    out = tmp_path / "out"
    (out / "a" / "b").mkdir(parents=True)
    (out / "a" / "b" / "index.html").write_text("x", "utf-8")
    single = tmp_path / "one.lock"
    single.write_text("", "utf-8")
    trash = Trash(tmp_path / "trash")
    trash.remove(out)
    trash.remove(single)
    trash.remove(tmp_path / "never-made")        # nothing there: nothing to do
    assert not out.exists() and not single.exists()
    kept = sorted(p.name for p in (tmp_path / "trash").iterdir())
    assert kept == ["00001-out", "00002-one.lock"]
    assert (tmp_path / "trash" / "00001-out" / "a" / "b" / "index.html").read_text() == "x"
    out.mkdir()                                   # the next run's output, same name
    trash.remove(out)
    assert len(list((tmp_path / "trash").iterdir())) == 3
    trash.empty()
    assert not (tmp_path / "trash").exists()
    trash.empty()                                 # twice is fine
    slept: list[float] = []
    waited = trash.settle(slept.append)           # just emptied: the minute is waited out
    assert slept == [waited] and Trash.SETTLE - 5 < waited <= Trash.SETTLE
    trash.stamp.write_text(f"{time.time() - Trash.SETTLE - 1}\n", "utf-8")
    assert trash.settle(slept.append) == 0 and len(slept) == 1     # long enough ago
    trash.stamp.unlink()
    assert trash.settle(slept.append) == 0        # never emptied here
    shared = Trash.stamp_for(tmp_path / "w")      # one note per file system
    assert shared == Trash.stamp_for(tmp_path / "other") and shared.parent != tmp_path


def test_the_trash_deletes_at_once_what_it_cannot_rename(tmp_path: Path) -> None:
    import tempfile

    from benchmarks.bench_tools import Trash
    shm = Path("/dev/shm")
    if tmp_path.stat().st_dev == shm.stat().st_dev:
        pytest.fail("this test needs /dev/shm on another file system than the temporary folder")
    with tempfile.TemporaryDirectory(dir=shm) as elsewhere:
        far = Path(elsewhere) / "out"
        (far / "x").mkdir(parents=True)
        trash = Trash(tmp_path / "trash")
        trash.remove(far)
        assert not far.exists()
        assert not any((tmp_path / "trash").iterdir())


def test_every_timed_run_starts_with_the_dirty_pages_written_out(tmp_path: Path,
                                                                 monkeypatch) -> None:
    events: list[str] = []
    monkeypatch.setattr("benchmarks.kit.os.sync", lambda: events.append("sync"))
    kit = _kit(tmp_path, tmp_path, "path")
    kit.measure = lambda *a, **k: events.append("run") or type(  # type: ignore[method-assign]
        "M", (), {"wall": 1.0, "cpu": 1.0, "peak_rss": 0, "returncode": 0})()
    kit.timed("a", ["true"], {}, tmp_path / "a.log")
    kit.timed("b", ["true"], {}, tmp_path / "b.log")
    assert events == ["sync", "run", "sync", "run"]
