"""jekyll-github-metadata (2.15) without the network: ``site.github`` as the plugin fills it
when GitHub's API cannot be reached, which is how it runs outside GitHub's own build.

The repository (``owner/name``) comes from ``PAGES_REPO_NWO``, ``repository:`` in
``_config.yml``, or the ``origin`` git remote (in development and test only), in that
order. Everything the plugin derives from it without the API is reproduced (URLs, user or
project page, the Pages URL and base URL, the hostnames of the ``PAGES_*`` variables,
``build_revision``); what needs the API is what the plugin then gives (``nil``, or
``false`` for lists). ``github:`` in ``_config.yml`` is merged over it (a mapping) or
replaces it. A site without ``title:`` (and without ``name:``) takes the repository's name
(a project page) or its owner.
"""
from __future__ import annotations

import os
import re
import subprocess
import urllib.parse
from collections.abc import Mapping
from typing import Any

from ..config import deep_merge

DEFAULTS = {"PAGES_ENV": "development", "PAGES_API_URL": "https://api.github.com",
            "PAGES_HELP_URL": "https://help.github.com", "PAGES_GITHUB_HOSTNAME": "github.com",
            "PAGES_PAGES_HOSTNAME": "github.io", "SSL": "false", "SUBDOMAIN_ISOLATION": "false"}


class _Pages:
    def __init__(self, env: Mapping[str, str], jekyll_env: str):
        self.vars = env
        self.jekyll_env = jekyll_env

    def var(self, key: str, fallback: str | None = None) -> str | None:
        value = self.vars.get(key) or ""
        return value if value else (fallback or DEFAULTS.get(key))

    @property
    def env(self) -> str:
        return self.var("PAGES_ENV", self.vars.get("JEKYLL_ENV") or self.jekyll_env) or ""

    def _trim(self, url: str | None) -> str:
        url = url or ""
        return url[:-1] if url.endswith("/") else url

    @property
    def github_hostname(self) -> str:
        return self._trim(self.var("PAGES_GITHUB_HOSTNAME", self.vars.get("GITHUB_HOSTNAME")))

    @property
    def pages_hostname(self) -> str:
        default = self.vars.get("PAGES_HOSTNAME") or \
            ("localhost:4000" if self.env == "development" else None)
        return self._trim(self.var("PAGES_PAGES_HOSTNAME", default))

    @property
    def scheme(self) -> str:
        return "https" if self.var("SSL") == "true" or self.env == "test" else "http"

    @property
    def github_url(self) -> str:
        if self.env == "dotcom" or self.github_hostname == "github.com":
            return "https://github.com"
        return f"{self.scheme}://{self.github_hostname}"


def _git(args: list[str], cwd: str | None) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def repository_nwo(config: Mapping[str, Any], pages: _Pages, source: str) -> str | None:
    if pages.vars.get("PAGES_REPO_NWO"):
        return pages.vars["PAGES_REPO_NWO"]
    repo = config.get("repository")
    if isinstance(repo, str) and "/" in repo:
        return repo
    if pages.jekyll_env not in ("development", "test"):
        return None
    for line in _git(["remote", "--verbose"], source).splitlines():
        if line.startswith("origin\t"):
            url = re.sub(r"\Aorigin\t(.*) \([a-z]+\)", r"\1", line)
            url = url[:-4] if url.endswith(".git") else url
            m = re.search(re.escape(pages.github_hostname) + r"(:|/)([\w-]+)/([\w.-]+)", url)
            return f"{m.group(2)}/{m.group(3)}" if m else None
    return None


def metadata(config: Mapping[str, Any], source: str, jekyll_env: str,
             env: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """``site.github`` (before ``github:`` is merged), or None without a repository."""
    env = os.environ if env is None else env
    pages = _Pages(env, jekyll_env)
    nwo = repository_nwo(config, pages, source)
    if nwo is None:
        return None
    owner, name = nwo.split("/")[0], nwo.split("/")[-1]
    enterprise = pages.env == "enterprise"
    github_repo = not enterprise and owner == "github"
    if github_repo:
        default_domain = f"{owner}.{pages.github_hostname}".lower()
    elif enterprise:
        default_domain = pages.pages_hostname.lower()
    else:
        default_domain = f"{owner}.{pages.pages_hostname}".lower()
    domains = [default_domain] + ([] if enterprise else [f"{owner}.github.com".lower()])
    if enterprise:
        user_page = name.lower() == f"{owner.lower()}.{pages.github_hostname}"
    else:
        user_page = name.lower() in domains
    custom_domains = pages.env in ("dotcom", "test")
    if custom_domains:
        scheme = "https" if owner == "github" and default_domain.endswith(".github.com") \
            else "http"
        html_url = f"{scheme}://{default_domain}" if user_page else \
            urllib.parse.urljoin(f"{scheme}://{default_domain}", name)
    else:
        path = owner if user_page else nwo
        if pages.var("SUBDOMAIN_ISOLATION") == "true":
            html_url = urllib.parse.urljoin(f"{pages.scheme}://{pages.pages_hostname}/", path)
        else:
            html_url = urllib.parse.urljoin(f"{pages.github_url}/pages/", path)
    html_url = html_url.rstrip("/")
    owner_url = f"{pages.github_url}/{owner}"
    repository_url = f"{owner_url}/{name}"
    branch = "master" if user_page else "gh-pages"
    revision = env.get("JEKYLL_BUILD_REVISION") or _git(["rev-parse", "HEAD"], None)
    return {
        "api_url": pages._trim(pages.var("PAGES_API_URL", env.get("API_URL"))),
        "archived": None, "baseurl": urllib.parse.urlsplit(html_url).path,
        "build_revision": revision, "clone_url": f"{repository_url}.git",
        "contributors": False, "disabled": None,
        "environment": pages.env, "help_url": pages._trim(pages.var("PAGES_HELP_URL",
                                                                     env.get("HELP_URL"))),
        "hostname": pages.github_hostname, "is_project_page": not user_page,
        "is_user_page": user_page, "issues_url": None, "language": None,
        "latest_release": False, "license": None, "organization_members": None,
        "owner_display_name": None, "owner_gravatar_url": f"{owner_url}.png",
        "owner_name": owner, "owner_url": owner_url, "pages_env": pages.env,
        "pages_hostname": pages.pages_hostname, "private": None, "project_tagline": None,
        "project_title": name, "public_repositories": False, "releases": False,
        "releases_url": f"{repository_url}/releases", "repository_name": name,
        "repository_nwo": nwo, "repository_url": repository_url, "show_downloads": None,
        "source": {"branch": branch, "path": "/"},
        "tar_url": f"{repository_url}/tarball/{branch}", "url": html_url, "versions": {},
        "wiki_url": None, "zip_url": f"{repository_url}/zipball/{branch}",
    }


def apply(site: dict, config: Mapping[str, Any], source: str, jekyll_env: str,
          env: Mapping[str, str] | None = None) -> None:
    """Set ``site.github`` (and the title fallback) in the site payload."""
    drop = metadata(config, source, jekyll_env, env)
    own = config.get("github")
    if drop is None and own is None:
        return
    if own is None:
        site["github"] = drop
    elif isinstance(own, Mapping):
        site["github"] = deep_merge(drop or {}, own)
    else:
        site["github"] = own
    if drop is not None and not config.get("title") and not config.get("name"):
        site["title"] = drop["project_title"] if drop["is_project_page"] else drop["owner_name"]
