"""``blogtool serve`` as a command: a taken port is one line, a broken site never stops the
server, ``site.url`` is the local address, a changed ``_config.yml`` is re-read (new baseurl)."""
from __future__ import annotations

import signal
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from blogtool.cli.serve import _config_names, command
from serving import ServeProcess


def test_taken_port_is_one_clear_line(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(command, ["-s", str(tmp_path), "-P", str(port)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert f"port {port} on 127.0.0.1 is already in use" in lines[0] and "--port" in lines[0]


def test_config_names(tmp_path: Path, monkeypatch):
    assert _config_names(tmp_path, None) == {"_config.yml", "_config.yaml", "_config.toml"}
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf").mkdir()
    names = _config_names(tmp_path.resolve(), ["_config.yml", "conf/dev.yml", "/elsewhere.yml"])
    assert names == {"_config.yml", "conf/dev.yml"}


class Serve(ServeProcess):
    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")

    def wait_for(self, path: str, status: int, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        got = (0, "")
        while time.monotonic() < deadline:
            got = self.get(path)
            if got[0] == status and text in got[1]:
                return got[1]
            time.sleep(0.1)
        raise AssertionError(f"{path}: got {got[0]} {got[1][:300]!r}\n" + "".join(self.lines))


def test_broken_config_keeps_serving_then_baseurl_follows_the_fix(tmp_path: Path):
    (tmp_path / "_config.yml").write_text("title: [unclosed\n", "utf-8")
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / "default.html").write_text(
        "<html><body>{{ content }}</body></html>\n", "utf-8")
    (tmp_path / "about.md").write_text(
        "---\ntitle: 关于\nlayout: default\n---\n{{ site.url }}{{ site.baseurl }}/about.html\n", "utf-8")
    serve = Serve(tmp_path)
    try:
        status, body = serve.get("/about.html")
        assert status == 503 and "_config.yml" in body
        assert serve.proc.poll() is None
        (tmp_path / "_config.yml").write_text("title: 好了\nbaseurl: /notes\n", "utf-8")
        body = serve.wait_for("/notes/about.html", 200,
                              f"http://localhost:{serve.port}/notes/about.html")
        assert serve.get("/about.html")[0] == 404       # only under the new baseurl
        assert serve.get("/notes/about")[0] == 200
    finally:
        code = serve.stop()
    assert code == 0
    output = "".join(serve.lines)
    assert "_config.yml" in output and "Traceback" not in output


def _many_posts(source: Path) -> Path:
    """A site whose first build takes long enough to act during it (and forks workers)."""
    from blogtool.build.work import PARALLEL_THRESHOLD
    (source / "_posts").mkdir(parents=True)
    (source / "_config.yml").write_text("title: t\n", "utf-8")
    for i in range(PARALLEL_THRESHOLD * 6):
        body = "".join(f"段落 {i}-{j}。\n\n```java\nclass A{i}x{j} {{ void f() {{}} }}\n```\n"
                       for j in range(40))
        (source / "_posts" / f"2014-10-{i % 28 + 1:02d}-p{i}.md").write_text(
            f"---\ntitle: p{i}\n---\n{body}", "utf-8")
    return source


def test_first_build_uses_worker_processes_and_ctrl_c_during_it_exits(tmp_path: Path):
    """The first build runs before any thread exists, so it forks workers like ``build``;
    ctrl-c during it stops serve at once and cleanly."""
    source = _many_posts(tmp_path / "site")
    serve = Serve(source, "--jobs", "2", wait=False)
    try:
        serve.wait_for_workers()
        serve.proc.send_signal(signal.SIGINT)
        serve.proc.wait(30)
    finally:
        code = serve.stop()
    out = serve.output()
    assert code == 0, out
    assert "Traceback" not in out and "Server stopped." in out


def test_a_save_during_the_first_build_is_built_right_after(tmp_path: Path):
    """The watcher starts after the first build (it runs threads, and the first build forks);
    a save made meanwhile is found by comparing snapshots and built at once."""
    source = _many_posts(tmp_path / "site")
    serve = Serve(source, "--jobs", "2", wait=False)
    try:
        serve.wait_for_workers()           # reading is over: the first build missed this
        post = source / "_posts" / "2014-10-01-p0.md"
        post.write_text(post.read_text("utf-8") + "\n首次构建期间保存的修改。\n", "utf-8")
        deadline = time.monotonic() + 90
        while serve.port is None and time.monotonic() < deadline:
            time.sleep(0.1)
        serve.wait_for("/2014/10/01/p0.html", 200, "首次构建期间保存的修改", timeout=90)
        assert any("_posts/2014-10-01-p0.md" in line for line in serve.lines
                   if line.startswith("Regenerating"))
    finally:
        serve.stop(20)
