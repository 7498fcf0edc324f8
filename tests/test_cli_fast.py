"""``blogtool build`` answered before click is loaded: the same flags as click's command
(one declaration), anything unusual left to click, and a look at the site taken once."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from blogtool.build import unchanged
from blogtool.cli import fast, options
from blogtool.cli.build import command
from tests.test_incremental import post, site  # noqa: F401  (site: a fixture)
from tests.test_unchanged import PINNED, age, settle, write

PLAIN = [
    [], ["-q"], ["-V", "--strict"], ["-s", "src", "-d", "out"], ["--source=src", "--drafts"],
    ["--config", "a.yml,b.yml", "--future", "--unpublished"], ["-b", "/blog", "-D"],
    ["--compat", "jekyll"], ["--compat=github-pages", "--trace"], ["-j", "2"],
    ["--jobs=3", "--no-cache"], ["-d", "x", "-d", "y"], ["--baseurl", ""], ["--offline"],
]
UNUSUAL = [
    ["-h"], ["--help"], ["--bogus"], ["-qV"], ["-ssrc"], ["--", "-q"], ["extra"],
    ["--compat", "nope"], ["-j", "0"], ["-j", "two"], ["-d"], ["--strict=1"], ["-s", "-q"],
    ["--sour", "x"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_the_plain_parser_reads_what_click_reads(argv: list[str]) -> None:
    values = options.parse(argv, options.BUILD)
    assert values is not None
    params = command.make_context("build", list(argv)).params
    values.pop("offline")      # click's is a callback without a value
    expected = {k: (os.fspath(v) if isinstance(v, Path) else v) for k, v in params.items()}
    assert values == expected


@pytest.mark.parametrize("argv", UNUSUAL, ids=" ".join)
def test_anything_unusual_goes_to_click(argv: list[str], monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the check ran")
    monkeypatch.setattr(unchanged, "check", refuse)
    assert options.parse(argv, options.BUILD) is None
    assert fast.answer(argv) is None


def test_a_source_that_is_a_file_goes_to_click(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", "utf-8")
    assert options.parse(["-s", str(tmp_path / "f")], options.BUILD) is None


def _main(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    code = ("import sys; sys.argv[0] = 'blogtool'; from blogtool.cli import main; "
            "sys.exit(main()); ")
    return subprocess.run([sys.executable, "-X", "importtime", "-c", code, *argv],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def _loaded(run: subprocess.CompletedProcess) -> set[str]:
    return set(_in_order(run))


def _in_order(run: subprocess.CompletedProcess) -> list[str]:
    return [line.split("|")[-1].strip() for line in run.stderr.splitlines()
            if line.startswith("import time:")]


@pytest.mark.slow     # five blogtool processes
def test_nothing_changed_is_answered_without_click(site: Path, tmp_path: Path) -> None:
    write(site, "a.md", "---\npermalink: /same.html\n---\na")
    write(site, "b.md", "---\npermalink: /same.html\n---\nb")
    age(site)
    first = _main("build", "-s", str(site), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = _main("build", "--source", str(site), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "click" in _loaded(first) and "click" not in _loaded(again)
    assert "blogtool.build.unchanged" in _loaded(again)
    order = _in_order(again)    # what blogtool imported itself (site's imports come first)
    assert not {"typing", "pathlib", "dataclasses"} & set(order[order.index("blogtool"):])
    os.remove(unchanged.record_path(str(site.resolve())))
    slow = _main("build", "--source", str(site), cwd=tmp_path)    # built, nothing to render
    assert "click" in _loaded(slow)
    assert again.stdout.split(" in ")[0] == slow.stdout.split(" in ")[0]
    said = [line for line in again.stderr.splitlines() if not line.startswith("import time:")]
    assert said == [line for line in slow.stderr.splitlines()
                    if not line.startswith("import time:")]
    assert any(": warning: " in line for line in said)      # the two pages on one URL
    helped = _main("build", "-s", str(site), "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "--no-cache" in helped.stdout
    assert "click" in _loaded(helped)
    bad = _main("build", "-s", str(site), "--compat", "nope", cwd=tmp_path)
    assert bad.returncode == 2 and "Invalid value for '--compat'" in bad.stderr


def test_a_site_to_build_is_looked_at_once(site: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "out"
    settle(site, dest)
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过"))
    looks = []
    real = unchanged.check

    def counted(*args: object, **kwargs: object) -> unchanged.Probe:
        looks.append(args)
        return real(*args, **kwargs)   # type: ignore[arg-type]
    monkeypatch.setattr(unchanged, "check", counted)
    monkeypatch.setattr(sys, "argv", ["blogtool", "build", "-q", "-j", "1", "-s", str(site),
                                      "-d", str(dest)])
    from blogtool.cli import main
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    assert len(looks) == 1
    assert any("改过" in p.read_text("utf-8") for p in dest.rglob("*.html"))
    assert unchanged.check(site, dest, site_time=PINNED).result is not None   # recorded


@pytest.mark.subprocesses
def test_the_command_answered_ends_without_teardown(site: Path, tmp_path: Path) -> None:
    """Run as the ``blogtool`` command (a script of that name, as pip writes one), an
    answered no-op and a build that succeeded print their summary and end at once: what
    would run at exit does not. A failed build, or a program calling the entry point, ends
    the normal way."""
    dest = tmp_path / "out"
    settle(site, dest)
    script = tmp_path / "bin" / "blogtool"
    script.parent.mkdir()
    script.write_text("import atexit, sys\n"
                      "atexit.register(lambda: print('at exit', flush=True))\n"
                      "from blogtool.cli import main\n"
                      "sys.exit(main())\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [sys.executable, str(script), "build", "-s", str(site), "-d", str(dest)]
    answered = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.startswith("Built ") and "at exit" not in answered.stdout
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过"))
    built = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    assert built.returncode == 0 and built.stdout.startswith("Built "), built.stderr
    assert "at exit" not in built.stdout
    assert any("改过" in p.read_text("utf-8") for p in dest.rglob("*.html"))
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "{% if %}"))
    failed = subprocess.run([*argv, "-q"], capture_output=True, text=True, timeout=120, env=env)
    assert failed.returncode != 0 and failed.stdout == "at exit\n", failed.stderr
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过"))
    called = script.with_name("other.py")
    called.write_text(script.read_text("utf-8"), "utf-8")
    again = subprocess.run([sys.executable, str(called), *argv[2:]], capture_output=True,
                           text=True, timeout=120, env=env)
    assert again.returncode == 0 and again.stdout.startswith("Built ")
    assert again.stdout.endswith("at exit\n")
