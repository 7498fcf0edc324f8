"""The read memo read ahead: its files read and their signatures checked by a thread while the
command imports the pipeline; nothing unpickled before its signature holds, no thread left
when the build forks or ends."""
from __future__ import annotations

import pickle
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogtool.build import cachedir, pool, readmemo
from blogtool.build.site import BuildSession, build
from blogtool.cli import main
from tests.support.spies import spy
from tests.test_incremental import PINNED, post, site  # noqa: F401  (site: a fixture)
from tests.test_unchanged import age

RAN: list[str] = []


def _ran(what: str) -> str:
    RAN.append(what)
    return what


class _Loud:
    """Runs code when unpickled."""

    def __reduce__(self):
        return (_ran, ("unpickled",))


def _memo_dir(src: Path) -> Path:
    return src / cachedir.CACHE_DIR


def test_a_memo_read_ahead_is_the_memo_loaded(site: Path, tmp_path: Path) -> None:
    age(site)
    build(site, tmp_path / "out", site_time=PINNED, jobs=1)
    plain = readmemo.ReadMemo(_memo_dir(site)).load()
    ahead = readmemo.ReadAhead.of_site(site)
    assert ahead.folder == str(_memo_dir(site).resolve())
    early = readmemo.ReadMemo(_memo_dir(site)).load(ahead)
    assert plain and {rel: e[0] for rel, e in early.items()} == \
        {rel: e[0] for rel, e in plain.items()}
    assert all(early[rel][1].body == plain[rel][1].body for rel in plain)
    assert threading.active_count() == 1


def test_a_shard_is_unpickled_only_when_its_signature_holds(site: Path, tmp_path: Path) -> None:
    age(site)
    build(site, tmp_path / "out", site_time=PINNED, jobs=1)
    shard = _memo_dir(site) / "read-memo-3.bin"
    payload = b"".join(readmemo._framed([pickle.dumps({"_posts/x.md": _Loud()})]))
    shard.write_bytes(readmemo.MAGIC + bytes(readmemo.DIGEST) + payload)     # not signed
    RAN.clear()
    memo = readmemo.ReadMemo(_memo_dir(site)).load(readmemo.ReadAhead.of_site(site))
    assert RAN == [] and "_posts/x.md" not in memo
    key = readmemo._secret(False)
    assert key is not None
    shard.write_bytes(readmemo.MAGIC + readmemo._sign(key, payload) + payload)   # signed
    readmemo.ReadMemo(_memo_dir(site)).load(readmemo.ReadAhead.of_site(site))
    assert RAN == ["unpickled"]      # what the check lets through is what the user's key signed


def test_a_read_ahead_of_another_folder_or_not_needed_is_closed(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    age(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    other = readmemo.ReadAhead(str(tmp_path / "elsewhere"))
    memo = readmemo.ReadMemo(_memo_dir(site)).load(other)
    assert memo and not other._thread.is_alive()
    session = BuildSession(site)
    unused = readmemo.ReadAhead.of_site(site)
    build(site, out, site_time=PINNED, jobs=1, session=session, memo_ahead=unused)
    assert not unused._thread.is_alive()
    nocache = readmemo.ReadAhead.of_site(site)
    build(site, tmp_path / "full", site_time=PINNED, jobs=1, use_cache=False,
          memo_ahead=nocache)
    assert not nocache._thread.is_alive()
    failing = readmemo.ReadAhead.of_site(site)
    (site / "_config.yml").write_text("title: [unclosed\n", "utf-8")
    with pytest.raises(Exception):
        build(site, out, site_time=PINNED, jobs=1, memo_ahead=failing)
    assert not failing._thread.is_alive()
    assert threading.active_count() == 1


def test_the_command_reads_the_memo_ahead_and_no_thread_runs_when_it_forks(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(40):       # enough posts that the waves fork their workers
        (site / f"_posts/2015-01-{i % 28 + 1:02d}-w{i}.md").write_text(
            post(f"第{i}篇", "flume", f"正文 {i}"), "utf-8")
    age(site)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "-q", "-s", str(site), "-d", str(out)]).exit_code == 0
    started = spy(monkeypatch, readmemo.ReadAhead, "__init__", lambda self, folder: folder)
    forks = spy(monkeypatch, pool, "run_chunks", lambda *a, **k: threading.active_count())
    target = site / "_posts/2015-01-02-w1.md"
    target.write_text(post("第1篇", "flume", "改过的正文"), "utf-8")
    age(site)
    result = runner.invoke(main, ["build", "-s", str(site), "-d", str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert started == [str(_memo_dir(site).resolve())]      # the command's, none after it
    assert forks and set(forks) == {1}
    assert "改过的正文" in (out / "2015/01/02/w1.html").read_text("utf-8")
    assert threading.active_count() == 1


def test_the_memo_written_aside_is_one_signed_payload_under_a_short_switch_interval(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer thread signs and writes each shard's frames one after the other (never
    joined into one copy) while the interpreter switches threads often, and the interval is
    back to what it was once the thread is waited for."""
    age(site)
    build(site, tmp_path / "out", site_time=PINNED, jobs=1)
    memo_dir = _memo_dir(site)
    memo = readmemo.ReadMemo(memo_dir).load()
    for shard in memo_dir.glob("read-memo*.bin"):
        shard.unlink()
    seen: list[float] = []
    real_write = readmemo.ReadMemo._write
    monkeypatch.setattr(readmemo.ReadMemo, "_write",
                        lambda self: (seen.append(sys.getswitchinterval()), real_write(self)))
    store = readmemo.ReadMemo(memo_dir)
    store.load()
    before = sys.getswitchinterval()
    store.after_read(memo)
    store.settle()
    assert seen == [readmemo.WRITER_SWITCH_INTERVAL] and sys.getswitchinterval() == before
    key = readmemo._secret(False)
    assert key is not None
    files = sorted(memo_dir.glob("read-memo*.bin"))
    assert len(files) == readmemo.SHARDS
    for path in files:
        blob = path.read_bytes()
        head = len(readmemo.MAGIC) + readmemo.DIGEST
        frames = readmemo._unframed(blob[head:])
        assert blob[len(readmemo.MAGIC):head] == readmemo._sign(key, blob[head:]) == \
            readmemo._sign(key, *[piece for f in frames
                                  for piece in (len(f).to_bytes(8, "little"), bytes(f))])
    assert readmemo.ReadMemo(memo_dir).load().keys() == memo.keys()
