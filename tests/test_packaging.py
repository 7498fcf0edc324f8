"""The package as users get it: pyproject.toml names every package, and the built wheel,
installed into a fresh virtualenv, starts and builds a new blog (theme templates, built-in
includes and scaffold files inside the wheel)."""
from __future__ import annotations

import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import blogtool

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_lists_every_package() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "blogtool").rglob("__init__.py")}
    assert listed == found | {"blogtool.templates"}


def test_one_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert blogtool.__version__.count(".") == 2


def test_wheel_in_a_fresh_virtualenv_builds_a_new_blog(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(dist), str(ROOT)], check=True, capture_output=True)
    (wheel,) = dist.glob("blogtool_ssg-*.whl")
    env_dir = tmp_path / "venv"
    # the dependencies come from this interpreter's site-packages: no network needed
    venv.EnvBuilder(with_pip=False, system_site_packages=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q",
                    "--no-deps", "--force-reinstall", str(wheel)], check=True,
                   capture_output=True)
    exe = env_dir / "bin" / "blogtool"
    where = subprocess.run([str(py), "-c", "import blogtool; print(blogtool.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert str(env_dir) in where           # the wheel, not the working tree
    version = subprocess.run([str(exe), "--version"], check=True, capture_output=True,
                             text=True).stdout
    assert blogtool.__version__ in version
    blog = tmp_path / "blog"
    subprocess.run([str(exe), "init", str(blog), "--github-actions"], check=True,
                   capture_output=True, cwd=tmp_path)
    workflow = (blog / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert f"blogtool-ssg=={blogtool.__version__}" in workflow
    built = subprocess.run([str(exe), "build", "-s", str(blog)], capture_output=True,
                           text=True, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    site = blog / "_site"
    assert (site / "index.html").is_file() and (site / "assets" / "blogtool.css").is_file()
    post = next(site.rglob("*.html"))
    assert "<html" in post.read_text("utf-8")
