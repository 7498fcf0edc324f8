"""``blogtool init``: a new blog, the GitHub Actions workflow, and never an overwritten file."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from blogtool import timeutil
from blogtool.cli.init import command
from blogtool.commands.scaffold import WORKFLOW_PATH, init_site, new_post, workflow_text
from blogtool.errors import BuildError

NOW = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)
POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-([^/]+)\.md$")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0])


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job["steps"]]


def uses(workflow: dict) -> list[str]:
    return [s["uses"] for s in steps(workflow) if "uses" in s]


def test_init_writes_a_new_blog(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    written = init_site(blog, title="排障笔记", timezone="Asia/Shanghai", now=NOW)
    rel = sorted(str(p.relative_to(blog)) for p in written)
    assert rel == [".gitignore", "_config.yml", "_posts/2026-11-23-hello-blogtool.md"]
    config_text = (blog / "_config.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(config_text)
    assert config["title"] == "排障笔记"
    assert config["timezone"] == "Asia/Shanghai"
    assert config["url"] == "" and config["baseurl"] == ""
    assert config["permalink"] == "date"
    comments = [ln for ln in config_text.splitlines() if ln.startswith("#")]
    assert len(comments) >= 8 and any("cname:" in c for c in comments)
    ignore = (blog / ".gitignore").read_text().splitlines()
    assert "_site/" in ignore and ".blogtool-cache/" in ignore


def test_example_post_date_agrees_with_its_name(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    init_site(blog, timezone="America/New_York", now=NOW)
    (post,) = (blog / "_posts").iterdir()
    y, m, d, slug = POST_NAME.match(post.name).groups()
    data = front_matter(post)
    when = timeutil.from_front_matter(data["date"], timeutil.site_zone("America/New_York"))
    assert (when.year, when.month, when.day) == (int(y), int(m), int(d)) == (2026, 11, 22)
    assert data["title"] == "你好，blogtool" and data["layout"] == "post"
    body = post.read_text(encoding="utf-8")
    assert "```java" in body and "**注意：**" in body


def test_init_title_defaults_to_directory_name(tmp_path: Path) -> None:
    blog = tmp_path / "我的博客"
    init_site(blog, timezone="UTC", now=NOW)
    assert yaml.safe_load((blog / "_config.yml").read_text(encoding="utf-8"))["title"] == "我的博客"


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    blog.mkdir()
    (blog / ".gitignore").write_text("mine\n")
    with pytest.raises(BuildError) as info:
        init_site(blog, timezone="UTC", now=NOW)
    assert str(info.value).startswith(".gitignore: already exists")
    assert (blog / ".gitignore").read_text() == "mine\n"
    assert sorted(p.name for p in blog.iterdir()) == [".gitignore"]


def test_init_in_an_existing_site(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    init_site(blog, timezone="UTC", now=NOW)
    config_before = (blog / "_config.yml").read_text()
    with pytest.raises(BuildError) as info:
        init_site(blog, timezone="UTC")
    assert "a site already exists here" in str(info.value)
    written = init_site(blog, github_actions=True)
    assert written == [blog / WORKFLOW_PATH]
    assert (blog / "_config.yml").read_text() == config_before
    with pytest.raises(BuildError) as info:
        init_site(blog, github_actions=True)
    assert str(info.value).startswith(f"{WORKFLOW_PATH}: already exists")


def test_workflow_is_valid_and_uses_the_official_actions(tmp_path: Path) -> None:
    workflow = yaml.safe_load(workflow_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    perms = workflow["permissions"]
    assert perms["pages"] == "write" and perms["id-token"] == "write"
    assert perms["contents"] == "read"
    names = uses(workflow)
    assert any(u.startswith("actions/checkout@") for u in names)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in names)
    assert any(u.startswith("actions/deploy-pages@") for u in names)
    (cache,) = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == ".blogtool-cache"
    assert "${{ github.sha }}" in cache["with"]["key"]
    assert cache["with"]["restore-keys"].strip()
    (upload,) = [s for s in steps(workflow)
                 if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["include-hidden-files"] is True
    assert upload["with"]["path"] == "_site"
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "pip install blogtool-ssg" in runs
    assert 'blogtool build --baseurl "${{ steps.pages.outputs.base_path }}"' in runs
    assert any(u.startswith("actions/configure-pages@") for u in names)
    # the cache is restored before the build runs, the upload comes after it
    order = [s.get("uses", s.get("run", "")) for s in workflow["jobs"]["build"]["steps"]]
    build_at = next(i for i, s in enumerate(order) if s.startswith("blogtool build"))
    cache_at = next(i for i, s in enumerate(order) if s.startswith("actions/cache@"))
    upload_at = next(i for i, s in enumerate(order) if "upload-pages-artifact" in s)
    assert cache_at < build_at < upload_at
    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"]["name"] == "github-pages"


def test_workflow_from_repository_and_branch() -> None:
    text = workflow_text(branch="master", from_repo="https://github.com/someone/blogtool.git")
    workflow = yaml.safe_load(text)
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "pip install git+https://github.com/someone/blogtool.git" in runs
    assert "blogtool-ssg" not in runs
    assert workflow.get("on", workflow.get(True))["push"]["branches"] == ["master"]
    with pytest.raises(BuildError):
        workflow_text(from_repo="https://x.example/a b; rm -rf /")
    with pytest.raises(BuildError):
        workflow_text(branch="main\nevil: 1")


def test_new_post_in_a_new_site_follows_its_style(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    init_site(blog, timezone="Asia/Shanghai", now=NOW)
    post = new_post(blog, "第二篇", category="ops", now=NOW)
    data = front_matter(post.path)
    assert data["categories"] == ["ops"] and data["layout"] == "post"
    assert "JB/setup" not in post.path.read_text(encoding="utf-8")


def test_cli_init(tmp_path: Path) -> None:
    runner = CliRunner()
    blog = tmp_path / "site"
    res = runner.invoke(command, [str(blog), "--title", "Blog", "--timezone", "Asia/Tokyo",
                                  "--github-actions",
                                  "--from-repo", "https://github.com/someone/blogtool"])
    assert res.exit_code == 0, res.output
    assert (blog / "_config.yml").is_file() and (blog / WORKFLOW_PATH).is_file()
    assert "git+https://github.com/someone/blogtool" in (blog / WORKFLOW_PATH).read_text()
    assert yaml.safe_load((blog / "_config.yml").read_text())["timezone"] == "Asia/Tokyo"
    res = runner.invoke(command, [str(blog)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "a site already exists here" in res.output
    res = runner.invoke(command, [str(tmp_path / "x"), "--from-repo", "https://a/b"])
    assert res.exit_code == 2 and "--github-actions" in res.output
    res = runner.invoke(command, [str(tmp_path / "y"), "--timezone", "Mars/Olympus"])
    assert res.exit_code == 1 and "unknown time zone 'Mars/Olympus'" in res.output
    assert not (tmp_path / "y").exists()


def test_workflow_installs_the_blogtool_that_wrote_it() -> None:
    from blogtool import __version__
    workflow = yaml.safe_load(workflow_text())
    installs = [s["run"] for s in steps(workflow) if "pip install" in s.get("run", "")]
    assert installs and all(f"blogtool-ssg=={__version__}" in run for run in installs)
