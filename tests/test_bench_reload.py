"""The ``serve`` rows of ``bench.py --incremental`` start blogtool the way its other rows do:
through the benchmark kit's launcher (the console script of the virtual environment it made,
or the checkout with ``--launcher path``), not always from the checkout."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from benchmarks import bench_incremental, reload
from benchmarks.kit import TREE_LAUNCHER, Kit

ROOT = Path(__file__).resolve().parents[1]

# a stand-in console script: says where it serves (a port nobody listens on), notes how it
# was started, and waits to be stopped
FAKE_SERVE = '''#!{python}
import json, os, sys, time
with open({note!r}, "w") as fh:
    json.dump({{"argv": sys.argv[1:], "cwd": os.getcwd(),
               "pythonpath": os.environ.get("PYTHONPATH"),
               "unbuffered": os.environ.get("PYTHONUNBUFFERED")}}, fh)
print("Server address: http://127.0.0.1:1/", flush=True)
try:
    time.sleep(60)
except KeyboardInterrupt:
    pass
'''


def _kit(tmp_path: Path, tree: Path, launcher: str) -> Kit:
    return Kit(measure=lambda *a, **k: None, blogtool_argv=lambda t, s, o: ([t], {}),
               env_for=lambda extra: {**os.environ, "PYTHONPATH": "/elsewhere", **extra},
               remove=lambda p: None, cwd=tmp_path, work=tmp_path / "w", timeout=30,
               tree=tree, launcher=launcher)


def _site(tmp_path: Path) -> Path:
    src = tmp_path / "site"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    (src / "index.html").write_text("---\n---\n{% for p in site.posts %}{{ p.title }}"
                                    "{% endfor %}\n", "utf-8")
    for day in (1, 2, 3):
        (src / f"_posts/2024-01-0{day}-p{day}.md").write_text(
            f"---\ntitle: 第{day}篇\n---\n正文 {day}\n", "utf-8")
    return src


def test_the_serve_row_runs_the_installed_console_script(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    note = tmp_path / "started.json"
    script = tmp_path / "venv" / "bin" / "blogtool"
    script.parent.mkdir(parents=True)
    script.write_text(FAKE_SERVE.format(python=sys.executable, note=str(note)), "utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(Kit, "installed", lambda self, code: script)
    src = _site(tmp_path)
    figures = bench_incremental.serve_figures(src, 1, _kit(tmp_path, tree, "venv"), "tiny")
    started = json.loads(note.read_text("utf-8"))
    assert started["argv"] == ["serve", "-s", str(src), "-H", "127.0.0.1", "-P", "0"]
    assert started["cwd"] == str(src)
    assert started["pythonpath"] is None and started["unbuffered"] == "1"
    assert "error" in figures          # nothing serves the live-reload stream on port 1


@pytest.mark.realtime
def test_an_interpreter_launcher_keeps_the_site_folder_off_the_import_path(
        tmp_path: Path) -> None:
    src = _site(tmp_path)
    (src / "blogtool").mkdir()          # a partial copy of the package in the site's folder
    (src / "blogtool" / "__init__.py").write_text("raise ImportError('the copy')\n", "utf-8")
    kit = _kit(tmp_path, ROOT, "path")
    assert kit.blogtool("blogtool --version", src, src)[0][:2] == TREE_LAUNCHER[:2]
    figures = reload.measure("tiny", src, 1, 120, launch=kit.blogtool)
    assert figures["command"] == sys.executable
    assert figures["median_s"] is not None and not figures["errors"], figures
    assert len(figures["samples_s"]) == 1
