"""Gem and remote themes: found in a gem tree without Ruby (a fake one, and Debian's real
``jekyll-theme-minima``), downloaded from a local HTTP server standing in for GitHub,
cached with a checksum and used offline, vendored into the site; the site's own files win
over the theme's."""
from __future__ import annotations

import datetime
import http.server
import io
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogtool.build import site as site_mod
from blogtool.build.themes import gems, remote
from blogtool.build.themes.resolve import find_gem_theme
from blogtool.cli import main as cli
from blogtool.errors import BuildError

DEBIAN_MINIMA = Path("/usr/share/rubygems-integration/all/gems/minima-2.5.1")

THEME_FILES = {
    "_layouts/default.html": "<html><head><title>{{ page.title }} | {{ site.title }}</title>"
                             "<link rel=\"stylesheet\" "
                             "href=\"{{ '/assets/style.css' | relative_url }}\">"
                             "</head><body>{% include nav.html %}{{ content }}"
                             "<footer>{{ site.data.theme_strings.footer }} "
                             "{{ site.theme_colour }}</footer></body></html>\n",
    "_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
    "_includes/nav.html": "<nav>theme nav</nav>",
    "_includes/extra.html": "<aside>theme extra</aside>",
    "_sass/theme/_base.scss": "$accent: #123456 !default;\nbody { color: $accent; }\n",
    "assets/style.scss": "---\n---\n@import \"theme/base\";\n",
    "assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    "_data/theme_strings.yml": "footer: Made with the theme\nnav: theme\n",
    "_config.yml": "theme_colour: teal\ntitle: Theme default title\npermalink: pretty\n",
}

SITE_FILES = {
    "_config.yml": "title: My blog\nsass:\n  sourcemap: never\n",
    "_posts/2020-01-02-hello.md": "---\nlayout: post\ntitle: Hello\n---\nHello **world**.\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n{% include extra.html %}\n",
    "_includes/nav.html": "<nav>site nav</nav>",
}


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def fake_gem(gem_home: Path, name: str, version: str, files: dict[str, str],
             deps: tuple[str, ...] = ()) -> Path:
    root = write(gem_home / "gems" / f"{name}-{version}", files)
    lines = "".join(f"  s.add_runtime_dependency(%q<{d}>.freeze, [\"~> 1.0\"])\n" for d in deps)
    write(gem_home / "specifications", {f"{name}-{version}.gemspec":
                                        f"Gem::Specification.new do |s|\n  s.name = \"{name}\"\n"
                                        "  s.add_runtime_dependency(%q<jekyll>.freeze, "
                                        "[\">= 3\"])\n"
                                        f"{lines}end\n"})
    return root


@pytest.fixture()
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No real gem folder of the user, an empty cache, no download base set."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for var in ("GEM_HOME", "GEM_PATH", remote.BASE_ENV, remote.OFFLINE_ENV):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


SITE_TIME = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC)


def build(source: Path, dest: Path) -> Path:
    site_mod.build(source, dest, use_cache=False, jobs=1, site_time=SITE_TIME)
    return dest


# --- installed gems ---------------------------------------------------------------------------

def test_version_order_is_rubygems_order() -> None:
    versions = ["1.10.0", "2.0", "1.0.0", "1.10.0.pre", "1.9.2"]
    assert sorted(versions, key=gems.version_key) == ["1.0.0", "1.9.2", "1.10.0.pre", "1.10.0",
                                                      "2.0"]
    assert gems.version_key("2.0") == gems.version_key("2.0.0")


def test_fake_gem_tree_highest_version_or_lock_pin(isolated: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    gem_home = isolated / "gemhome"
    fake_gem(gem_home, "fancy-theme", "1.9.2", {"_layouts/default.html": "old"})
    fake_gem(gem_home, "fancy-theme", "1.10.0", {"_layouts/default.html": "new"},
             deps=("jekyll-feed", "jekyll-seo-tag"))
    fake_gem(gem_home, "fancy-theme-extra", "9.0.0", {"_layouts/default.html": "other gem"})
    fake_gem(gem_home, "fancy-theme", "2.0.0.dev", {"_layouts/default.html": "prerelease"})
    monkeypatch.setenv("GEM_PATH", f"/nonexistent:{gem_home}")
    site = write(isolated / "site", {"_config.yml": "theme: Fancy-Theme\n"})
    theme = find_gem_theme(site, "fancy-theme")
    assert (theme.origin, theme.version) == ("gem", "1.10.0")    # releases before 2.0.0.dev
    assert theme.dependencies == ("jekyll-feed", "jekyll-seo-tag")
    write(site, {"Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n"
                                 "    fancy-theme (1.9.2)\n      jekyll (>= 3)\n"})
    assert find_gem_theme(site, "fancy-theme").version == "1.9.2"
    # a vendor/bundle of the site is searched too (Bundler's --path vendor/bundle)
    fake_gem(site / "vendor/bundle/ruby/3.1.0", "fancy-theme", "1.9.2",
             {"_layouts/default.html": "bundled"})
    assert find_gem_theme(site, "fancy-theme").root == \
        site / "vendor/bundle/ruby/3.1.0/gems/fancy-theme-1.9.2"


def test_fake_gem_theme_builds_with_site_files_winning(isolated: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    fake_gem(isolated / "gemhome", "fancy-theme", "1.0.0", THEME_FILES, deps=("jekyll-feed",))
    monkeypatch.setenv("GEM_HOME", str(isolated / "gemhome"))
    site = write(isolated / "site", {**SITE_FILES, "_config.yml": SITE_FILES["_config.yml"]
                                     + "theme: fancy-theme\n"})
    write(site, {"_data/theme_strings.yml": "footer: Site footer\n"})
    out = build(site, isolated / "out")
    home = (out / "index.html").read_text()
    assert "<title>Home | My blog</title>" in home           # the site's title beats the theme's
    assert "<nav>site nav</nav>" in home                      # the site's include wins
    assert "<aside>theme extra</aside>" in home               # the theme's include fills in
    assert "Site footer teal" in home                         # data deep-merged, config default
    # permalink: is one of Jekyll's settings: the theme's file cannot change it
    post = (out / "2020/01/02/hello.html").read_text()
    assert "<article><p>Hello <strong>world</strong>.</p>" in post
    assert (out / "assets/style.css").read_text().strip() == "body { color: #123456; }"
    assert (out / "assets/logo.svg").is_file()
    assert (out / "feed.xml").is_file()                      # the gem's runtime dependency


def test_site_asset_overrides_theme_asset(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_gem(isolated / "gemhome", "fancy-theme", "1.0.0", THEME_FILES)
    monkeypatch.setenv("GEM_HOME", str(isolated / "gemhome"))
    site = write(isolated / "site", {**SITE_FILES,
                                     "_config.yml": "theme: fancy-theme\n"
                                                    "sass: {sourcemap: never}\n",
                                     "_sass/theme/_base.scss": "body { color: red; }\n",
                                     "assets/logo.svg": "<svg id=\"site\"/>\n"})
    out = build(site, isolated / "out")
    assert (out / "assets/style.css").read_text().strip() == "body { color: red; }"
    assert (out / "assets/logo.svg").read_text() == "<svg id=\"site\"/>\n"


def test_debian_minima_is_found_and_builds(isolated: Path) -> None:
    assert DEBIAN_MINIMA.is_dir(), "apt-get install jekyll-theme-minima (scripts/test does)"
    site = write(isolated / "site", {
        "_config.yml": "title: Minima site\ntheme: minima\n",
        "_posts/2020-01-02-hello.md": "---\nlayout: post\ntitle: Hello\n---\nHello.\n",
        "index.md": "---\nlayout: home\n---\n"})
    theme = find_gem_theme(site, "minima")
    assert (theme.origin, theme.version, theme.root) == ("gem", "2.5.1", DEBIAN_MINIMA)
    assert theme.dependencies == ("jekyll-feed", "jekyll-seo-tag")
    out = build(site, isolated / "out")
    assert "site-header" in (out / "index.html").read_text()
    assert ".site-header" in (out / "assets/main.css").read_text()
    assert (out / "assets/minima-social-icons.svg").is_file()
    assert (out / "feed.xml").is_file()


def test_missing_gem_theme_is_one_located_line(isolated: Path) -> None:
    site = write(isolated / "site", {"_config.yml": "title: x\ntheme: no-such-theme-xyz\n"})
    result = CliRunner().invoke(cli, ["build", "-s", str(site), "--offline"])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("_config.yml:2: the theme 'no-such-theme-xyz' is missing"), line
    assert "\n" not in line and "Traceback" not in line
    assert "_themes/no-such-theme-xyz" in line


# --- downloads --------------------------------------------------------------------------------

class _Server:
    """A local HTTP server standing in for codeload.github.com: /OWNER/REPO/zip/REF."""

    def __init__(self, archives: dict[str, bytes]):
        self.archives = archives
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append(self.path)
                data = outer.archives.get(self.path)
                if data is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # a short poll: shutdown() waits for the loop's next look (0.5 s by default)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def github_zip(top: str, files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(f"{top}/", "")
        for rel, text in files.items():
            zf.writestr(f"{top}/{rel}", text)
    return buffer.getvalue()


@pytest.fixture()
def server(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    srv = _Server({"/acme/paper-theme/zip/v1.2": github_zip("paper-theme-1.2", {
        **THEME_FILES, "README.md": "# Paper\n", "paper-theme.gemspec":
        'Gem::Specification.new do |spec|\n  spec.add_runtime_dependency "jekyll-feed"\nend\n'}),
        "/pages-themes/cayman/zip/v0.2.0": github_zip("cayman-0.2.0", {
            **THEME_FILES, "jekyll-theme-cayman.gemspec":
            'Gem::Specification.new do |s|\n  s.add_runtime_dependency "jekyll-feed", "~> 0.9"\n'
            '  s.add_development_dependency "rake"\nend\n'}),
        "/pages-themes/cayman/zip/v0.1.1": github_zip("cayman-0.1.1", THEME_FILES)})
    monkeypatch.setenv(remote.BASE_ENV, srv.base)
    yield srv
    srv.close()


def test_remote_theme_builds_like_a_copy_in_the_site(isolated: Path, server: _Server) -> None:
    remote_site = write(isolated / "remote", {**SITE_FILES, "_config.yml":
                                              SITE_FILES["_config.yml"]
                                              + "remote_theme: acme/paper-theme@v1.2\n"})
    out_remote = build(remote_site, isolated / "out-remote")
    assert server.requests == ["/acme/paper-theme/zip/v1.2"]
    # the same files copied into the site (jekyll-remote-theme reads no theme _config.yml;
    # it turns on the plugins of the theme's NAME.gemspec)
    local_site = write(isolated / "local", {**{k: v for k, v in THEME_FILES.items()
                                               if k != "_config.yml"}, **SITE_FILES,
                                            "_config.yml": SITE_FILES["_config.yml"]
                                            + "plugins: [jekyll-feed]\n"})
    out_local = build(local_site, isolated / "out-local")
    assert tree(out_remote) == tree(out_local)
    assert b"theme extra" in tree(out_remote)["index.html"]
    assert b"teal" not in tree(out_remote)["index.html"]
    assert "feed.xml" in tree(out_remote)


def test_download_is_cached_with_checksum_and_used_offline(isolated: Path, server: _Server,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site = write(isolated / "site", {**SITE_FILES,
                                     "_config.yml": "remote_theme: acme/paper-theme@v1.2\n"})
    build(site, isolated / "out1")
    slot = isolated / "cache/blogtool/themes/github.com/acme/paper-theme/v1.2"
    manifest = json.loads((slot / "theme.json").read_text())
    assert manifest["sha256"] == __import__("hashlib").sha256(
        (slot / "source.zip").read_bytes()).hexdigest()
    assert (slot / "files/_layouts/default.html").is_file()
    server.close()
    monkeypatch.setenv(remote.OFFLINE_ENV, "1")
    build(site, isolated / "out2")                        # no network, from the cache
    assert tree(isolated / "out1") == tree(isolated / "out2")
    assert len(server.requests) == 1
    # a damaged archive no longer matches its checksum: offline, the theme is missing
    (slot / "source.zip").write_bytes(b"damaged")
    with pytest.raises(BuildError) as err:
        build(site, isolated / "out3")
    assert "acme/paper-theme@v1.2" in str(err.value) and "--offline" in str(err.value)


def test_known_gem_downloaded_when_not_installed(isolated: Path, server: _Server) -> None:
    """A GitHub Pages theme gem that is not installed comes from its repository's release
    tag: the default release, or the one Gemfile.lock pins."""
    site = write(isolated / "site", {**SITE_FILES, "_config.yml": "theme: jekyll-theme-cayman\n"})
    theme = find_gem_theme(site, "jekyll-theme-cayman")
    assert (theme.origin, theme.version) == ("download", "0.2.0")
    assert theme.dependencies == ("jekyll-feed",)    # from the repository's gemspec
    out = build(site, isolated / "out")
    assert "theme extra" in (out / "index.html").read_text()
    assert (out / "feed.xml").is_file()     # the gemspec's runtime dependency is turned on
    write(site, {"Gemfile.lock": "GEM\n  specs:\n    jekyll-theme-cayman (0.1.1)\n"})
    assert find_gem_theme(site, "jekyll-theme-cayman").version == "0.1.1"
    assert server.requests == ["/pages-themes/cayman/zip/v0.2.0",
                               "/pages-themes/cayman/zip/v0.1.1"]


def test_failed_download_is_one_located_line(isolated: Path, server: _Server) -> None:
    site = write(isolated / "site", {"_config.yml": "title: t\n\nremote_theme: acme/gone@main\n"})
    result = CliRunner().invoke(cli, ["build", "-s", str(site)])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("_config.yml:3: the theme 'acme/gone@main' is missing: "
                           "downloading "), line
    assert "HTTP 404" in line and "blogtool theme vendor" in line and "\n" not in line


def test_remote_theme_forms() -> None:
    parse = remote.parse_remote_theme
    assert parse("Owner/Repo") == remote.RemoteRef("owner", "repo", "HEAD")
    assert parse(" /mmistakes/minimal-mistakes@4.24.0 ") == \
        remote.RemoteRef("mmistakes", "minimal-mistakes", "4.24.0")
    assert parse("https://github.example.com/o/r@dev") == \
        remote.RemoteRef("o", "r", "dev", "github.example.com")
    assert parse("not a theme") is None


def test_unsafe_archive_paths_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("top/../../evil.txt", "x")
    with pytest.raises(remote.ThemeUnavailable):
        remote.unpack(buffer.getvalue(), tmp_path / "files")
    assert not (tmp_path / "evil.txt").exists()


# --- vendoring --------------------------------------------------------------------------------

def test_vendor_copies_theme_and_builds_offline_the_same(isolated: Path, server: _Server,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site = write(isolated / "site", {**SITE_FILES, "_config.yml":
                                     SITE_FILES["_config.yml"]
                                     + "remote_theme: acme/paper-theme@v1.2\n"})
    before = build(site, isolated / "out1")
    result = CliRunner().invoke(cli, ["theme", "vendor", "-s", str(site)])
    assert result.exit_code == 0, result.output
    assert "_themes/acme/paper-theme" in result.output
    assert (site / "_themes/acme/paper-theme/_layouts/default.html").is_file()
    shutil.rmtree(isolated / "cache")
    monkeypatch.setenv(remote.OFFLINE_ENV, "1")
    after = build(site, isolated / "out2")
    assert tree(before) == tree(after)
    shown = CliRunner().invoke(cli, ["theme", "show", "-s", str(site)])
    assert "(vendored)" in shown.output
