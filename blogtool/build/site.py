"""The build, in order. This is the only module that knows the order of the stages:

config -> read -> generate -> render content (posts, then pages) -> layouts -> write.
"""
from __future__ import annotations

import datetime as _dt
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BuildError, Diagnostics
from ..liquid.engine import LiquidEngine, LiquidSettings
from ..models import Document, Sources
from ..search import attach_site, index_site
from ..timeutil import RubyTime, site_zone
from . import generators, inputs, plugins, themes, timeslots, unchanged
from .cache import CACHE_DIR, Cache, FileHashes, environment_key, tree_hash
from .cachedir import FORMAT, racy_cutoff_ns
from .config import Settings, load_config, settings_from
from .deps import Fingerprints, Recorder
from .gcpause import paused
from .inplace import Patch, restore_files
from .output import Staging, check_destination, claim_outputs
from .payload import document_payload, jekyll_payload, site_payload
from .plugins import liquid_tags, paginate_v2
from .plugins import payload as plugin_payload
from .plugins import sources as plugin_sources
from .pool import default_jobs
from .reader import read_site
from .readmemo import ReadAhead, ReadMemo
from .render import Renderer
from .result import BuildResult
from .work import HEAVY_SITE, WorkState, run_wave

if TYPE_CHECKING:
    from ..search.refresh import Refresh
    from ..theme import Theme


class BuildSession:
    """What one source keeps between builds: the cache (with its memory layer) and the
    content hashes of source files. ``serve`` holds one for its whole life; ``build`` makes
    a fresh one."""

    def __init__(self, source: Path | str, *, use_cache: bool = True,
                 memo_ahead: ReadAhead | None = None):
        source = Path(source).resolve()
        self.cache = Cache(source / CACHE_DIR if use_cache else None)
        self.records = use_cache    # without a cache, a one-off build needs no records
        self.hashes = FileHashes(source, source / CACHE_DIR / f"v{FORMAT}" / "stamps.json"
                                 if use_cache else None)
        # what the last build wrote, by destination (kept with the cache): the next build can
        # then patch that site in place instead of staging a full copy of it
        self.outputs: dict[str, set[str]] = self.cache.load_outputs()
        # the destination's folders when a build last found nothing stray there (inplace.Patch)
        self.folders: dict[str, dict] = self.cache.load_record("folders.json")
        self.inputs = inputs.InputsRecord(self.cache)   # what the last good build was made of
        # parsed posts by file identity (reader.read_site), kept from the last build's process
        self.memo_store = ReadMemo(source / CACHE_DIR if use_cache else None)
        self.read_memo: dict = self.memo_store.load(memo_ahead)
        self.live: LiveState | None = None   # the last good build, for quick_render
        self.fingerprints: dict = {}           # Fingerprints.kept of the last build
        self.body_hashes: dict = self.memo_store.body_hashes(self.read_memo)   # WorkState's
        # file -> (bytes, mtime) before quick_render wrote it, until the next build ends
        self.quick_backup: dict[str, tuple[bytes, int]] = {}
        # the unchanged-site check's look at the source before this build, recorded at its end
        self.probe: unchanged.Probe | None = None
        self._theme: tuple[tuple[str, Settings], Theme] | None = None   # see theme()
        # serve: a site patched in place goes live before its search index, which
        # pending_index (left by the last build, None when up to date) then refreshes
        self.defer_index = False
        self.pending_index: Refresh | None = None

    def theme(self, source: Path, settings: Settings, digest: str) -> Theme:
        """The default theme with its compiled templates, kept while the templates (their
        ``digest``) and the settings stay the same."""
        if self._theme is None or self._theme[0] != (digest, settings):
            from ..theme import Theme
            self._theme = ((digest, settings), Theme(source, settings))
        return self._theme[1]

    def replace_outputs(self, dest: Path, folder: str, files: list[str]) -> None:
        """Record ``files`` as the outputs of the last build under ``folder`` of ``dest``
        (written after it: serve's search index)."""
        paths = self.outputs.get(str(dest))
        if paths is None:
            return
        paths.difference_update([p for p in paths if p.startswith(folder + "/")])
        paths.update(files)
        self.cache.save_outputs(self.outputs)

    def take_quick_backup(self) -> dict[str, tuple[bytes, int]]:
        backup, self.quick_backup = self.quick_backup, {}
        return backup


@dataclass
class LiveState:
    """What the last good build of a session leaves for :func:`quick_render`."""

    config: dict
    settings: Settings
    now: RubyTime
    renderer: Renderer
    payloads: dict[str, dict]
    docs: dict[str, Document]


def plan(source: Path, destination: Path | None = None, *,
         config_files: list[str] | None = None, overrides: Mapping[str, Any] | None = None,
         diagnostics: Diagnostics | None = None) -> tuple[dict, Settings]:
    """Configuration and settings for a build (also used by ``serve`` and ``doctor``)."""
    diagnostics = diagnostics or Diagnostics()
    if not Path(source).is_dir():
        what = "is not a folder" if Path(source).exists() else "does not exist"
        raise BuildError(str(source), None, f"the source folder {what}")
    config = load_config(source, config_files, overrides, diagnostics)
    dest = destination or Path(config.get("destination") or "_site")
    if not dest.is_absolute():
        dest = (source / dest) if destination is None else (Path.cwd() / dest)
    return config, settings_from(config, str(dest.resolve()))


def build(source: Path | str = ".", destination: Path | str | None = None, *,
          config_files: list[str] | None = None, overrides: Mapping[str, Any] | None = None,
          strict: bool = False, site_time: _dt.datetime | None = None,
          environment: str | None = None,
          progress: Callable[[int, int], None] | None = None,
          jobs: int | None = None, use_cache: bool = True,
          session: BuildSession | None = None,
          probe: unchanged.Probe | None = None,
          memo_ahead: ReadAhead | None = None) -> BuildResult:
    """Build the site at ``source`` into ``destination``; raises :class:`BuildError`.

    The previous destination is untouched unless the whole build succeeds. ``probe``: the
    unchanged-site check the caller already made with these arguments (``blogtool build``).
    ``memo_ahead``: the read memo of ``source`` being read since before the pipeline was
    imported (``blogtool build``), for a build without a ``session``.
    """
    # pages serve's fast path wrote ahead of this build: if the build fails, they go back to
    # what they were, so a failed build leaves the previous site exactly as it was
    undo = session.take_quick_backup() if session is not None else {}
    if session is not None or not use_cache:
        probe = None
    elif probe is None:          # nothing changed since the last build: say so
        probe = unchanged.check(source, destination, config_files=config_files,
                                overrides=overrides, strict=strict, site_time=site_time,
                                environment=environment)
    if memo_ahead is not None and (session is not None or not use_cache or
                                   (probe is not None and probe.result is not None)):
        memo_ahead.close()      # of no use here; its thread ends before anything forks
        memo_ahead = None
    if probe is not None and probe.result is not None:
        return probe.result
    try:
        return _build(source, destination, config_files=config_files, overrides=overrides,
                      strict=strict, site_time=site_time, environment=environment,
                      progress=progress, jobs=jobs, use_cache=use_cache, session=session,
                      probe=probe, memo_ahead=memo_ahead)
    except BaseException:
        restore_files(undo)
        raise
    finally:
        if memo_ahead is not None:      # a build that stopped before loading the memo
            memo_ahead.close()


def _build(source: Path | str, destination: Path | str | None, *,
           config_files: list[str] | None, overrides: Mapping[str, Any] | None,
           strict: bool, site_time: _dt.datetime | None, environment: str | None,
           progress: Callable[[int, int], None] | None, jobs: int | None, use_cache: bool,
           session: BuildSession | None, probe: unchanged.Probe | None = None,
           memo_ahead: ReadAhead | None = None) -> BuildResult:
    started = time.perf_counter()
    source = Path(source).resolve()
    diagnostics = Diagnostics(strict=strict)
    config, settings = plan(source, Path(destination) if destination else None,
                            config_files=config_files, overrides=overrides,
                            diagnostics=diagnostics)
    dest = Path(settings.destination)
    check_destination(source, dest)
    if probe is None:           # no record may vouch for what this build writes
        unchanged.forget(source, dest)
    try:
        zone = site_zone(settings.timezone)
    except ValueError as exc:
        raise BuildError("_config.yml", None, f"timezone: {exc}") from None
    now = RubyTime.wrap((site_time or _dt.datetime.now(_dt.UTC)).astimezone(zone))
    if config.get("time"):
        from ..timeutil import from_front_matter
        try:
            now = from_front_matter(config["time"], zone)
        except ValueError:
            raise BuildError("_config.yml", None, f"invalid time '{config['time']}'") from None
    config, settings, gem_theme = themes.apply(source, config, settings, diagnostics)

    session = session or BuildSession(source, use_cache=use_cache, memo_ahead=memo_ahead)
    session.probe = probe
    session.live = None         # until this build succeeds
    session.pending_index = None
    jobs = jobs if jobs is not None else default_jobs()
    stamps: dict[str, tuple[int, int, str]] | None = {} if session.records else None
    listed: set[str] = set()
    parts: dict = {}
    # the posts taken from the memo, by their stamps (serve's builds: no probe lists the source)
    stat_stamps: dict[str, tuple[int, int]] | None = \
        {} if session.records and probe is None else None
    reading_ns = racy_cutoff_ns()
    session.memo_store.settle()     # the last build's memo written: reading forks
    sources = read_site(config, settings, now, diagnostics, session.read_memo, jobs=jobs,
                        stamps=stamps, listed=listed, parts=parts, stat_stamps=stat_stamps)
    session.memo_store.after_read(session.read_memo, session.body_hashes, listed, parts)
    sources = themes.layer(config, settings, sources, gem_theme, now, diagnostics)
    sources = plugin_sources.transform(config, settings, sources, now, diagnostics)
    generated = generators.generate(sources, config, settings, diagnostics)
    if "jekyll-paginate-v2" in plugins.active(config, settings):
        generated = paginate_v2.paginate(sources, config, settings, diagnostics) + generated
    env = environment or os.environ.get("JEKYLL_ENV") or "development"
    session.hashes.new_build()
    if probe is not None and probe.listing is not None:    # stamps from the probe's time on
        session.hashes.trust(probe.listing, probe.time_ns - unchanged.RACY_NS)
    if stamps:
        session.hashes.seed(stamps)
    if stat_stamps:
        session.hashes.trust_stats(stat_stamps, reading_ns)
    result = _render_and_write(source, dest, config, settings, sources, generated, now, env,
                               diagnostics, progress, jobs, session)
    result.seconds = time.perf_counter() - started
    if not sources.posts and not config_files and not (source / "_config.yml").is_file() \
            and not (source / "_config.yaml").is_file():
        result.hint = (f"{source} has no _config.yml and no posts: "
                       f"`blogtool init` starts a new blog, `blogtool new` writes a post")
    if session.probe is not None:
        with paused():
            session.probe.keep(result)
    return result


def _engine(settings: Settings, sources: Sources, diagnostics: Diagnostics,
            config: dict) -> LiquidEngine:
    post_urls: dict[str, str] = {}
    link_urls: dict[str, str] = {}
    for doc in sources.posts:
        inner = doc.rel_path.split("_posts/", 1)[-1] if "_posts/" in doc.rel_path else doc.name
        post_urls[inner[: len(inner) - len(doc.ext)]] = doc.url
        post_urls.setdefault(doc.basename, doc.url)
    for doc in sources.all_documents():
        link_urls[doc.rel_path] = doc.url
    for f in sources.static_files:
        link_urls[f.rel_path] = f.url
    bt = config.get("blogtool") or {}
    return LiquidEngine(
        LiquidSettings(source=settings.source, includes_dir=settings.includes_dir,
                       layouts_dir=settings.layouts_dir, baseurl=settings.baseurl,
                       url=settings.url, timezone=settings.timezone, compat=settings.compat,
                       strict_filters=bool((config.get("liquid") or {}).get("strict_filters")),
                       strict_variables=bool((config.get("liquid") or {}).get("strict_variables")),
                       error_mode=str((config.get("liquid") or {}).get("error_mode") or "warn"),
                       ignored_tags=tuple(bt.get("ignored_tags") or ()),
                       # Jekyll 4 still highlights {% highlight %} with Rouge under
                       # `highlighter: pygments`; only `none` (or unknown) turns it off
                       highlight=str(config.get("highlighter") or "rouge").lower()
                       in ("rouge", "pygments"),
                       theme_root=settings.theme_root, plugins=plugins.active(config, settings),
                       markdown=settings.markup),
        post_urls=post_urls, link_urls=link_urls, diagnostics=diagnostics,
        extensions=(liquid_tags.register,))


def _render_and_write(source: Path, dest: Path, config: dict, settings: Settings,
                      sources: Sources, generated: list[Document], now: RubyTime, env: str,
                      diagnostics: Diagnostics, progress: Callable[[int, int], None] | None,
                      jobs: int, session: BuildSession) -> BuildResult:
    docs = sources.all_documents()
    recorder = Recorder()
    payloads = {d.rel_path: document_payload(d, recorder) for d in docs}
    site = site_payload(config, sources, payloads, now, recorder)
    plugin_payload.extend(config, settings, sources, payloads, site, env)
    for g in generated:
        payloads[g.rel_path] = document_payload(g, recorder)
    generators.attach(site, generated, payloads)
    theme_hash, theme = "", None
    if not settings.jekyll_site:         # the default theme (jinja2), imported only here
        from ..theme import templates_dir
        theme_hash = tree_hash(templates_dir(), source / "_templates")
        theme = session.theme(source, settings, theme_hash)
    renderer = Renderer(settings, sources.layouts, _engine(settings, sources, diagnostics, config),
                        theme, site, jekyll_payload(env), diagnostics)
    by_path = {d.rel_path: d for d in docs + generated}
    wave1 = [d.rel_path for d in docs if d.kind != "page"]
    wave2 = [d.rel_path for d in docs if d.kind == "page"] + [g.rel_path for g in generated]
    writes = [rel for rel in wave1 + wave2 if by_path[rel].write]
    outputs, losers = claim_outputs([by_path[rel] for rel in writes], sources, generated,
                                    diagnostics)
    writes = [rel for rel in writes if rel not in losers]
    total = len(wave1) + len(wave2) + len(writes)
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], total)

    fingerprints = Fingerprints(payloads, site, session.fingerprints)
    env_key = environment_key(config, {
        "jekyll_env": env,
        "theme": theme_hash,
        "gem_theme": tree_hash(Path(settings.theme_root)) if settings.theme_root else "",
        "builtin": _builtin_hash()})
    state = WorkState(renderer, payloads, by_path, session.cache, env_key, session.hashes,
                      fingerprints, recorder, body_hashes=session.body_hashes,
                      record=session.records)
    now_inputs = inputs.current(env_key, env, by_path, session.hashes, config, settings) \
        if session.records else None
    unsure = inputs.changed_documents(now_inputs, session.inputs.known())
    if unsure is not None:
        state.trusted_fields = True
        for rel in unsure:
            state.mark_rendered(rel)
    if now_inputs != session.inputs.known():
        session.inputs.forget()
    if session.records:
        state.settle_bodies()
    session.memo_store.settle()     # no thread may run while the waves fork
    try:
        # Wave 1 (posts, documents) then wave 2 (pages, which may show posts' content).
        for wave in (wave1, wave2):
            heavy = wave is wave2 and len(wave1) >= HEAVY_SITE
            # the posts' content entries are final after wave 1: a worker writes them while
            # this process renders the listing pages (few, long) of wave 2, instead of beside
            # the output wave's thousands of new files
            outcomes = run_wave(state, "content", wave, jobs, advance, heavy=heavy,
                                write_ahead=("content",) if heavy else ())
            _merge(outcomes, diagnostics)
            for o in outcomes:
                payloads[o.rel_path].update(o.fields)
            fingerprints.clear()
            if wave is wave1:
                attach_site(site, [payloads[rel] for rel in wave1], theme is not None)
        previous = session.outputs.pop(str(dest), None)
        folders = session.folders.pop(str(dest), None)
        staging = Patch(dest, previous, folders) if previous is not None and dest.is_dir() \
            else Staging(dest)
        try:
            state.staging = staging
            if session.probe is not None and \
                    not unchanged.FROM_ELSEWHERE & set(plugins.active(config, settings)):
                # templates of the pages printing the time, cut in the wave
                state.slicing = timeslots.plan(
                    str(source), config, now, renderer, by_path, writes,
                    lambda rel: session.cache.get("content", rel, env_key))
            outcomes = run_wave(state, "output", writes, jobs, advance,
                                write_ahead=("content",))
            _merge(outcomes, diagnostics)
            staging.stats.paths.update(by_path[rel].dest for rel in writes)
            staging.stats.paths.update(p["sass_map"][0] for p in payloads.values()
                                       if dict.get(p, "sass_map"))
            for f in sources.static_files:
                if f.write and f.rel_path not in losers:
                    staging.copy(f.dest, f.abs_path)
            assets_written = generators.write_assets(staging, settings, config, theme is not None)
            bundle, refresh = index_site(
                staging.root, dest, [by_path[r] for r in writes], site, theme is not None,
                isinstance(staging, Patch), later=session.defer_index)
            staging.stats.paths.update(bundle)
            staging.keep(settings.keep_files)
            staging.commit()
            if session.probe is not None:     # the record's listing of what was written
                session.probe.list_output(settings)
        except BaseException:
            staging.abort()
            raise
    finally:
        session.cache.flush()     # what was rendered stays useful, even after a failure
        session.hashes.save()
        session.memo_store.save()
    session.outputs[str(dest)] = made = set(staging.stats.paths)
    if made != previous:     # the record on disk already lists the same files otherwise
        session.cache.save_outputs(session.outputs)
    if now_inputs is not None:
        session.inputs.keep(now_inputs)
    seen = staging.seen_folders if isinstance(staging, Patch) else {}
    if seen:
        session.folders[str(dest)] = seen
    if seen is not folders:
        session.cache.save_record("folders.json", session.folders)
    session.live = LiveState(config, settings, now, renderer, payloads, by_path)
    if refresh is not None:       # serve: the search index follows the live pages
        from ..search.pagefind import BUNDLE
        refresh.on_swap = lambda files: session.replace_outputs(dest, BUNDLE, files)
    session.pending_index = refresh
    session.fingerprints = fingerprints.kept
    if session.probe is not None:
        # the collector off: a full collection here walked the whole site and its cache
        # entries (0.15 s at 5,000 posts) to free nothing the build still needs
        with paused():
            session.probe.collect(
                config, settings, now, docs + generated, unchanged.cache_entries(
                    lambda kind, rel: session.cache.get(kind, rel, env_key), by_path, writes),
                plugins.active(config, settings),
                timeslots.Slicer(renderer, payloads, by_path, str(dest), now,
                                 {o.rel_path: o.slots for o in outcomes if o.slots is not None}),
                elsewhere=[d for d in session.outputs if d != str(dest)])
    changed = None
    if staging.stats.replaced is not None and staging.stats.removed is not None:
        changed = sorted(staging.stats.replaced + staging.stats.removed)
    return BuildResult(destination=dest, documents=len(writes), changed_files=changed,
                       written=sum(o.written for o in outcomes),
                       unchanged=sum(o.unchanged for o in outcomes),
                       static=staging.stats.static + assets_written, seconds=0.0,
                       warnings=list(diagnostics.warnings), notes=list(diagnostics.notes),
                       outputs=outputs, rendered=[o.rel_path for o in outcomes if not o.cached])


@lru_cache(maxsize=1)
def _builtin_hash() -> str:
    """blogtool's own includes (JB/setup): part of the installed package, hashed once."""
    return tree_hash(Path(__file__).parent.parent / "builtin")


def _merge(outcomes: list, diagnostics: Diagnostics) -> None:
    """Warnings in document order; the first error (in document order) stops the build."""
    for o in outcomes:
        diagnostics.replay(o.warnings, o.notes)
    for o in outcomes:
        if o.error is not None:
            raise o.error
