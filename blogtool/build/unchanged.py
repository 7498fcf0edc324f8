"""A build in which nothing changed, answered without building.

Every good build that uses the cache leaves a record (``.blogtool-cache/v2/unchanged.json``)
of what it was made of and what it wrote: the arguments and environment, a listing of the
source tree (:mod:`blogtool.build.tree`: every file's mtime and size, every folder), the files
outside the source it read (a theme's folder, blogtool's own code and templates, the Python
paths the libraries live in), the fields of ``site.time`` its pages showed, and a listing of
the destination. :func:`check` runs before anything heavy is loaded: when every recorded input
still matches, it answers with the recorded build's summary, warnings and notes, and touches
nothing but the pages that print the whole ``site.time`` (feeds), which it fills in for its own
time from their templates (:mod:`blogtool.build.timeslots`). On any doubt it answers None and
the normal build runs.

Only the standard library and light blogtool modules are imported here. The record is JSON (a
cache folder from elsewhere never runs code); a corrupt or foreign record is no record.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Mapping

from .. import __version__
from . import surroundings, tree
from .cachedir import CACHE_DIR, RACY_NS, write_json
from .cachedir import FORMAT as CACHE_FORMAT

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:      # the check itself needs none of these
    import datetime as _dt
    from pathlib import Path
    from typing import Any

    from .result import BuildResult

RECORD = "unchanged.json"
# the destination's whole listing and the build's outputs, read only when needed: by the
# build after a check that found changes, to fill templates, or for a result's outputs
SIDE = "unchanged-output.json"
FORMAT = 7
# plugins whose values come from outside the tree (git history, the GitHub API)
FROM_ELSEWHERE = frozenset(("jekyll-last-modified-at", "jekyll-github-metadata"))
_GLOB = frozenset("*?[{\\")
_UNITS = ("year", "month", "day", "hour", "minute", "second", "microsecond")   # of site.time
# how recent (ns) a folder of the destination may be and still be only stat-ed: the file
# system's timestamp step (Linux stamps with a clock that moves every 1-10 ms; FAT keeps 2 s)
TICK_NS = 50_000_000
_REREAD = 16      # more recent folders than this: the record is saved again once they are not
_FUTURE_NOTE = "has a future date"   # the reader's note for a post it skipped (reader/posts.py)


def record_path(source: str) -> str:
    return os.path.join(source, CACHE_DIR, f"v{CACHE_FORMAT}", RECORD)


def _kept(settings: Any) -> list[str]:
    """The destination's names a build keeps (``keep_files``), as the record lists them."""
    return sorted({str(k).strip("/") for k in settings.keep_files if str(k).strip("/")})


def _side(source: str, token: object) -> dict | None:
    """The side file of the record whose token is ``token``, None when it is another's."""
    try:
        with open(os.path.join(os.path.dirname(record_path(source)), SIDE), "rb") as fh:
            side = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(side, dict) or side.get("token") != token or \
            not isinstance(side.get("output"), list) or not isinstance(side.get("outputs"), str):
        return None
    return side


def _save(source: str, record: dict, output: list | None = None, outputs: str = "") -> None:
    """Write the record; with ``output`` (the destination's listing), a new side file with
    it and ``outputs`` first, under a new token."""
    path = record_path(source)
    if output is not None:
        token = f"{os.getpid()}-{time.time_ns()}"
        if not write_json(os.path.join(os.path.dirname(path), SIDE),
                          {"token": token, "output": output, "outputs": outputs}):
            return forget(source, record["dest"])
        record["side"] = token
        try:
            record["folders"], record["mtimes"] = tree.folder_times(output)
        except OverflowError:      # a stamp beyond 64 bits: no record
            return forget(source, record["dest"])
    write_json(path, record)


def _templates(source: str) -> str:
    from . import timeslots
    return timeslots.templates_path(source)


def forget(source: Path | str, destination: Path | str) -> None:
    """Remove the record of ``source``'s last build when it vouches for ``destination``: for
    a build that writes there but leaves no record (``serve``, ``--no-cache``)."""
    path = record_path(os.path.realpath(os.fspath(source)))
    try:
        with open(path, "rb") as fh:
            record = json.loads(fh.read())
        if isinstance(record, dict) and isinstance(record.get("dest"), str) and \
                os.path.realpath(record["dest"]) != os.path.realpath(os.fspath(destination)):
            return       # another destination's record
        os.remove(path)
    except (OSError, ValueError):
        pass     # no record, or none that can be read or removed: none that would be used


class Probe:
    """One look at a site before its build: the check's answer (:attr:`result`, None when
    the site must be built) and the source listing it took, which the build that follows
    records (:meth:`collect`, :meth:`keep`) when it succeeds."""

    def __init__(self, source: str, arguments: str, pruned: list[str]):
        self.source = source
        self.arguments = arguments
        self.pruned = pruned
        self.time_ns = time.time_ns()
        self._listing: list | None = None
        self._later: Callable[[], list] | None = None    # a listing under way (forked)
        # the recorded build's result when nothing changed (the record's JSON), the pages
        # filled in from their templates, and the seconds the check took
        self.answer: tuple[dict, list[str], float] | None = None
        self._result: BuildResult | None = None
        self._found: dict | None = None
        # the last record's destination (folder, kept names, side file's token, time, racy
        # step): the listing of this build's destination then reads only changed folders
        self.previous: tuple[str, list, str, int, int] | None = None
        # the destination's listing under way beside the build's last steps (its place, and
        # the function that waits for it)
        self._output: tuple[tuple[str, list], Callable[[], list]] | None = None

    @property
    def listing(self) -> list | None:
        """The source listing taken before the build read anything (None: none could be
        taken); one a child is making (:meth:`list_later`) is waited for here."""
        if self._later is not None:
            later, self._later = self._later, None
            try:
                self._listing = later()
            except tree.Unlistable:
                self._listing = None
        return self._listing

    @listing.setter
    def listing(self, flat: list | None) -> None:
        self._listing, self._later = flat, None

    def list_later(self, later: Callable[[], list]) -> None:
        self._listing, self._later = None, later

    def list_output(self, settings: Any) -> None:
        """Start listing the written destination (``settings``' one) right after the
        build's last write to it, in a new interpreter on the second core, while this
        process writes the cache and collects the record; :meth:`keep` takes it. Not when
        the last record's listing of that place lets only changed folders be read."""
        place = (str(settings.destination), _kept(settings))
        before = self.previous
        if before is None or before[:2] != place:
            self._output = (place, tree.listing_spawned(*place))

    def _list_output(self, dest: str, keep: list) -> list:
        """The destination's listing with folder times; a folder unchanged since the last
        record's listing is taken from it (``stat``-ed, not read again)."""
        before = self.previous
        same_place = before is not None and before[:2] == (dest, keep)
        side = _side(self.source, before[2]) if before and same_place else None
        return tree.listing(dest, prune=keep, folder_times=True,
                            previous=side["output"] if side else None,
                            racy_from=before[3] - before[4] if before else 0)

    def _output_listing(self, dest: str, keep: list) -> list:
        """The listing :meth:`list_output` started when it is of this place, else one
        taken now."""
        started, self._output = self._output, None
        if started is None or started[0] != (dest, keep):
            return self._list_output(dest, keep)
        return started[1]()

    @property
    def result(self) -> BuildResult | None:
        """The recorded build's result when nothing changed, else None."""
        if self._result is None and self.answer is not None:
            result, rewritten, seconds = self.answer
            side = _side(self.source, result.get("side")) or {}
            self._result = _replay(result, str(side.get("outputs", "")), rewritten, seconds)
        return self._result

    def collect(self, config: Mapping[str, Any], settings: Any, now: _dt.datetime,
                documents: Iterable[Any], entries: Iterable[tuple[str, dict | None]],
                active: Iterable[str], slicer: Callable[..., dict | None] | None = None,
                elsewhere: Iterable[str] = ()) -> None:
        """What the build read besides the source tree, from the end of a good build:
        ``entries`` are the cache entries of every document and output it made, by document.
        ``slicer`` (:class:`blogtool.build.timeslots.Slicer`): templates of the pages that
        read the whole ``site.time``, which a check then fills with its own time.
        ``elsewhere``: the destinations of other builds of this source (see :func:`_prune`)."""
        self._found = None
        if FROM_ELSEWHERE & set(active):
            return
        theme_root = str(settings.theme_root or "")
        if not theme_root and (config.get("theme") or config.get("remote_theme")):
            return
        fixed = bool(config.get("time"))
        whole = not fixed and any(d.date is not None and (d.date is now or d.date == now)
                                  for d in documents)
        # fields of the time read by each document; a document that read the whole time is
        # a template whose slots hold every field, so only the others' fields bound the clock
        read: dict[str, set[str]] = {}
        readers: set[str] = set()
        known: list[tuple[str, dict]] = []
        for rel, entry in entries:
            if entry is None:
                whole = True
                break
            known.append((rel, entry))
            for row in entry.get("fields", ()):
                if row[0] == "site" and isinstance(row[1], str) and row[1][:4] == "time":
                    if row[1][:10] == "time.clock":
                        return      # "now", the real clock, while the configuration fixes it
                    if row[1] == "time":
                        readers.add(rel)
                    elif row[1][:5] == "time.":
                        read.setdefault(rel, set()).add(row[1][5:])
        fields = {f for rel, names in read.items() if rel not in readers for f in names}
        if not fixed and (whole or not fields <= set(_UNITS)):
            return
        slots = None
        if readers and not fixed:
            slots = slicer(readers, known) if slicer is not None else None
            if slots is None:
                return
        self._found = {
            "dest": str(settings.destination), "clock": None if fixed else _window(now, fields),
            "prune": _prune(self.source, str(settings.destination), settings, config,
                            elsewhere),
            "keep": _kept(settings),
            "outside": [theme_root] if theme_root else [],
            "slots": None if slots is None else {"zone": settings.timezone, "now": now,
                                                 "pages": slots}}

    def keep(self, result: BuildResult) -> None:
        """Write the record of a good build, or remove the last one when this build cannot
        leave one that would be trusted."""
        path = record_path(self.source)
        found, self._found = self._found, None
        try:
            made = self._record(found, result) if found is not None else None
        finally:
            started, self._output = self._output, None
            if started is not None:     # not taken: the child is waited for all the same
                try:
                    started[1]()
                except tree.Unlistable:
                    pass
        if made is not None:
            record, output, outputs = made
            _save(self.source, record, output, outputs)
            return
        try:
            os.remove(path)
        except OSError:
            pass     # without a record the next build is a normal one

    def _record(self, found: dict, result: BuildResult) -> tuple[dict, list, str] | None:
        if self.listing is None or not self.arguments or \
                any(_FUTURE_NOTE in note for note in result.notes):
            return None
        prune = found["prune"]
        if not set(self.pruned) <= set(prune):
            return None     # the listing left out folders this build read
        try:
            flat = tree.without(self.listing, set(prune) - set(self.pruned))
            listing = tree.packed(flat)
            world = surroundings.world(found["outside"])
            output = self._output_listing(found["dest"], found["keep"])
            written = time.time_ns()
            racy = min(RACY_NS, max(TICK_NS, 2 * tree.granularity(output)))
        except (tree.Unlistable, OverflowError):
            return None
        recent = self.time_ns - RACY_NS
        if tree.newest(flat) >= recent or \
                any(tree.newest(flat) >= recent for _, flat in world["outside"]):
            return None
        outputs = "\0".join(x for dest, rel in result.outputs.items() for x in (dest, rel))
        if found["slots"] is not None:
            from . import timeslots
            found = {**found, "slots": timeslots.keep(_templates(self.source), found["slots"],
                                                      output)}
            if found["slots"] is None:
                return None
        return {
            "format": FORMAT, "blogtool": __version__, "args": self.arguments,
            "prune": prune, "source": listing, "world": world, **found,
            "written": written, "racy": racy,
            "result": {"documents": result.documents, "dest": found["dest"],
                       "unchanged": result.written + result.unchanged,
                       "static": result.static, "hint": result.hint,
                       "warnings": [[w.path, w.line, w.message] for w in result.warnings],
                       "notes": list(result.notes)}}, output, outputs


def check(source: Path | str, destination: Path | str | None = None, *,
          config_files: list[str] | None = None, overrides: Mapping[str, Any] | None = None,
          strict: bool = False, site_time: _dt.datetime | None = None,
          environment: str | None = None, fork: bool = False) -> Probe:
    """Look at the site: :attr:`Probe.result` is the last build's result when nothing it
    was made of changed, else None. ``fork``: the destination's folders are checked by a
    child process while this one lists the source (for the command line, not a library
    caller)."""
    started = time.perf_counter()
    root = os.path.realpath(os.fspath(source))
    try:
        arguments = surroundings.arguments(root, destination, config_files, overrides, environment)
    except (OSError, ValueError):     # the working folder is gone: no record either way
        arguments = ""
    record = _load(record_path(root), arguments) if arguments else None
    probe = Probe(root, arguments, list(record["prune"]) if record else [CACHE_DIR, ".git"])
    if not os.path.isdir(root):
        return probe
    aside: tree.Aside | None = None
    try:
        if record is not None:
            probe.previous = (str(record["dest"]), list(record["keep"]), str(record["side"]),
                              int(record["written"]), int(record["racy"]))
            if record["folders"]:
                aside = tree.same_folders_aside(
                    record["dest"], record["folders"], record["mtimes"],
                    record["written"] - record["racy"], fork=fork)
        if record is None and fork:
            # nothing to compare it with: a child lists the source (the record's stamps,
            # taken after this probe's time) while this process loads the pipeline
            probe.list_later(tree.listing_aside(root, prune=probe.pruned))
            return probe
        probe.listing = tree.listing(root, prune=probe.pruned)
        if record is None or aside is None or record["source"] != tree.packed(probe.listing):
            return probe
        if not _unchanged(record, strict, site_time, root, aside):
            return probe
        rewritten: list[str] = []
        if record.get("slots") is not None:
            from . import timeslots
            side = _side(root, record["side"])
            if side is None:
                return probe
            record["output"] = side["output"]
            filled = timeslots.refill(_templates(root), record, site_time)
            if filled is None:
                return probe
            rewritten = filled
            if rewritten:      # new stamps, listed now
                _save(root, record, record.pop("output"), side["outputs"])
        probe.answer = ({**record["result"], "side": record["side"]}, rewritten,
                        time.perf_counter() - started)
    except (tree.Unlistable, OSError, KeyError, TypeError, ValueError, AttributeError,
            OverflowError):
        probe.answer = None
    finally:
        if aside is not None:
            aside.drop()
    return probe


def _unchanged(record: dict, strict: bool, site_time: _dt.datetime | None, root: str,
               aside: tree.Aside) -> bool:
    """Whether the record of the site at ``root`` still holds (``aside``: the check of the
    destination's folders)."""
    result = record["result"]
    if strict and result["warnings"]:
        return False        # the full build stops on them, as it must
    if record["clock"] is not None:
        start, end = record["clock"]
        if not start <= (site_time.timestamp() if site_time else time.time()) < end:
            return False
    if surroundings.world(record["outside"]) != record["world"]:
        return False
    racy = aside.result()
    if racy is None:
        return False
    if racy:
        side = _side(root, record["side"])
        if side is None or not tree.same_names(record["dest"], side["output"], racy,
                                               record["keep"]):
            return False
        if len(racy) > _REREAD:
            # the folders read for being too recent are not, now: later checks only stat them
            record["written"] = time.time_ns()
            _save(root, record)
    return True


def _window(now: _dt.datetime, fields: set[str]) -> list[float] | None:
    """The times (seconds since 1970) at which every field of ``site.time`` in ``fields``
    reads as it does at ``now``, in its zone: from the start of the finest field's current
    unit (the year, the day...) to the start of the next one. None: no field was read."""
    if not fields:
        return None
    import datetime as _dt
    finest = max(_UNITS.index(name) for name in fields)
    t = _dt.datetime(now.year, now.month, now.day, now.hour, now.minute, now.second,
                     now.microsecond, tzinfo=now.tzinfo)
    coarser: dict[str, Any] = {unit: 1 if unit in ("month", "day") else 0
                               for unit in _UNITS[finest + 1:]}
    start = t.replace(**coarser)
    if finest == 0:
        end = start.replace(year=start.year + 1)
    elif finest == 1:
        end = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    else:
        end = start + _dt.timedelta(**{f"{_UNITS[finest]}s": 1})
    return [start.timestamp(), end.timestamp()]


def _replay(result: dict, outputs: str, rewritten: list[str], seconds: float) -> BuildResult:
    from pathlib import Path

    from ..errors import Problem
    from .result import BuildResult
    flat = outputs.split("\0") if outputs else []
    return BuildResult(
        destination=Path(result["dest"]), documents=int(result["documents"]),
        written=len(rewritten), unchanged=int(result["unchanged"]) - len(rewritten),
        static=int(result["static"]), seconds=seconds,
        warnings=[Problem(str(p), line, str(m), "warning") for p, line, m in result["warnings"]],
        notes=[str(n) for n in result["notes"]], outputs=dict(zip(flat[::2], flat[1::2],
                                                                  strict=True)),
        rendered=[], changed_files=sorted(rewritten), hint=str(result["hint"]))


def _load(path: str, arguments: str) -> dict | None:
    try:
        with open(path, "rb") as fh:
            record = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT or \
            record.get("blogtool") != __version__ or record.get("args") != arguments or \
            not isinstance(record.get("prune"), list) or \
            not all(isinstance(p, str) for p in record["prune"]):
        return None
    return record


def _prune(source: str, dest: str, settings: Any, config: Mapping[str, Any] | None = None,
           elsewhere: Iterable[str] = ()) -> list[str]:
    """Folders of the source the listing leaves out: the cache, ``.git``, the destination,
    excluded folders the reader never enters (plain names; not ``_`` folders, which the
    build reads by other ways), and the sites other builds of this source wrote
    (``elsewhere``: their destinations) into a ``_`` folder at its top that nothing reads (not
    included, not a folder of layouts, includes, data, Sass, plugins, posts or collections):
    ``serve``'s ``_site`` beside a ``build -d docs``."""
    prune = {CACHE_DIR, ".git"}
    rel = os.path.relpath(dest, source)
    if not rel.startswith("..") and rel != ".":
        prune.add(rel.replace(os.sep, "/"))
    includes = [str(p).strip("/") for p in settings.include]
    if any(_GLOB & set(p) for p in includes):
        return sorted(prune)
    read = _read_folders(settings, config or {})
    for other in elsewhere:
        name = os.path.relpath(other, source).replace(os.sep, "/")
        if name[:1] == "_" and "/" not in name and name not in read and \
                not any(p == name or p.startswith(name + "/") for p in includes) and \
                os.path.isdir(os.path.join(source, name)):
            prune.add(name)
    for pattern in settings.exclude:
        name = str(pattern).strip("/")
        if not name or name[0] == "_" or _GLOB & set(name) or \
                any(p == name or p.startswith(name + "/") or name.startswith(p + "/")
                    for p in includes):
            continue
        prune.add(name)
    return sorted(prune)


def _read_folders(settings: Any, config: Mapping[str, Any]) -> set[str]:
    """The top folders of the source the build reads besides its pages and static files."""
    from .sass import sass_options
    sass = sass_options(config.get("sass"))
    paths = [settings.layouts_dir, settings.includes_dir, settings.data_dir,
             settings.collections_dir, sass.sass_dir, *sass.load_paths, "_sass",
             "_plugins", str(config.get("plugins_dir") or "_plugins"), "_posts", "_drafts",
             *(f"_{label}" for label, _output, _permalink in settings.collections)]
    return {str(p).strip("/").split("/")[0] for p in paths if str(p).strip("/")}


def cache_entries(get: Callable[[str, str], dict | None], contents: Iterable[str],
                  outputs: Iterable[str]) -> list[tuple[str, dict | None]]:
    """The cache entries of a build's documents (content) and pages (output), by document."""
    return [(rel, get("content", rel)) for rel in contents] + \
        [(rel, get("output", rel)) for rel in outputs]
