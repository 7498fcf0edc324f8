"""An include reached through a symbolic link out of the site is never read."""
from pathlib import Path

import pytest

from blogtool.build.site import build
from blogtool.errors import BuildError


def test_include_symlinked_out_of_the_source_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("SECRET", "utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "_layouts").mkdir()
    (src / "_layouts/default.html").write_text("{{ content }}", "utf-8")
    (src / "_includes").symlink_to(outside, target_is_directory=True)
    (src / "page.html").write_text("---\nlayout: default\n---\n{% include secret.html %}\n",
                                   "utf-8")
    with pytest.raises(BuildError) as exc:
        build(src, tmp_path / "site", jobs=1, use_cache=False)
    assert exc.value.problem.path == "page.html"
    assert "secret.html" in exc.value.problem.message
    assert not (tmp_path / "site").exists()


def test_builtin_jb_setup_still_works(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_posts/2014-10-18-x.md").write_text(
        "---\ntitle: x\n---\n{% include JB/setup %}\n\n正文\n", "utf-8")
    build(src, tmp_path / "site", jobs=1, use_cache=False)
    assert "正文" in (tmp_path / "site/2014/10/18/x.html").read_text("utf-8")


def _site(tmp_path: Path, includes: dict[str, str], page: str) -> Path:
    src = tmp_path / "src"
    (src / "_includes").mkdir(parents=True)
    (src / "_layouts").mkdir()
    (src / "_layouts/default.html").write_text("{{ content }}", "utf-8")
    for name, text in includes.items():
        (src / "_includes" / name).write_text(text, "utf-8")
    (src / "page.html").write_text(f"---\nlayout: default\n---\n{page}\n", "utf-8")
    return src


def test_include_cycle_names_the_include_and_line(tmp_path: Path) -> None:
    src = _site(tmp_path, {"a.html": "a{% include b.html %}",
                           "b.html": "b\n{% include a.html %}"}, "{% include a.html %}")
    with pytest.raises(BuildError) as exc:
        build(src, tmp_path / "site", jobs=1, use_cache=False)
    problem = exc.value.problem
    assert (problem.path, problem.line) in (("_includes/b.html", 2), ("_includes/a.html", 1))
    assert "_includes/a.html -> _includes/b.html" in problem.message


def test_recursion_that_ends_is_fine(tmp_path: Path) -> None:
    menu = ("{% if include.n > 0 %}<li>{{ include.n }}"
            "{% assign m = include.n | minus: 1 %}{% include menu.html n=m %}</li>{% endif %}")
    src = _site(tmp_path, {"menu.html": menu}, "{% include menu.html n=3 %}")
    build(src, tmp_path / "site", jobs=1, use_cache=False)
    assert "<li>3<li>2<li>1</li></li></li>" in (tmp_path / "site/page.html").read_text("utf-8")
