"""Chunks shared out over forked workers: results in chunk order, workers kept fed."""
from __future__ import annotations

import os
import sys
import time

import pytest

from blogtool.build import pool


def _square(shared: int, chunk: list[int]) -> list[tuple[int, int]]:
    return [(shared * x * x, os.getpid()) for x in chunk]


def _slow_last(shared: int, chunk: list[int]) -> tuple[int, int]:
    # the building process takes chunks from the back: after the one it renders before
    # forking, it gets the slow one
    time.sleep(1.5 if chunk[0] == shared else 0.01)
    return chunk[0], os.getpid()


def test_results_come_back_in_chunk_order() -> None:
    chunks = [[i, i + 1] for i in range(0, 40, 2)]
    expected = [[(3 * x * x, 0) for x in chunk] for chunk in chunks]
    for jobs in (1, 2, 3):
        got = pool.run_chunks(_square, 3, chunks, jobs)
        assert [[v for v, _ in r] for r in got] == [[v for v, _ in r] for r in expected]


@pytest.mark.realtime
def test_a_worker_is_fed_while_this_process_renders_a_long_chunk() -> None:
    chunks = [[i] for i in range(20)]
    got = pool.run_chunks(_slow_last, 18, chunks, 2)
    assert [i for i, _ in got] == list(range(20))
    by_worker = sum(1 for _, pid in got if pid != os.getpid())
    assert by_worker >= 15          # not just the two it was given first


def test_fewer_than_two_chunks_a_process_stay_in_this_process() -> None:
    got = pool.run_chunks(_square, 1, [[1], [2], [3]], 2)
    assert {pid for r in got for _, pid in r} == {os.getpid()}


def _big_results(shared: int, chunk: list[int]) -> tuple[int, int, float, str]:
    # a result of a few MB, as a chunk of rendered posts is, after a busy pure-Python loop
    total = 0
    for i in range(200_000):
        total += i % 7
    return chunk[0], os.getpid(), sys.getswitchinterval(), "x" * shared


def _worker_share(size: int) -> int:
    chunks = [[i] for i in range(24)]
    got = pool.run_chunks(_big_results, size, chunks, 2)
    assert [r[0] for r in got] == list(range(24))
    assert all(len(r[3]) == size for r in got)
    mine = [r for r in got if r[1] == os.getpid()]
    assert mine and all(r[2] == pool.SWITCH_INTERVAL for r in mine)
    return sum(1 for r in got if r[1] != os.getpid())


@pytest.mark.realtime
def test_workers_results_drain_while_this_process_renders(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The executor's thread reads workers' results under the interpreter lock: during a
    forked wave the switch interval is short so it gets the lock, and it is put back after.
    With Python's default interval a worker stalls on each result (2-3 of the 24 chunks on
    this machine, against 5-8 with the short one): the worker does more with the short
    interval than with a ten times longer one, run for run (the absolute share depends on
    the machine's load)."""
    before = sys.getswitchinterval()
    short = [_worker_share(2_000_000) for _ in range(2)]
    assert sys.getswitchinterval() == before
    monkeypatch.setattr(pool, "SWITCH_INTERVAL", pool.SWITCH_INTERVAL * 10)
    long = [_worker_share(2_000_000) for _ in range(2)]
    assert sum(short) > sum(long) and min(short) >= 3, (short, long)


def test_the_results_pipe_holds_a_chunk_of_rendered_posts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipe the workers' results come through is widened to 1 MB where the system lets
    any process ask for that much (Linux's default limit), so a worker hands over a chunk's
    few MB in a few pieces; whole results still come through it, in order."""
    import fcntl
    sizes: list[int] = []
    real = pool._widen

    def widen(executor: object) -> None:
        real(executor)     # type: ignore[arg-type]
        reader = executor._result_queue._reader      # type: ignore[attr-defined]
        sizes.append(fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ))
    monkeypatch.setattr(pool, "_widen", widen)
    got = pool.run_chunks(_big_results, 3_000_000, [[i] for i in range(8)], 2)
    assert [r[0] for r in got] == list(range(8))
    assert all(r[3] == "x" * 3_000_000 for r in got)
    with open("/proc/sys/fs/pipe-max-size") as fh:
        allowed = int(fh.read())
    # below the limit an unprivileged process keeps the 64 KB pipe
    assert sizes == [pool.RESULT_PIPE] or (allowed < pool.RESULT_PIPE and sizes == [65536])
