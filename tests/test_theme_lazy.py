"""blogtool's own theme (Jinja2) and what it turns on (search, the error index) cost nothing
to a Jekyll site: building a site with its own ``_layouts/`` never imports Jinja2, the
search modules or the standard library's URL fetching, and a site without layouts still
gets the theme, its search and its error index."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WATCHED = ("jinja2", "blogtool.search.blocks", "blogtool.search.pagefind",
           "blogtool.search.index", "urllib.request")
PROBE = ("import sys; from blogtool.build.site import build; "
         "build(sys.argv[1], sys.argv[2], jobs=1, use_cache=False); "
         f"print(' '.join(m for m in {WATCHED!r} if m in sys.modules) or '-')")


def loaded(site: Path, out: Path) -> set[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, str(site), str(out)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.splitlines()[-1].split()) - {"-"}


def test_a_site_with_layouts_never_imports_jinja_or_search(tmp_path: Path) -> None:
    site = tmp_path / "jb"
    shutil.copytree(ROOT / "tests" / "fixtures" / "sites" / "jb-permalinks", site)
    assert loaded(site, tmp_path / "out") == set()
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_site_without_layouts_gets_the_theme(tmp_path: Path) -> None:
    site = tmp_path / "plain"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2020-01-02-hello.md").write_text("---\ntitle: 你好\n---\nbody\n",
                                                          "utf-8")
    assert loaded(site, tmp_path / "out") == {"jinja2", "blogtool.search.blocks",
                                              "blogtool.search.pagefind",
                                              "blogtool.search.index"}
    page = (tmp_path / "out" / "2020" / "01" / "02" / "hello.html")
    assert "你好" in page.read_text("utf-8")
