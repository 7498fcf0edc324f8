"""Per-document work in waves, in this process or in forked worker processes.

Workers are forked (``pool.py``) after the site index (payloads, layouts, Liquid engine) is
built, so each worker has it once, by inheritance, and tasks carry only document paths; the
building process works as one of them. Results come back per
document and are merged in document order, so the output, the warnings and the first error do
not depend on the number of workers. Small builds, and processes that run threads (``serve``),
stay in one process.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..errors import BuildError, Problem
from ..models import Document
from . import pool
from .cache import Cache, FileHashes
from .deferred import settled
from .deps import Fingerprints, Recorder, content_hash, group_of, pack
from .gcpause import paused
from .output import Staging
from .payload import wave_views
from .render import Renderer
from .slotreuse import inputs
from .timeslots import Slicing, in_wave

PARALLEL_THRESHOLD = 48   # documents; below this a pool costs more than it saves
HEAVY_SITE = 100          # posts; from here pages (listings of every post) go out one by one
CONTENT_KEYS = ("content", "excerpt", "summary", "reading_time", "toc", "toc_requested",
                "sass_map", "errors")


@dataclass
class Outcome:
    """What one document's work produced, as plain picklable data."""

    rel_path: str
    fields: dict[str, Any] = field(default_factory=dict)
    written: int = 0
    unchanged: int = 0
    cached: bool = False
    entry: dict | None = None     # the new cache entry, when the document was rendered
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: BuildError | None = None
    # a page printing the whole time: its template cut in the output wave (timeslots.in_wave)
    slots: dict | str | None = None
    # what the rendering read (deps, reads) and the fields its entry adds: the entry is made
    # by _finish once the chunk's documents are rendered
    pending: tuple[set[str], set, dict[str, Any]] | None = None


@dataclass
class WorkState:
    renderer: Renderer
    payloads: dict[str, dict]
    docs: dict[str, Document]
    cache: Cache
    env: str
    hashes: FileHashes
    fingerprints: Fingerprints
    recorder: Recorder
    staging: Staging | None = None
    # rel_path -> (body, its hash): a session keeps it, so a rebuild hashes new bodies only
    body_hashes: dict[str, tuple[str, str]] = field(default_factory=dict)
    # keep dependency records (for the cache and serve's rebuilds); a --no-cache build has no
    # use for them and skips recording every read
    record: bool = True
    # every document's payload fields are known to equal the last build's (the same sources)
    # except those of documents rendered again by an earlier wave of this build (and their
    # groups): the other documents' recorded fields are not checked again
    trusted_fields: bool = False
    rendered: set[str] = field(default_factory=set)
    rendered_groups: set[str] = field(default_factory=set)
    # pages whose templates the output wave cuts (timeslots.plan), or None
    slicing: Slicing | None = None
    # rel_path -> the hash of the body this build renders (:meth:`settle_bodies`)
    body_digests: dict[str, str] = field(default_factory=dict)

    def mark_rendered(self, rel_path: str) -> None:
        """``rel_path``'s fields may differ from the records (rendered again, or changed)."""
        self.rendered.add(rel_path)
        group = group_of(rel_path)
        if group is not None:
            self.rendered_groups.add(group)

    def sources_of(self, doc: Document, deps: set[str]) -> dict[str, str]:
        files = {} if doc.generated else {doc.rel_path: self.hashes.of(doc.rel_path)}
        for path in deps:
            files[path] = self.hashes.of(path)
        return files

    def settle_bodies(self) -> None:
        """Hash every document's body now, in the building process, before workers fork: the
        bodies do not change while the waves render, and a worker that looked each document
        up again to check its body would copy pages it shares with this process."""
        self.body_digests = digests = {}
        for rel in self.docs:
            try:
                digests[rel] = self.body_hash(rel)
            except (AttributeError, TypeError, ValueError):
                pass        # hashed when rendered, where a failure is that document's

    def body_hash(self, rel_path: str) -> str:
        """The text that was rendered: differs from the file when the pipeline rewrote it
        (GitHub Pages' relative links)."""
        digest = self.body_digests.get(rel_path)
        if digest is not None:
            return digest
        body = self.docs[rel_path].body
        known = self.body_hashes.get(rel_path)
        if known is not None and known[0] is body:
            return known[1]
        digest = content_hash(body.encode("utf-8"))
        self.body_hashes[rel_path] = (body, digest)
        return digest

    def usable(self, entry: dict | None, rel_path: str) -> bool:
        """Every input ``entry`` recorded still matches (a malformed entry is a miss)."""
        if entry is None:
            return False
        fingerprints = self.fingerprints
        try:
            return entry.get("body") == self.body_hash(rel_path) and \
                self.hashes.valid(entry.get("files", {})) and \
                (fingerprints.valid_except(entry.get("fields", []), self.rendered,
                                           self.rendered_groups)
                 if self.trusted_fields else fingerprints.valid(entry.get("fields", []))) and \
                fingerprints.valid_packed(entry.get("doc_fields"),
                                          self.rendered if self.trusted_fields else None)
        except (AttributeError, TypeError, ValueError):
            return False


def _capture(state: WorkState, kind: str, rel_path: str,
             fn: Callable[[WorkState, Document, dict], Outcome]) -> Outcome:
    diagnostics = state.renderer.diagnostics
    mark = diagnostics.mark()
    doc = state.docs[rel_path]
    try:
        outcome = fn(state, doc, state.payloads[rel_path])
    except Exception as exc:
        outcome = Outcome(rel_path, error=_failure(rel_path, exc))
    outcome.warnings, outcome.notes = diagnostics.take(mark)
    if outcome.error is not None:
        outcome.entry = outcome.pending = None
    elif outcome.entry is not None:
        _warned(outcome)
    return outcome


def _failure(rel_path: str, exc: Exception) -> BuildError:
    if isinstance(exc, BuildError):
        return exc
    if isinstance(exc, RecursionError):
        return BuildError(rel_path, None, "too deeply nested to render")
    # a bug in blogtool: keep the document's name in the message
    return BuildError(rel_path, None,
                      f"internal error while rendering: {type(exc).__name__}: {exc}")


def _warned(outcome: Outcome) -> None:
    """Warnings are part of the result: a cached document reports them again. An entry keeps
    only lists that are not empty (nearly every entry has neither: two lists fewer to send
    back from a worker and to write, about 30 % of an output entry's pickle)."""
    entry = outcome.entry
    assert entry is not None
    if outcome.warnings:
        entry["warnings"] = [[w.path, w.line, w.message] for w in outcome.warnings]
    if outcome.notes:
        entry["notes"] = list(outcome.notes)


def _finish(state: WorkState, outcome: Outcome) -> None:
    """The cache entry of a document rendered without one yet (:attr:`Outcome.pending`),
    before its warnings are added."""
    if outcome.pending is None:
        return
    deps, reads, extra = outcome.pending
    outcome.pending = None
    outcome.entry = _entry(state, state.docs[outcome.rel_path], deps, reads)
    outcome.entry.update(extra)


def _content(state: WorkState, doc: Document, page: dict) -> Outcome:
    """Liquid + Markdown of one document, into a copy of its payload: other documents see
    the new content only after the whole wave, whatever the number of workers."""
    copy = page.copy()
    if not state.record:
        state.renderer.render_content(doc, copy)
        return Outcome(doc.rel_path, fields=_content_fields(copy))
    deps: set[str] = set()
    with state.recorder.recording() as reads:
        state.renderer.render_content(doc, copy, deps)
    fields = _content_fields(copy)
    return Outcome(doc.rel_path, fields=fields, pending=(deps, reads, {"result": fields}))


def _entry(state: WorkState, doc: Document, deps: set[str], reads: set) -> dict[str, Any]:
    """What a rendering read: files with their hashes, the body, fields of the site and of
    other documents with their fingerprints."""
    shared, single = pack(state.fingerprints.record(reads, doc.rel_path))
    entry = {"env": state.env, "files": state.sources_of(doc, deps),
             "body": state.body_hash(doc.rel_path), "fields": shared}
    if single:
        entry["doc_fields"] = single
    return entry


def _content_fields(page: dict) -> dict[str, Any]:
    return {k: settled(dict.get(page, k)) for k in CONTENT_KEYS if dict.__contains__(page, k)}


def _output(state: WorkState, doc: Document, page: dict) -> Outcome:
    assert state.staging is not None, "the output wave writes into a staging folder"
    staging = state.staging
    deps: set[str] = set()
    if state.record:
        with state.recorder.recording() as reads:
            html = state.renderer.render_output(doc, page, paginator=page.get("paginator"),
                                                deps=deps)
    else:
        html = state.renderer.render_output(doc, page, paginator=page.get("paginator"))
    stats = staging.stats
    before = (stats.written, stats.unchanged)
    data = html.encode("utf-8")
    size, mtime = staging.write(doc.dest, data)
    extra = dict.get(page, "sass_map")
    if extra:
        staging.write(extra[0], extra[1].encode("utf-8"))
    if not state.record:
        return Outcome(doc.rel_path, written=stats.written - before[0],
                       unchanged=stats.unchanged - before[1])
    outcome = Outcome(doc.rel_path, written=stats.written - before[0],
                      unchanged=stats.unchanged - before[1],
                      pending=(deps, reads, {"out": {"size": size, "mtime": mtime}}))
    slicing = state.slicing
    if slicing is not None and doc.rel_path in slicing.pages:
        content = state.cache.get("content", doc.rel_path, state.env)
        if content is not None:     # the digest the end of the build makes of both entries
            _finish(state, outcome)
            assert outcome.entry is not None
            made_of = inputs(doc.rel_path, [(doc.rel_path, content),
                                            (doc.rel_path, outcome.entry)])
            outcome.slots = in_wave(slicing, state.renderer, doc, page, html, data, made_of)
    return outcome


def _cached(state: WorkState, kind: str, rel_path: str) -> Outcome | None:
    """A document whose recorded inputs all still match: no rendering at all."""
    entry = state.cache.get(kind, rel_path, state.env)
    if entry is None or not state.usable(entry, rel_path):
        return None
    try:
        recorded = entry.get("warnings")
        warnings = [Problem(p, line, m, "warning") for p, line, m in recorded] if recorded \
            else []
        notes = list(entry.get("notes") or ())
        if kind == "content":
            return Outcome(rel_path, fields=dict(entry["result"]), cached=True,
                           warnings=warnings, notes=notes)
    except (KeyError, TypeError, ValueError):
        return None              # a malformed entry is a miss
    out = entry.get("out")
    if not isinstance(out, dict):
        return None
    doc = state.docs[rel_path]
    if dict.get(state.payloads[rel_path], "sass_map"):
        return None            # two files from one document: render it (cheap) every time
    if state.staging is not None and \
            state.staging.link_previous(doc.dest, out.get("size"), out.get("mtime")):
        return Outcome(rel_path, unchanged=1, cached=True, warnings=warnings, notes=notes)
    return None


_TASKS = {"content": _content, "output": _output}


def _run_chunk(kind: str, state: WorkState, rel_paths: list[str]) -> list[Outcome]:
    fn = _TASKS[kind]
    outcomes = [_capture(state, kind, rel, fn) for rel in rel_paths]
    # the chunk's cache entries made one after another once its documents are rendered: made
    # between two renders, each found the recording's tables and code out of the processor's
    # caches and cost about twice as much (69 against 31 us an output entry at 5,000 posts).
    # The fields they fingerprint do not change while a wave renders.
    for outcome in outcomes:
        if outcome.pending is None:
            continue
        try:
            _finish(state, outcome)
            _warned(outcome)
        except Exception as exc:
            outcome.entry, outcome.error = None, _failure(outcome.rel_path, exc)
    return outcomes


def run_wave(state: WorkState, kind: str, rel_paths: list[str], jobs: int,
             progress: Callable[[int], None] | None = None, heavy: bool = False,
             write_ahead: tuple[str, ...] = ()) -> list[Outcome]:
    """Run one wave; results are in the order of ``rel_paths`` whatever ``jobs`` is.
    ``heavy``: each document may cost as much as hundreds of others (the pages of a big site
    list every post), so even two of them are worth sharing out, one at a time.
    ``write_ahead``: kinds of cache entries that earlier waves made and no later one
    changes, written to disk during this wave (side tasks: a worker writes them while this
    process renders) instead of at the end of the build."""
    done: dict[str, Outcome] = {}
    with paused(keep=True):
        for rel in rel_paths if state.record else ():
            hit = _cached(state, kind, rel)
            if hit is not None:
                done[rel] = hit
    if progress and done:
        progress(len(done))
    todo = [rel for rel in rel_paths if rel not in done]
    side = state.cache.writers(write_ahead, later=[(kind, rel) for rel in todo]) \
        if write_ahead and state.record else []
    wrote: list = []
    with wave_views():
        outcomes = _render_wave(state, kind, todo, jobs, progress, heavy, side, wrote)
    state.fingerprints.known(state.cache.written(wrote))
    for o in outcomes:
        done[o.rel_path] = o
        state.mark_rendered(o.rel_path)
        if o.entry is not None:
            state.cache.put(kind, o.rel_path, o.entry)
    return [done[rel] for rel in rel_paths]


def _render_wave(state: WorkState, kind: str, rel_paths: list[str], jobs: int,
                 progress: Callable[[int], None] | None, heavy: bool = False,
                 side: list[Callable[[], Any]] | None = None,
                 side_results: list | None = None) -> list[Outcome]:
    if any(state.docs[rel].markdown for rel in rel_paths):
        state.renderer.prepare()      # not for a wave of feeds and listings only
    if len(rel_paths) < (2 if heavy else PARALLEL_THRESHOLD):
        jobs = 1
    # pages cut at other instants (timeslots.in_wave) cost several renders each: one per
    # chunk, placed so that the processes share them: one in ``jobs`` just before this
    # process's first chunk (it takes chunks from the back, the last one before the workers
    # are forked), the others first, for the workers (they take chunks from the front, a few
    # queued ahead each); outcomes are matched to documents by path, not by position
    sliced = state.slicing.pages if kind == "output" and state.slicing is not None else ()
    slow = [rel for rel in rel_paths if rel in sliced]
    chunks = pool.split([rel for rel in rel_paths if rel not in sliced] if slow else rel_paths,
                        jobs, minimum=1 if heavy else 4)
    if slow:
        ours = slow[jobs - 1::jobs] if jobs > 1 else []
        chunks = [[rel] for rel in slow if rel not in ours] + chunks[:-1] + \
            [[rel] for rel in reversed(ours)] + chunks[-1:]
    results = pool.run_chunks(partial(_run_chunk, kind), state, chunks, jobs, progress,
                              side, side_results)
    return [o for chunk in results for o in chunk]
