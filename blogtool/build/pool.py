"""Work shared out over forked processes, the calling process being one of them.

Used by the reader (posts are parsed in parallel) and by the render waves (``work.py``). The
caller forks ``jobs - 1`` workers, which inherit everything built so far (so tasks carry only
small arguments), and takes chunks from the back of the list while they take them from the
front: one process fewer holding a copy of the site (memory is counted over the process tree)
and none idle waiting. Results come back in chunk order whatever the number of processes.

Side tasks (``side``) are work besides the chunks, such as writing what earlier waves made to
disk: they wait where the workers' chunks (from the front) meet this process's (from the
back), so whichever process gets there first starts on them and the two finish together
instead of one waiting for the other (a first build's cache shards beside its few long
listing pages: the worker renders one of them, this process the longest, then both write).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

__all__ = ["can_fork", "default_jobs", "run_chunks", "split"]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Forking a process that runs other threads can deadlock on their locks."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def split(items: Sequence, jobs: int, minimum: int = 4) -> list[list]:
    """Chunks small enough for an even finish (about twenty per process). Where the
    processes meet at the wave's end (the workers take chunks from the front, this process
    from the back) they shrink, each at most a third of what is left before the meeting
    point, so no process waits long for another's last chunk. The last chunk, the one this
    process renders before it forks the workers (``_run_forked``), is an eighth of the
    others: enough to make what rendering makes on first use, not so much that the workers
    start late (a full chunk of 5,000 posts kept the second core idle 0.4 s)."""
    n = len(items)
    size = max(minimum, n // (jobs * 20) + 1)
    if jobs <= 1 or n <= 6 * size:
        sizes = [size] * (-(-n // size))
    else:
        meet = n * (jobs - 1) // jobs
        warm = max(minimum, size // 8)
        sizes = _tapered(meet, size, minimum) + \
            _tapered(n - meet - warm, size, minimum)[::-1] + [warm]
    chunks, at = [], 0
    for s in sizes:
        chunks.append(list(items[at:at + s]))
        at += s
    return chunks


def _tapered(length: int, size: int, minimum: int) -> list[int]:
    """Chunk sizes covering ``length`` items, the last ones shrinking down to ``minimum``."""
    sizes = []
    while length > 0:
        s = min(size, max(minimum, length // 3))
        if length - s < minimum:
            s = length
        sizes.append(s)
        length -= s
    return sizes


# A worker is forked only when every process gets at least this many chunks: forking a big
# process and the pages its workers copy cost more CPU than two or three chunks (the listing
# pages of a big site: 0.39 s of CPU in one process, 0.63 s over two).
MIN_CHUNKS = 2

SWITCH_INTERVAL = 0.0005    # seconds, while workers send results back (see _run_forked)

# Bytes the pipe of the workers' results holds (a pipe holds 64 KB unless told otherwise, and
# 1 MB is what any process may ask for on Linux): a chunk's result, a few MB of rendered
# content, went through in 64 KB pieces, the worker waiting for this process's thread to take
# each one (0.3 s of a 5.3 s wave idle at 5,000 posts, 0.09 s with 1 MB).
RESULT_PIPE = 1 << 20

# What forked workers inherit for the call under way: set before the first fork, cleared after.
# Tasks then carry only a chunk index, never the shared state itself (it may be the whole site).
_INHERITED: tuple[Callable[[Any, Any], Any], Any, list, list[Callable[[], Any]]] | None = None


def _work_on(i: int) -> Any:
    """A worker's task: chunk ``i`` of the call it was forked for (past the last chunk: a
    side task)."""
    assert _INHERITED is not None, "a pool task outside run_chunks"
    fn, shared, chunks, side = _INHERITED
    if i >= len(chunks):
        return _side_task(side[i - len(chunks)])
    return fn(shared, chunks[i])


def _side_task(task: Callable[[], Any]) -> Any:
    """A side task's value; None when it failed (side work never fails a call)."""
    try:
        return task()
    except Exception:     # noqa: BLE001 - e.g. a cache file that cannot be written
        return None


def run_chunks(fn: Callable[[Any, Any], Any], shared: Any, chunks: list, jobs: int,
               progress: Callable[[int], None] | None = None,
               side: list[Callable[[], Any]] | None = None,
               side_results: list | None = None) -> list:
    """``[fn(shared, chunk) for chunk in chunks]``, over ``jobs`` processes when that is
    possible. Workers are forked during the call, so ``fn``, ``shared`` and the chunks reach
    them by inheritance, not pickling; only the results are pickled back.

    ``side``: tasks run once each during the call, in whichever process takes them (a
    worker's copy of the memory as it was at the fork); their values, None for one that
    raised, are appended to ``side_results`` in the order of ``side``."""
    global _INHERITED
    side = list(side or ())
    # What exists now lives until the call ends: out of the collector's sight, so no process
    # walks the whole site and the cache on every full collection (and no worker copies it
    # page by page doing so). A first build of 5,000 posts: 22.8 -> 19.2 s CPU.
    gc.freeze()
    try:
        # side tasks count when there are enough of them to keep a worker busy (a first
        # build's cache shards beside a few long pages), not one shard of an edit
        work = len(chunks) + (len(side) if len(side) >= MIN_CHUNKS * jobs else 0)
        if jobs <= 1 or work < MIN_CHUNKS * jobs or not can_fork():
            results = []
            for chunk in chunks:
                results.append(fn(shared, chunk))
                if progress:
                    progress(len(chunk))
            values = [_side_task(task) for task in side]
        else:
            _INHERITED = (fn, shared, chunks, side)
            results, values = _run_forked(fn, shared, chunks, jobs, progress, len(side))
        if side_results is not None:
            side_results.extend(values)
        return results
    finally:
        gc.unfreeze()
        _INHERITED = None


def _run_forked(fn: Callable[[Any, Any], Any], shared: Any, chunks: list, jobs: int,
                progress: Callable[[int], None] | None, sides: int) -> tuple[list, list]:
    n = len(chunks)
    results: list = [None] * (n + sides)
    # side tasks (indices past the chunks) where the processes meet: whichever gets there
    # first takes them, so neither waits at the end for the other's last side tasks
    at = _meeting(chunks, jobs)
    waiting = deque([*range(at), *range(n, n + sides), *range(at, n)])
    ctx = multiprocessing.get_context("fork")
    # A worker's results reach this process through the executor's thread, which needs the
    # interpreter lock for every piece of the pipe it reads, and the worker waits until its
    # result is read. While this thread renders, the other gets the lock only once per switch
    # interval (5 ms by default): a chunk's result of a few MB then took over a second to drain
    # and the worker sat idle half the wave. A short interval lets it through.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        # This process renders its first chunk before forking: what rendering makes on
        # first use (a language's compiled lexer, a parsed include, caches) is then
        # inherited by the workers instead of being made again in each of them. Not when
        # side tasks wait: the worker starts at once, beside this process's first chunk
        # (the listing pages of 5,000 posts are few and long: one each, then the shards),
        # instead of after it.
        if not sides:
            first = waiting.pop()
            results[first] = fn(shared, chunks[first])
            if progress:
                progress(len(chunks[first]))
        _feed_and_render(fn, shared, chunks, jobs, progress, ctx, results, waiting)
        return results[:n], results[n:]
    finally:
        sys.setswitchinterval(interval)


def _meeting(chunks: list, jobs: int) -> int:
    """Where the workers (from the front) and this process (from the back) meet: the index
    of the first chunk past the workers' share of the items."""
    share = sum(len(c) for c in chunks) * (jobs - 1) // jobs
    done = 0
    for i, chunk in enumerate(chunks):
        if done >= share:
            return i
        done += len(chunk)
    return len(chunks)


def _feed_and_render(fn: Callable[[Any, Any], Any], shared: Any, chunks: list, jobs: int,
                     progress: Callable[[int], None] | None, ctx: Any, results: list,
                     waiting: deque) -> None:
    lock = threading.Lock()               # ``waiting`` and ``queued``: fed from two threads
    queued: dict[Future, int] = {}        # chunks given to the workers, not yet collected
    stopping = False
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as executor:
        _widen(executor)

        def feed(_finished: Future | None = None) -> None:
            # a few chunks queued per worker (enough to keep it busy, few enough that this
            # process still finds work at the back), topped up as each one finishes: this
            # runs in the executor's thread too, so a worker is fed while this process
            # renders a long chunk of its own
            added = []
            with lock:
                while not stopping and waiting and \
                        sum(not f.done() for f in queued) < 2 * (jobs - 1):
                    try:
                        future = executor.submit(_work_on, waiting[0])
                    except RuntimeError:      # the pool is going down (an error, ctrl-c)
                        return
                    queued[future] = waiting.popleft()
                    added.append(future)
            for future in added:     # outside the lock: a finished one calls back at once
                future.add_done_callback(feed)

        def collect() -> None:
            with lock:
                done = [(f, i) for f, i in queued.items() if f.done()]
                for f, _ in done:
                    del queued[f]
            for f, i in done:
                results[i] = f.result()
                if progress and i < len(chunks):
                    progress(len(chunks[i]))

        try:
            feed()
            while True:
                with lock:
                    mine = waiting.pop() if waiting else None
                if mine is None:
                    break
                if mine >= len(chunks):      # a side task: this process reached them first
                    results[mine] = _work_on(mine)
                else:
                    results[mine] = fn(shared, chunks[mine])
                    if progress:
                        progress(len(chunks[mine]))
                collect()
            while True:      # nothing is queued any more: wait for what the workers have
                with lock:
                    pending = list(queued)
                if not pending:
                    break
                wait(pending, return_when=FIRST_COMPLETED)
                collect()
        finally:
            with lock:       # from here on (done, failed or interrupted) nothing is fed
                stopping = True


def _widen(executor: ProcessPoolExecutor) -> None:
    """The executor's result pipe made to hold :data:`RESULT_PIPE` bytes, where the system
    allows it (Linux); else it stays as it is."""
    try:
        import fcntl
        reader = executor._result_queue._reader      # type: ignore[attr-defined]
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE)
    except (ImportError, AttributeError, OSError, ValueError):
        pass
