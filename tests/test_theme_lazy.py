"""blogtool's own theme (Jinja2) costs nothing to a Jekyll site: building a site with its own
``_layouts/`` never imports Jinja2, and a site without layouts still gets the theme."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = ("import sys; from blogtool.build.site import build; "
         "build(sys.argv[1], sys.argv[2], jobs=1, use_cache=False); "
         "print('jinja2' in sys.modules)")


def loads_jinja(site: Path, out: Path) -> bool:
    run = subprocess.run([sys.executable, "-c", PROBE, str(site), str(out)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()[-1] == "True"


def test_a_site_with_layouts_never_imports_jinja(tmp_path: Path) -> None:
    site = tmp_path / "jb"
    shutil.copytree(ROOT / "tests" / "fixtures" / "sites" / "jb-permalinks", site)
    assert not loads_jinja(site, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_site_without_layouts_gets_the_theme(tmp_path: Path) -> None:
    site = tmp_path / "plain"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2020-01-02-hello.md").write_text("---\ntitle: 你好\n---\nbody\n",
                                                          "utf-8")
    assert loads_jinja(site, tmp_path / "out")
    page = (tmp_path / "out" / "2020" / "01" / "02" / "hello.html")
    assert "你好" in page.read_text("utf-8")
