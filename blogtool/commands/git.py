"""Running ``git`` on one repository: an isolated locale and environment (a caller's
``GIT_DIR`` or ``GIT_INDEX_FILE`` never leaks in), failures with git's most telling line."""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


class NotARepository(Exception):
    """No usable repository (or no git at all); the message is one sentence for the user."""


class GitFailed(Exception):
    """A git command that exited non-zero, with what it printed."""

    def __init__(self, args: Sequence[str], returncode: int, stdout: str, stderr: str):
        self.args_ = list(args)
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        super().__init__(f"git {' '.join(args)}: exit {returncode}: {stderr.strip()}")

    def last_line(self) -> str:
        """git's most telling line (the final ``fatal:``/``error:``), prefix removed."""
        lines = [ln.strip() for ln in (self.stderr or self.stdout).splitlines() if ln.strip()]
        for ln in reversed(lines):
            if ln.startswith(("fatal:", "error:")):
                return ln.split(":", 1)[1].strip()
        return lines[-1] if lines else f"exit status {self.returncode}"


class Git:
    """``git`` with one repository, an isolated locale and optional extra environment."""

    def __init__(self, git_dir: Path, top: Path, env: Mapping[str, str] | None = None):
        self.git_dir = git_dir
        self.top = top  # commands run here, so relative remote URLs resolve as git's own do
        base = dict(os.environ)
        base.update({"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"})
        # Never let a caller's GIT_DIR/GIT_INDEX_FILE/GIT_WORK_TREE leak into our commands.
        for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX"):
            base.pop(key, None)
        if env:
            base.update(env)
        self.env = base

    def run(self, *args: str, cwd: Path | None = None, input: str | None = None,
            env: Mapping[str, str] | None = None, check: bool = True,
            work_tree: Path | None = None) -> subprocess.CompletedProcess:
        cmd = ["git", f"--git-dir={self.git_dir}"]
        if work_tree is not None:
            cmd.append(f"--work-tree={work_tree}")
        cmd.extend(args)
        full_env = self.env if not env else {**self.env, **env}
        proc = subprocess.run(cmd, cwd=cwd or self.top, input=input, env=full_env,
                              capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape")
        if check and proc.returncode != 0:
            raise GitFailed(args, proc.returncode, proc.stdout, proc.stderr)
        return proc

    def out(self, *args: str, **kw) -> str:
        return self.run(*args, **kw).stdout.strip()


def open_repo(repo_dir: Path) -> Git:
    """The repository ``repo_dir`` is in; :class:`NotARepository` says why there is none."""
    if shutil.which("git") is None:
        raise NotARepository("git is not installed or not on PATH; install git to deploy")
    if not repo_dir.is_dir():
        raise NotARepository(f"{repo_dir} does not exist, so it is not a git repository")
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    env["LC_ALL"] = "C"
    proc = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=repo_dir, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise NotARepository(f"{repo_dir} is not a git repository; run 'git init' and add a "
                          "remote (git remote add origin URL) before deploying")
    git_dir = Path(proc.stdout.strip())
    top_proc = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=repo_dir, env=env,
                              capture_output=True, text=True)
    top = Path(top_proc.stdout.strip()) if top_proc.returncode == 0 else git_dir  # bare repo
    return Git(git_dir, top)
