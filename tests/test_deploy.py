"""``blogtool deploy`` against real git: a bare repository in a temp dir is the remote."""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import blogtool.commands.deploy as deploy_mod
from blogtool.cli.deploy import command
from blogtool.commands.deploy import DeployError, deploy, pages_url


def git(cwd: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout.strip()


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system git config, no identity from the environment."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)


def set_identity(repo: Path) -> None:
    git(repo, "config", "user.name", "Test Author")
    git(repo, "config", "user.email", "author@example.com")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A blog's working repository with one commit on main and ``origin`` = a bare repo."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(origin))
    work = tmp_path / "work"
    git(tmp_path, "init", "--quiet", "-b", "main", str(work))
    set_identity(work)
    (work / ".gitignore").write_text("_site/\n.blogtool-cache/\n")
    (work / "_config.yml").write_text("title: 测试\n")
    (work / "README.md").write_text("source only\n")
    (work / "_posts").mkdir()
    (work / "_posts" / "2014-10-18-a.md").write_text("---\ntitle: a\n---\nsecret source\n")
    git(work, "add", ".gitignore", "_config.yml", "README.md", "_posts")
    git(work, "commit", "--quiet", "-m", "source")
    git(work, "remote", "add", "origin", "../origin.git")  # relative, as people write it
    git(work, "push", "--quiet", "origin", "main")
    return work


@pytest.fixture
def site(repo: Path) -> Path:
    """A built site, filled by hand (deploy() does not need the build pipeline)."""
    out = repo / "_site"
    (out / "css").mkdir(parents=True)
    (out / "2014" / "10" / "18").mkdir(parents=True)
    (out / "index.html").write_text("<h1>首页</h1>\n", encoding="utf-8")
    (out / "css" / "style.css").write_text("body{}\n")
    (out / "2014" / "10" / "18" / "中文-标题.html").write_text("<p>中文</p>\n", encoding="utf-8")
    return out


def origin(repo: Path) -> Path:
    return repo.parent / "origin.git"


def remote_files(repo: Path, ref: str = "gh-pages") -> set[str]:
    out = subprocess.run(["git", "ls-tree", "-r", "-z", "--name-only", ref], cwd=origin(repo),
                         capture_output=True, text=True, check=True).stdout
    return {p for p in out.split("\0") if p}


def remote_tip(repo: Path, branch: str = "gh-pages") -> str:
    return git(origin(repo), "rev-parse", "--verify", "-q", f"refs/heads/{branch}", check=False)


def parents(repo: Path, sha: str) -> list[str]:
    return git(origin(repo), "rev-list", "--parents", "-n", "1", sha).split()[1:]


def show(repo: Path, path: str, ref: str = "gh-pages") -> str:
    return git(origin(repo), "show", f"{ref}:{path}")


def snapshot(repo: Path) -> dict[str, object]:
    """Everything a deploy must not change in the user's repository."""
    git_dir = repo / ".git"
    objects = sorted(str(p.relative_to(git_dir)) for p in (git_dir / "objects").rglob("*")
                     if p.is_file())
    return {
        "status": git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored"),
        "head": git(repo, "symbolic-ref", "HEAD"),
        "head_sha": git(repo, "rev-parse", "HEAD"),
        "index": hashlib.sha256((git_dir / "index").read_bytes()).hexdigest(),
        "refs": git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        "objects": objects,
    }


SITE_FILES = {"index.html", "css/style.css", "2014/10/18/中文-标题.html", ".nojekyll"}


def test_first_deploy_publishes_the_site_only(repo: Path, site: Path) -> None:
    result = deploy(site, repo, cname="blog.example.com")
    assert result.status == "pushed"
    assert remote_tip(repo) == result.commit
    assert parents(repo, result.commit) == []
    assert remote_files(repo) == SITE_FILES | {"CNAME"}
    assert show(repo, "CNAME") == "blog.example.com"
    assert show(repo, ".nojekyll") == ""
    assert show(repo, "2014/10/18/中文-标题.html") == "<p>中文</p>"
    # the sources, the repo's own files and the main branch are not published
    assert not remote_files(repo) & {"README.md", "_config.yml", ".gitignore", "_posts/2014-10-18-a.md"}
    assert set(result.added) == SITE_FILES | {"CNAME"} and result.files == 5
    # the local branch follows the published commit; nothing was written into the build
    assert git(repo, "rev-parse", "refs/heads/gh-pages") == result.commit
    assert result.local_branch_updated
    assert not (site / ".nojekyll").exists() and not (site / "CNAME").exists()
    assert git(origin(repo), "log", "-1", "--format=%an <%ae>", "gh-pages") == \
        "Test Author <author@example.com>"


def test_working_tree_index_and_branch_untouched(repo: Path, site: Path) -> None:
    (repo / "README.md").write_text("edited, not committed\n")  # a dirty working tree
    git(repo, "add", "README.md")                                 # and a staged change
    (repo / "notes.txt").write_text("untracked\n")
    before = snapshot(repo)
    deploy(site, repo)
    after = snapshot(repo)
    for key in ("status", "head", "head_sha", "index"):
        assert after[key] == before[key], key
    assert (repo / "README.md").read_text() == "edited, not committed\n"
    assert git(repo, "diff", "--cached", "--name-only") == "README.md"
    assert remote_tip(repo, "main") == before["head_sha"]  # main on the remote unchanged too


def test_second_deploy_with_changes_adds_a_child_commit(repo: Path, site: Path) -> None:
    first = deploy(site, repo)
    (site / "index.html").write_text("<h1>新的首页</h1>\n", encoding="utf-8")
    (site / "about.html").write_text("about\n")
    (site / "css" / "style.css").unlink()
    second = deploy(site, repo, message="second publish")
    assert second.status == "pushed"
    assert second.parent == first.commit
    assert parents(repo, second.commit) == [first.commit]
    assert (second.added, second.changed, second.removed) == \
        (("about.html",), ("index.html",), ("css/style.css",))
    assert remote_files(repo) == (SITE_FILES - {"css/style.css"}) | {"about.html"}
    assert git(origin(repo), "log", "-1", "--format=%s", "gh-pages") == "second publish"
    assert git(repo, "rev-parse", "gh-pages") == second.commit


def test_redeploy_without_changes_makes_no_commit(repo: Path, site: Path) -> None:
    first = deploy(site, repo)
    again = deploy(site, repo)
    assert again.status == "unchanged"
    assert again.commit == first.commit == remote_tip(repo)
    assert again.changes == ()
    assert git(origin(repo), "rev-list", "--count", "gh-pages") == "1"


def test_remote_moved_on_before_deploy(repo: Path, site: Path, tmp_path: Path) -> None:
    first = deploy(site, repo)
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", "-b", "gh-pages", str(origin(repo)), str(other))
    set_identity(other)
    (other / "from-ci.html").write_text("pushed elsewhere\n")
    git(other, "add", "from-ci.html")
    git(other, "commit", "--quiet", "-m", "from another clone")
    git(other, "push", "--quiet", "origin", "gh-pages")
    theirs = remote_tip(repo)
    # our local gh-pages is stale now; the deploy builds on the remote's tip anyway
    assert git(repo, "rev-parse", "gh-pages") == first.commit
    (site / "index.html").write_text("<h1>v2</h1>\n")
    result = deploy(site, repo)
    assert result.status == "pushed" and not result.retried
    assert parents(repo, result.commit) == [theirs]
    assert "from-ci.html" in result.removed  # the published tree is exactly the built site
    assert remote_files(repo) == SITE_FILES
    assert git(repo, "rev-parse", "gh-pages") == result.commit


def test_push_rejected_when_remote_moves_during_deploy_is_retried(
        repo: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = deploy(site, repo)
    (site / "index.html").write_text("<h1>v2</h1>\n")
    second = deploy(site, repo)
    # The remote's tip is read as `first` (a stale answer, as if another push landed right
    # after ls-remote): the push of a child of `first` is refused, then retried on `second`.
    real = deploy_mod._remote_tip
    calls = []

    def stale_once(git_, remote, branch):
        calls.append(branch)
        return first.commit if len(calls) == 1 else real(git_, remote, branch)

    monkeypatch.setattr(deploy_mod, "_remote_tip", stale_once)
    (site / "index.html").write_text("<h1>v3</h1>\n")
    result = deploy(site, repo)
    assert result.status == "pushed" and result.retried
    assert parents(repo, result.commit) == [second.commit]
    assert show(repo, "index.html") == "<h1>v3</h1>"


def test_push_rejected_twice_is_one_clear_error(repo: Path, site: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = deploy(site, repo)
    (site / "index.html").write_text("<h1>v2</h1>\n")
    second = deploy(site, repo)
    monkeypatch.setattr(deploy_mod, "_remote_tip", lambda *a: first.commit)
    (site / "index.html").write_text("<h1>v3</h1>\n")
    with pytest.raises(DeployError) as info:
        deploy(site, repo)
    assert "rejected" in info.value.message and "gh-pages" in info.value.message
    assert "\n" not in info.value.message
    assert remote_tip(repo) == second.commit


def test_dry_run_before_first_deploy_writes_nothing(repo: Path, site: Path) -> None:
    before = snapshot(repo)
    remote_before = git(origin(repo), "for-each-ref")
    result = deploy(site, repo, dry_run=True, cname="blog.example.com")
    assert result.status == "dry-run"
    assert set(result.added) == SITE_FILES | {"CNAME"}
    assert result.commit is None
    assert snapshot(repo) == before  # not one object, ref or index entry
    assert git(origin(repo), "for-each-ref") == remote_before
    assert remote_tip(repo) == ""


def test_dry_run_lists_changes_against_the_remote(repo: Path, site: Path) -> None:
    first = deploy(site, repo)
    (site / "index.html").write_text("<h1>changed</h1>\n")
    (site / "new.html").write_text("new\n")
    (site / "css" / "style.css").unlink()
    before = snapshot(repo)
    result = deploy(site, repo, dry_run=True)
    assert result.status == "dry-run"
    assert [(c.status, c.path) for c in result.changes] == \
        [("D", "css/style.css"), ("M", "index.html"), ("A", "new.html")]
    assert snapshot(repo) == before
    assert remote_tip(repo) == first.commit


def test_dry_run_without_changes_says_unchanged(repo: Path, site: Path) -> None:
    deploy(site, repo)
    assert deploy(site, repo, dry_run=True).status == "unchanged"


def test_force_replaces_history_with_one_commit(repo: Path, site: Path) -> None:
    deploy(site, repo)
    (site / "index.html").write_text("<h1>v2</h1>\n")
    deploy(site, repo)
    (site / "index.html").write_text("<h1>v3</h1>\n")
    forced = deploy(site, repo, force=True)
    assert forced.status == "pushed"
    assert parents(repo, forced.commit) == []
    assert git(origin(repo), "rev-list", "--count", "gh-pages") == "1"
    assert show(repo, "index.html") == "<h1>v3</h1>"
    # forcing again with the same site and a one-commit history changes nothing
    assert deploy(site, repo, force=True).status == "unchanged"


def test_cname_file_of_the_site_kept_and_argument_wins(repo: Path, site: Path) -> None:
    (site / "CNAME").write_text("from-site.example.com\n")
    deploy(site, repo)
    assert show(repo, "CNAME") == "from-site.example.com"
    deploy(site, repo, cname="config.example.com")
    assert show(repo, "CNAME") == "config.example.com"
    assert (site / "CNAME").read_text() == "from-site.example.com\n"  # build output untouched


def test_ignored_and_hidden_files_in_the_site_are_published(repo: Path, site: Path) -> None:
    (repo / ".gitignore").write_text("_site/\n*.html\n")  # even a greedy .gitignore
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: x\n")
    deploy(site, repo)
    assert {"index.html", ".well-known/security.txt"} <= remote_files(repo)


def test_site_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    out.mkdir()
    (out / "index.html").write_text("x\n")
    result = deploy(out, repo / "_posts")  # any directory inside the repository will do
    assert result.status == "pushed"
    assert remote_files(repo) == {"index.html", ".nojekyll"}


def test_checked_out_branch_ref_is_left_alone(repo: Path, site: Path, tmp_path: Path) -> None:
    deploy(site, repo)
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "--quiet", str(wt), "gh-pages")
    held = git(repo, "rev-parse", "gh-pages")
    (site / "index.html").write_text("<h1>v2</h1>\n")
    result = deploy(site, repo)
    assert result.status == "pushed" and not result.local_branch_updated
    assert git(repo, "rev-parse", "gh-pages") == held
    assert git(wt, "status", "--porcelain") == ""


def test_missing_identity_is_reported(repo: Path, site: Path) -> None:
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    with pytest.raises(DeployError) as info:
        deploy(site, repo)
    assert "user.name" in info.value.message and "user.email" in info.value.message
    assert remote_tip(repo) == ""


def test_identity_from_environment_is_enough(repo: Path, site: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "CI")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "ci@example.com")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "CI")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ci@example.com")
    assert deploy(site, repo).status == "pushed"


def test_not_a_git_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / "_site").mkdir(parents=True)
    (plain / "_site" / "index.html").write_text("x")
    with pytest.raises(DeployError) as info:
        deploy(plain / "_site", plain)
    assert "not a git repository" in info.value.message


def test_no_such_remote(repo: Path, site: Path) -> None:
    with pytest.raises(DeployError) as info:
        deploy(site, repo, remote="upstream")
    assert "no git remote named 'upstream'" in info.value.message
    assert "origin" in info.value.message  # the remotes that do exist


def test_unreachable_remote(repo: Path, site: Path, tmp_path: Path) -> None:
    git(repo, "remote", "add", "gone", str(tmp_path / "missing.git"))
    with pytest.raises(DeployError) as info:
        deploy(site, repo, remote="gone")
    assert "could not read remote 'gone'" in info.value.message


def test_site_dir_missing_or_empty(repo: Path) -> None:
    with pytest.raises(DeployError) as info:
        deploy(repo / "_site", repo)
    assert "does not exist" in info.value.message and "build" in info.value.message
    (repo / "_site").mkdir()
    with pytest.raises(DeployError) as info:
        deploy(repo / "_site", repo)
    assert "empty" in info.value.message


def test_bad_branch_name(repo: Path, site: Path) -> None:
    with pytest.raises(DeployError) as info:
        deploy(site, repo, branch="bad..name")
    assert "not a valid git branch name" in info.value.message


def test_other_branch_and_remote_names(repo: Path, site: Path) -> None:
    git(repo, "remote", "add", "pages", "../origin.git")
    result = deploy(site, repo, branch="site", remote="pages")
    assert result.status == "pushed" and remote_tip(repo, "site") == result.commit
    assert remote_tip(repo) == ""


def test_pages_url() -> None:
    assert pages_url("git@github.com:Alice/blog.git", None) == "https://alice.github.io/blog/"
    assert pages_url("https://github.com/alice/alice.github.io", None) == "https://alice.github.io/"
    assert pages_url("https://github.com/alice/blog.git", "blog.example.com") == \
        "https://blog.example.com/"
    assert pages_url("../origin.git", None) is None


# --- the command -------------------------------------------------------------------------


def test_cli_no_build_deploys_and_reports(repo: Path, site: Path) -> None:
    (repo / "_config.yml").write_text("title: t\ncname: blog.example.com\n")
    runner = CliRunner()
    res = runner.invoke(command, ["--no-build", "-s", str(repo), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "nothing was written" in res.output and "add" in res.output
    assert remote_tip(repo) == ""
    res = runner.invoke(command, ["--no-build", "-s", str(repo), "-m", "publish"])
    assert res.exit_code == 0, res.output
    assert "Published 5 files to origin/gh-pages" in res.output
    assert "https://blog.example.com/" in res.output
    assert show(repo, "CNAME") == "blog.example.com"
    res = runner.invoke(command, ["--no-build", "-s", str(repo)])
    assert res.exit_code == 0 and "Nothing to publish" in res.output


def test_cli_errors_are_one_sentence(repo: Path, site: Path) -> None:
    res = CliRunner().invoke(command, ["--no-build", "-s", str(repo), "--remote", "nope"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert res.output.startswith("Error: there is no git remote named 'nope'")
    assert res.output.count("\n") == 1


def test_cli_destination_from_config(repo: Path, tmp_path: Path) -> None:
    (repo / "_config.yml").write_text("destination: public\n")
    (repo / "public").mkdir()
    (repo / "public" / "index.html").write_text("public\n")
    res = CliRunner().invoke(command, ["--no-build", "-s", str(repo)])
    assert res.exit_code == 0, res.output
    assert show(repo, "index.html") == "public"


def test_cli_cname_from_config_files_later_wins(repo: Path, site: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.yml"
    second = tmp_path / "b.yml"
    first.write_text("cname: a.example.com\n")
    second.write_text("title: only\ncname: b.example.com\n")
    res = CliRunner().invoke(command, ["--no-build", "-s", str(repo), "-d", str(site),
                                       "--config", f"{first},{second}"])
    assert res.exit_code == 0, res.output
    assert show(repo, "CNAME") == "b.example.com"


def test_cli_builds_then_deploys(repo: Path) -> None:
    """The whole command: the real build pipeline, then the publish of its output."""
    (repo / "_config.yml").write_text("title: 测试\ntimezone: Asia/Shanghai\n", encoding="utf-8")
    (repo / "_layouts").mkdir()  # a Jekyll site: its own Liquid layout
    (repo / "_layouts" / "post.html").write_text("<title>{{ page.title }}</title>{{ content }}")
    (repo / "_posts" / "2014-10-18-a.md").write_text(
        "---\nlayout: post\ntitle: a\n---\nsecret source\n")
    before = snapshot(repo)
    res = CliRunner().invoke(command, ["-s", str(repo), "-q"])
    assert res.exit_code == 0, res.output
    published = remote_files(repo)
    assert "2014/10/18/a.html" in published and ".nojekyll" in published
    assert not any(p.startswith(("_posts/", "_layouts/")) for p in published)
    assert "_config.yml" not in published and ".gitignore" not in published
    assert "secret source" in show(repo, "2014/10/18/a.html")
    after = snapshot(repo)
    assert after["head_sha"] == before["head_sha"] and after["index"] == before["index"]
