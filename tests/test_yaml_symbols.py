"""A plain YAML scalar starting with ':' is a Ruby Symbol to Psych, and Jekyll 4.3.1's safe
YAML loading refuses it: the configuration and ``_data`` stop the build, front matter is
reported and the file read without it. Checked against real Jekyll on the same sites."""
from __future__ import annotations

from pathlib import Path

import pytest

from blogtool.build.sourcefiles import load_yaml
from blogtool.errors import InvalidYaml
from compat.build import build_blogtool, build_jekyll


@pytest.mark.parametrize("text", ["a: :sym", ":key: 1", "meta: :PLATFORM ve :THEME teması",
                                  "- :x"])
def test_symbol_scalars_are_refused_like_psych(text: str) -> None:
    with pytest.raises(InvalidYaml, match="Tried to load unspecified class: Symbol"):
        load_yaml(text, "f.yml")


@pytest.mark.parametrize("text, value", [('a: ":q"', {"a": ":q"}), ("a: x :y", {"a": "x :y"}),
                                         ("a: ':q'", {"a": ":q"})])
def test_quoted_or_inner_colons_stay_strings(text: str, value: dict) -> None:
    assert load_yaml(text, "f.yml") == value


def _site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


@pytest.mark.parametrize("where", ["_config.yml", "_data/locale.yml"])
def test_a_symbol_in_config_or_data_stops_both(tmp_path: Path, where: str) -> None:
    files = {"_config.yml": "title: t\n", "index.md": "---\n---\nhome\n", where: "m: :sym\n"}
    src = _site(tmp_path / "src", files)
    jekyll = build_jekyll(src, tmp_path / "j")
    blogtool = build_blogtool(src, tmp_path / "b")
    assert jekyll.returncode != 0 and "Symbol" in jekyll.stderr + jekyll.stdout
    assert blogtool.returncode != 0, blogtool.describe()
    assert f"{where}:1: invalid YAML: Tried to load unspecified class: Symbol" in blogtool.stderr


def test_a_symbol_in_front_matter_is_a_warning_and_the_same_page(tmp_path: Path) -> None:
    src = _site(tmp_path / "src", {"_config.yml": "title: t\n",
                                   "index.md": "---\nx: :sym\n---\nX{{ page.x }}X\n"})
    jekyll = build_jekyll(src, tmp_path / "j")
    blogtool = build_blogtool(src, tmp_path / "b")
    assert jekyll.ok and blogtool.ok, blogtool.describe()
    assert "Tried to load unspecified class: Symbol" in jekyll.stdout + jekyll.stderr
    assert "index.md:2: warning: invalid YAML: Tried to load unspecified class: Symbol" \
        in blogtool.stderr + blogtool.stdout
    assert (tmp_path / "j" / "index.html").read_bytes() == \
        (tmp_path / "b" / "index.html").read_bytes()
