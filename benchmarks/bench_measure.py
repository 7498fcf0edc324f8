"""Measuring one run of a command (``bench.py``): wall time, CPU time of the process and the
children it waited for, and peak memory as the largest sum of RSS over its whole process tree,
sampled from ``/proc`` every 50 ms with the ``wait4`` maximum of a single process folded in.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_INTERVAL = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measurement:
    """One timed run of one command."""

    wall: float
    cpu: float  # user + system of the process and the children it waited for
    peak_rss: int  # bytes, summed over the process tree
    returncode: int
    error: str = ""  # last lines of stderr when the run failed


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (all its threads), from /proc; [] once it is gone."""
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                kids.extend(int(x) for x in fh.read().split())
        except OSError:
            continue
    return kids


def _children_by_scan() -> dict[int, list[int]]:
    """Parent → children for every process, for kernels without ``/proc/PID/task/TID/children``."""
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(name))
    return tree


HAVE_CHILDREN_FILE = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def tree_rss(root: int) -> int:
    """Summed resident set size, in bytes, of ``root`` and all its descendants right now."""
    scan = None if HAVE_CHILDREN_FILE else _children_by_scan()
    pending, total, seen = [root], 0, set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        pending.extend(_children(pid) if scan is None else scan.get(pid, ()))
    return total


def measure(argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 1800.0, log: Path | None = None) -> Measurement:
    """Run ``argv`` once; wall time, CPU time and the peak RSS summed over its process tree."""
    log_fh = open(log, "wb") if log else subprocess.DEVNULL
    peak = 0
    done = threading.Event()
    try:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                    stdout=log_fh, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        except OSError as exc:
            return Measurement(0.0, 0.0, 0, 127, f"cannot run {argv[0]}: {exc.strerror}")

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(proc.pid))
                done.wait(SAMPLE_INTERVAL)

        def kill() -> None:
            try:
                os.killpg(proc.pid, 9)  # the group we created for this run only
            except OSError:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if not isinstance(log_fh, int):
            log_fh.close()
    rc = proc.returncode
    peak = max(peak, usage.ru_maxrss * 1024)
    error = ""
    if rc != 0:
        error = "timed out" if rc == -9 else f"exit status {rc}"
        if log:
            tail = [ln for ln in log.read_text("utf-8", "replace").splitlines() if ln.strip()]
            if tail:
                error += ": " + " | ".join(tail[-2:])[:300]
    return Measurement(wall, usage.ru_utime + usage.ru_stime, peak, rc, error)
