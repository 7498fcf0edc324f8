"""Publish a built site to a branch (``gh-pages``) with git plumbing, never touching the checkout.

Why plumbing and not ``git checkout gh-pages`` or ghp-import (README "Publishing and writing"):
* the user's working tree, index and current branch must stay exactly as they were, so the
  site is staged in a *temporary* index (``GIT_INDEX_FILE``) whose work tree is the built site;
* the remote is the authority: its tip is read with ``git ls-remote`` and fetched before every
  deploy, so a stale local ``gh-pages`` never produces a rejected or a clobbering push;
* an identical tree means no commit at all ("unchanged"), so redeploys do not grow history;
* the push is a plain fast-forward; ``force`` (one parentless commit, force-pushed) happens only
  when asked;
* ``.nojekyll`` and ``CNAME`` are added to the published tree as blobs: nothing is written into
  the user's files, not even into the built site;
* a dry run stages into a throw-away object directory (git "alternates"), so not one object or
  ref of the user's repository changes.

Every failure a user can meet is a :class:`DeployError` carrying one sentence.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from .git import Git, GitFailed, NotARepository, open_repo

__all__ = ["DeployError", "DeployResult", "FileChange", "deploy", "pages_url"]

_SHA = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_GITHUB_REMOTE = re.compile(
    r"github\.com[:/](?P<owner>[A-Za-z0-9_.-]+)/(?P<repo>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
# A push that lost a race: refused as non-fast-forward, or the remote's ref moved between
# git's advertisement and the update ("failed to update ref", "cannot lock ref").
_REJECTED = re.compile(r"\[rejected\]|\(fetch first\)|non-fast-forward|\(stale info\)|"
                       r"failed to update ref|cannot lock ref")

# Git's own settings that would change what gets published, pinned for the temporary index:
# line-ending conversion would rewrite files, and a user's global excludes do not apply to
# ``--force`` anyway but keep ``add`` from warning.
_STAGING_CONFIG = ("-c", "core.autocrlf=false", "-c", "core.safecrlf=false",
                   "-c", "core.fileMode=true", "-c", "core.symlinks=true")


class DeployError(BuildError):
    """A deploy problem the user can fix; the CLI prints only the sentence."""

    def __init__(self, message: str):
        super().__init__("", None, message)

    @property
    def message(self) -> str:
        return self.problem.message

    def __reduce__(self):
        return (DeployError, (self.problem.message,))


@dataclass(frozen=True)
class FileChange:
    """One path that differs between the remote tip and what would be published."""

    status: str  # "A" added, "M" changed, "D" removed
    path: str


@dataclass(frozen=True)
class DeployResult:
    """What happened: ``status`` is ``"pushed"``, ``"unchanged"`` or ``"dry-run"``."""

    status: str
    branch: str
    remote: str
    tree: str
    commit: str | None  # the commit now at the remote tip (None for a first dry run)
    parent: str | None  # the remote tip before this deploy
    changes: tuple[FileChange, ...] = ()
    retried: bool = False
    local_branch_updated: bool = False
    files: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes if c.status == "A")

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes if c.status == "M")

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes if c.status == "D")


def _open_repo(repo_dir: Path) -> Git:
    try:
        return open_repo(repo_dir)
    except NotARepository as exc:
        raise DeployError(str(exc)) from None


# --- checks --------------------------------------------------------------------------------------


def _remote_url(git: Git, remote: str) -> str:
    proc = git.run("remote", "get-url", "--push", remote, check=False)
    if proc.returncode != 0:
        names = git.out("remote").split()
        known = f" (known remotes: {', '.join(names)})" if names else " (this repository has none)"
        raise DeployError(f"there is no git remote named '{remote}'{known}; add it with "
                          f"'git remote add {remote} URL' or pass --remote")
    return proc.stdout.strip()


def _check_identity(git: Git) -> None:
    """Fail early and clearly where git would either refuse or commit as an invented name."""
    env = git.env

    def configured(*keys: str) -> bool:
        for key in keys:
            if key.isupper():
                if env.get(key, "").strip():
                    return True
            elif git.run("config", "--get", key, check=False).stdout.strip():
                return True
        return False

    has_name = configured("GIT_COMMITTER_NAME", "committer.name", "user.name")
    has_email = configured("GIT_COMMITTER_EMAIL", "committer.email", "user.email", "EMAIL")
    if not (has_name and has_email):
        missing = " and ".join(k for k, ok in (("user.name", has_name), ("user.email", has_email))
                               if not ok)
        raise DeployError(f"git does not know who you are ({missing} not set); run "
                          "'git config user.name \"Your Name\"' and "
                          "'git config user.email you@example.com' in this repository")


def _remote_tip(git: Git, remote: str, branch: str) -> str | None:
    """The branch tip as the remote has it now (not as last fetched)."""
    ref = f"refs/heads/{branch}"
    try:
        out = git.out("ls-remote", "--heads", remote, ref)
    except GitFailed as exc:
        raise DeployError(f"could not read remote '{remote}': {exc.last_line()}") from None
    for line in out.splitlines():
        sha, _, name = line.partition("\t")
        if name == ref and _SHA.match(sha):
            return sha
    return None


def _fetch(git: Git, remote: str, branch: str, tip: str, env: Mapping[str, str] | None) -> None:
    """Bring the remote tip's objects here without moving any ref (empty ``--refmap``)."""
    if git.run("cat-file", "-e", f"{tip}^{{commit}}", check=False, env=env).returncode == 0:
        return
    try:
        git.run("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=",
                remote, f"refs/heads/{branch}", env=env)
    except GitFailed as exc:
        raise DeployError(f"could not fetch '{branch}' from '{remote}': "
                          f"{exc.last_line()}") from None


# --- staging -------------------------------------------------------------------------------------


def _stage_tree(git: Git, site_dir: Path, env: dict[str, str], cname: str | None) -> str:
    """Stage ``site_dir`` plus ``.nojekyll``/``CNAME`` in the temporary index; return the tree."""
    git.run(*_STAGING_CONFIG, "add", "--all", "--force", ".", cwd=site_dir, work_tree=site_dir,
            env=env)
    extra: dict[str, str] = {".nojekyll": ""}
    if cname:
        extra["CNAME"] = cname.strip() + "\n"
    for name, content in extra.items():
        if name == ".nojekyll" and (site_dir / name).is_file():
            continue  # the site ships its own
        sha = git.out("hash-object", "-w", "--stdin", input=content, env=env)
        git.run("update-index", "--add", "--cacheinfo", f"100644,{sha},{name}", env=env)
    return git.out("write-tree", env=env)


def _changes(git: Git, old_tree: str | None, new_tree: str,
             env: Mapping[str, str]) -> tuple[FileChange, ...]:
    if old_tree is None:
        out = git.run("ls-tree", "-r", "-z", "--name-only", new_tree, env=env).stdout
        return tuple(FileChange("A", p) for p in out.split("\0") if p)
    out = git.run("diff-tree", "-r", "-z", "--no-renames", "--name-status", old_tree, new_tree,
                  env=env).stdout
    parts = [p for p in out.split("\0") if p]
    changes = []
    for status, path in zip(parts[0::2], parts[1::2], strict=False):
        # T (type change, e.g. file <-> symlink) is a change too.
        changes.append(FileChange(status[0] if status[0] in "AD" else "M", path))
    return tuple(changes)


def _count_files(git: Git, tree: str, env: Mapping[str, str]) -> int:
    out = git.run("ls-tree", "-r", "-z", "--name-only", tree, env=env).stdout
    return sum(1 for p in out.split("\0") if p)


def _default_message(git: Git) -> str:
    from .. import __version__

    head = git.run("rev-parse", "--short", "--verify", "-q", "HEAD^{commit}", check=False)
    source = f" from {head.stdout.strip()}" if head.returncode == 0 and head.stdout.strip() else ""
    return f"Publish site{source} with blogtool {__version__}"


def _checked_out_elsewhere(git: Git, branch: str) -> bool:
    """True when some work tree has ``branch`` checked out: its ref must then stay put."""
    ref = f"refs/heads/{branch}"
    proc = git.run("worktree", "list", "--porcelain", check=False)
    if proc.returncode == 0:
        return any(line == f"branch {ref}" for line in proc.stdout.splitlines())
    return git.run("symbolic-ref", "-q", "HEAD", check=False).stdout.strip() == ref


# --- the deploy ------------------------------------------------------------------------------


def deploy(site_dir: Path, repo_dir: Path, *, branch: str = "gh-pages", remote: str = "origin",
           message: str | None = None, force: bool = False, dry_run: bool = False,
           cname: str | None = None) -> DeployResult:
    """Publish the files of ``site_dir`` as the tip of ``remote``'s ``branch``.

    ``repo_dir`` is any directory inside the repository whose remote is used. ``cname`` (from
    ``_config.yml``'s ``cname:``) overrides a ``CNAME`` file in the built site. Raises
    :class:`DeployError` with one sentence for every problem a user can cause.
    """
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise DeployError(f"the built site {site_dir} does not exist; build the site first "
                          "(blogtool build)")
    site_dir = site_dir.resolve()
    git = _open_repo(Path(repo_dir))
    if git.run("check-ref-format", f"refs/heads/{branch}", check=False).returncode != 0:
        raise DeployError(f"'{branch}' is not a valid git branch name")
    _remote_url(git, remote)
    if not dry_run:
        _check_identity(git)
    if not any(site_dir.iterdir()):
        raise DeployError(f"the built site {site_dir} is empty; refusing to publish an empty site")

    with tempfile.TemporaryDirectory(prefix="blogtool-deploy-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        if dry_run:
            # New objects go to a scratch store that reads the real one through "alternates":
            # the repository itself is left byte-for-byte as it was.
            objects = Path(tmp) / "objects"
            objects.mkdir()
            real = git.out("rev-parse", "--git-path", "objects")
            real_path = Path(real) if os.path.isabs(real) else git.top / real
            env["GIT_OBJECT_DIRECTORY"] = str(objects)
            env["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = str(real_path.resolve())
        return _deploy_in(git, site_dir, env, branch=branch, remote=remote, message=message,
                          force=force, dry_run=dry_run, cname=cname)


def _deploy_in(git: Git, site_dir: Path, env: dict[str, str], *, branch: str, remote: str,
               message: str | None, force: bool, dry_run: bool,
               cname: str | None) -> DeployResult:
    tip = _remote_tip(git, remote, branch)
    if tip:
        _fetch(git, remote, branch, tip, env)
    tree = _stage_tree(git, site_dir, env, cname)
    files = _count_files(git, tree, env)
    retried = False

    while True:
        tip_tree = git.out("rev-parse", f"{tip}^{{tree}}", env=env) if tip else None
        tip_parents = (git.out("rev-list", "--parents", "-n", "1", tip, env=env).split()[1:]
                       if tip else [])
        changes = _changes(git, tip_tree, tree, env)
        unchanged = tip is not None and tree == tip_tree and (not force or not tip_parents)
        base = DeployResult(status="unchanged", branch=branch, remote=remote, tree=tree,
                            commit=tip, parent=tip, changes=changes, retried=retried, files=files)
        if unchanged:
            return base
        if dry_run:
            return DeployResult(**{**base.__dict__, "status": "dry-run"})

        commit_args = ["commit-tree", tree, "-m", message or _default_message(git)]
        if tip and not force:
            commit_args += ["-p", tip]
        try:
            commit = git.out(*commit_args, env=env)
        except GitFailed as exc:
            raise DeployError(f"git could not create the commit: {exc.last_line()}") from None

        push = ["push", "--porcelain", "--quiet"]
        if force:
            push.append("--force")
        proc = git.run(*push, remote, f"{commit}:refs/heads/{branch}", check=False, env=env)
        if proc.returncode == 0:
            break
        text = proc.stdout + "\n" + proc.stderr
        if _REJECTED.search(text) and not retried and not force:
            # Someone pushed meanwhile (another clone, a CI job): build on their commit, once.
            retried = True
            tip = _remote_tip(git, remote, branch)
            if tip:
                _fetch(git, remote, branch, tip, env)
            continue
        if _REJECTED.search(text):
            raise DeployError(f"the push to '{remote}' was rejected because '{branch}' changed "
                              "on the remote again while deploying; run the deploy again (or "
                              "use --force to replace the branch)")
        detail = GitFailed(push, proc.returncode, proc.stdout, proc.stderr).last_line()
        raise DeployError(f"git push to '{remote}' failed: {detail}")

    updated = False
    if not _checked_out_elsewhere(git, branch):
        git.run("update-ref", "-m", f"blogtool deploy: {remote}/{branch}",
                f"refs/heads/{branch}", commit, env=env)
        updated = True
    return DeployResult(status="pushed", branch=branch, remote=remote, tree=tree, commit=commit,
                        parent=tip, changes=changes, retried=retried,
                        local_branch_updated=updated, files=files)


def pages_url(remote_url: str | None, cname: str | None) -> str | None:
    """Where GitHub Pages will serve the site, when it can be told from CNAME or the remote."""
    if cname and cname.strip():
        return f"https://{cname.strip()}/"
    if not remote_url:
        return None
    m = _GITHUB_REMOTE.search(remote_url.strip())
    if not m:
        return None
    owner, repo = m.group("owner"), m.group("repo")
    if repo.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{repo}/"


def remote_url(repo_dir: Path, remote: str) -> str | None:
    """The push URL of ``remote``, or None (used by the CLI to print the Pages address)."""
    try:
        git = _open_repo(Path(repo_dir))
    except DeployError:
        return None
    proc = git.run("remote", "get-url", "--push", remote, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None
