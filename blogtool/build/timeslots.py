"""Pages that print the build's time (a feed's ``<updated>``), kept as templates.

A page that reads the whole ``site.time`` changes on every build, so a build in which nothing
else changed would still have to render it. At the end of a good build such a page is
rendered four more times, at the other instants of :func:`instants`; in all five texts every
time written in one of the formats of :data:`CATALOGUE` (computed by the date filters' own
code) is cut out. When the five texts that remain are the same, the time reaches the page
only through those strings, and the page is kept as its text pieces and the formats of its
slots: :func:`refill` writes it for any instant without rendering.

Two instants near the build's time, in which every calendar field differs, tell the fields
apart. They may agree on what changes only at some times of the year or day: the ISO week's
year (``%G``, which is the year except near New Year), AM/PM (``%p``), the zone's offset and
name under daylight saving time (``%z``, ``%Z``), the century (``%C``), and whether a day,
month, hour... has one digit (``%d`` and ``%-d`` write the same on the 20th). The other two
instants differ from them in each of these: a New Year's Eve late in the evening that is in
the next year's first ISO week (two digits everywhere, winter in the north), and a July
morning a century later at 08:04:05 (one digit everywhere, summer in the north).

The templates are JSON beside the unchanged-site record; filling one imports only the date
filters. :class:`Slicer` (the rendering) runs at the end of a build only, and renders a page
again only when something it was made of besides the time changed: a page whose recorded
inputs (files, environment, fields read, except the time and what its own rendering made) are
those of the last template, and whose new text is that template filled at the new time, keeps
its template. Pages whose own text reads the whole time (found before the output wave,
:func:`plan`) are rendered at the other instants and cut in the output wave itself
(:func:`in_wave`), where the processes of the build share them; :class:`Slicer` takes those
results instead of rendering the pages again.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .cachedir import CACHE_DIR, FORMAT, write_json
from .slotreuse import CARRIERS, again, inputs, pieces_digest

FILE = "timeslots.json"
MAX_PAGES = 16      # more pages printing the time (every post): rendering them twice costs more
SHIFTS = (_dt.timedelta(days=400, hours=1, minutes=1, seconds=1, microseconds=1001),
          -_dt.timedelta(days=37, hours=5, minutes=7, seconds=11, microseconds=7013))
_NAMED = ("to_s", "xmlschema", "rfc822", "string", "string ordinal", "string ordinal US",
          "long", "long ordinal", "long ordinal US")
_FORMATS = ("%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%SZ",
            "%Y-%m-%dT%H:%M:%S", "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z",
            "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
            "%Y/%m/%d %H:%M", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y",
            "%b %-d, %Y", "%B %-d, %Y", "%b %d, %Y", "%B %d, %Y", "%-d %b %Y", "%-d %B %Y",
            "%d %b %Y", "%d %B %Y", "%A, %B %-d, %Y", "%a %b %e %H:%M:%S %Z %Y",
            "%Y年%m月%d日", "%Y年%-m月%-d日", "%Y年%m月%d日 %H:%M", "%Y年%-m月%-d日 %H:%M",
            "%Y-%m", "%Y/%m", "%B %Y", "%b %Y", "%Y")    # each holds the year
CATALOGUE = _NAMED + _FORMATS
CUT = 5   # instants a kept template was checked at; templates without it are not trusted
UNCUT = "uncut"   # the output wave's answer for a page that has no template


def templates_path(source: str) -> str:
    """Where the templates of the site at ``source`` are kept."""
    return os.path.join(source, CACHE_DIR, f"v{FORMAT}", FILE)


def value(name: str, t: _dt.datetime) -> str:
    """The text of ``t`` in the catalogue's format ``name``, as the date filters print it."""
    from ..filters import dates
    if name[0] == "%":
        return dates.ruby_strftime(t, name)
    if name == "to_s":
        from ..filters.rubyvalues import ruby_to_s
        return ruby_to_s(t)
    if name == "xmlschema":
        return str(dates.date_to_xmlschema(t, zone=t.tzinfo or _dt.UTC))
    if name == "rfc822":
        return str(dates.date_to_rfc822(t, zone=t.tzinfo or _dt.UTC))
    kind, *rest = name.split(" ")
    stringify = dates.date_to_string if kind == "string" else dates.date_to_long_string
    return str(stringify(t, *rest, zone=t.tzinfo or _dt.UTC))


def instants(now: _dt.datetime) -> list[_dt.datetime]:
    """The instants a page printing the time is rendered at, ``now`` first: see above."""
    from ..timeutil import RubyTime
    zone = now.tzinfo
    year = now.year + 3
    while _dt.date(year, 12, 31).isoweekday() > 3:   # Monday to Wednesday: in the next
        year += 1                                    # year's first ISO week
    turns = (_dt.datetime(year, 12, 31, 22, 47, 38, 654321, tzinfo=zone),
             _dt.datetime(now.year + 101, 7, 2, 8, 4, 5, 1002, tzinfo=zone))
    utc = now.astimezone(_dt.UTC)
    return [now, *(RubyTime.wrap((utc + s).astimezone(zone)) for s in SHIFTS),
            *(RubyTime.wrap(t.astimezone(_dt.UTC).astimezone(zone)) for t in turns)]


def cut(texts: list[str], instants: list[_dt.datetime]) -> dict | None:
    """The template of a page rendered as ``texts`` at ``instants``, or None when the texts
    differ by more than times in the catalogue's formats. Where several formats write the
    same at every instant, the first is taken."""
    tables = [{name: value(name, t) for name in CATALOGUE} for t in instants]
    years = [table["%Y"] for table in tables]
    # a format whose text turns up a different number of times at the instants also
    # matches something else (a post dated the same year): it is not looked for
    counts = [_count(_split(text, set(table.values()), year)[1])
              for text, table, year in zip(texts, tables, years, strict=True)]
    names = [n for n in CATALOGUE if counts[0].get(tables[0][n]) and
             len({c.get(table[n], 0) for c, table in zip(counts, tables, strict=True)}) == 1]
    found = [_split(text, {table[n] for n in names}, year)
             for text, table, year in zip(texts, tables, years, strict=True)]
    pieces = found[0][0]
    if any(f[0] != pieces for f in found):
        return None
    slots = []
    for j in range(len(pieces) - 1):
        matching = [n for n in names
                    if all(table[n] == f[1][j] for table, f in zip(tables, found, strict=True))]
        if not matching:
            return None
        slots.append(matching[0])
    return {"pieces": pieces, "slots": slots}


def _count(found: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in found:
        counts[v] = counts.get(v, 0) + 1
    return counts


def _split(text: str, values: set[str], year: str) -> tuple[list[str], list[str]]:
    """``text`` cut at the occurrences of ``values`` (each holds ``year``), found from the
    start, the longest at each place: the pieces between them, and the values found."""
    by_length = sorted(((v, v.find(year)) for v in values if year in v),
                       key=lambda vk: len(vk[0]), reverse=True)
    pieces, found, at = [], [], 0
    p = text.find(year) if by_length else -1
    while p != -1:
        for v, k in by_length:
            start = p - k
            if start >= at and text.startswith(v, start):
                pieces.append(text[at:start])
                found.append(v)
                at = start + len(v)
                break
        p = text.find(year, max(p + 1, at))
    pieces.append(text[at:])
    return pieces, found


def _valid(page: Any) -> bool:
    """A kept page: the stamp of the file it describes and its slots, each as the byte
    offset, the format and the text it holds now, in order."""
    if not isinstance(page, dict):
        return False
    stamp, slots = page.get("stamp"), page.get("slots")
    if not isinstance(stamp, list) or len(stamp) != 2 or \
            not all(type(x) is int for x in stamp) or not isinstance(slots, list):
        return False
    at = 0
    for slot in slots:
        if not isinstance(slot, list) or len(slot) != 3 or type(slot[0]) is not int or \
                slot[0] < at or slot[1] not in CATALOGUE or not isinstance(slot[2], str):
            return False
        at = slot[0]
    return True


def carried_elsewhere(readers: set[str], entries: Iterable[tuple[str, dict]]) -> bool:
    """Whether an entry of another document read a field of a reader that the rendering
    makes (its content, its excerpt...), alone or through its group."""
    from .deps import group_of
    groups = {"@group:" + g for g in (group_of(r) for r in readers) if g is not None}
    for rel, entry in entries:
        for row in entry.get("fields", ()):
            if row[0] in groups and row[1] in CARRIERS:
                return True
        packed = entry.get("doc_fields")
        if packed and any(json.dumps(r, ensure_ascii=False) in packed for r in readers):
            for owner, key, _ in json.loads(packed):
                if owner in readers and owner != rel and key in CARRIERS:
                    return True
    return False


_SITE_TIME = re.compile(r"""site\s*(\.\s*time\b|\[\s*["']time["']\s*\])|["'](?i:now|today)["']""")
_TAG = re.compile(r"\{%(.*?)%\}", re.S)
_CAPTURED = re.compile(r"\{%-?\s*capture\b.*?%\}(.*?)\{%-?\s*endcapture\b", re.S)


def decides(text: str) -> bool:
    """Whether Liquid ``text`` uses ``site.time`` (or ``"now"``) in a tag (a condition, an
    assignment, a loop) or captures it: what it decides need not show in three renders."""
    if not _SITE_TIME.search(text):
        return False
    return any(_SITE_TIME.search(m.group(1)) for m in _TAG.finditer(text)) or \
        any(_SITE_TIME.search(m.group(1)) for m in _CAPTURED.finditer(text))


def _sources_decide(source: str, layouts: Iterable[Any], readers: set[str],
                    entries: Iterable[tuple[str, dict]]) -> bool:
    """Whether a file the readers were rendered from (their own, layouts, includes) uses the
    time in a tag; a file that cannot be read counts as one that does."""
    bodies = {layout.rel_path: layout.body for layout in layouts}
    paths = {path for rel, entry in entries if rel in readers for path in entry.get("files", ())}
    for path in sorted(paths):
        text = bodies.get(path)
        if text is None:
            try:
                with open(os.path.join(source, path), encoding="utf-8",
                          errors="replace") as fh:
                    text = fh.read()
            except OSError:
                return True
        if decides(text):
            return True
    return False


def read_kept(source: str) -> dict:
    """The last build's templates of the site at ``source`` by destination path ({} when
    there are none)."""
    try:
        with open(templates_path(source), "rb") as fh:
            kept = json.loads(fh.read())
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict) or kept.get("cut") != CUT:
        return {}
    pages = kept.get("pages")
    return pages if isinstance(pages, dict) else {}


def _reused(last: Any, data: bytes, made_of: str, now: _dt.datetime) -> dict | None:
    """The last build's template of a page written as ``data`` when it still describes it."""
    if not isinstance(last, dict) or not _valid(last):
        return None
    return again(last, data, made_of, now, value)


def slice_page(renderer: Any, doc: Any, payload: dict, text: str,
               at: list[_dt.datetime]) -> dict | None:
    """The template of ``doc`` (its payload ``payload``), written as ``text`` at ``at[0]``:
    rendered again at the other instants and cut, or None. Reads are not recorded (no
    recording is under way); the caller drops what the renders report."""
    from .clock import SiteTime
    from .deps import IDLE
    from .payload import fresh_views
    site = renderer.site
    saved = dict.__getitem__(site, "time")
    texts = [text]
    try:
        with fresh_views():     # a view of ``site`` kept from before would show the old time
            for t in at[1:]:
                dict.__setitem__(site, "time", SiteTime.of(t, IDLE))
                page = payload.copy()
                renderer.render_content(doc, page)
                texts.append(renderer.render_output(doc, page, paginator=page.get("paginator")))
    finally:
        dict.__setitem__(site, "time", saved)
    return cut(texts, at)


@dataclass
class Slicing:
    """What the output wave needs to cut templates: the build's instants (its time first),
    the pages to cut (their own text reads the whole time) and the last build's templates."""

    instants: list[_dt.datetime]
    pages: frozenset[str]
    kept: dict


def plan(source: str, config: dict, now: _dt.datetime, renderer: Any, docs: dict,
         writes: Iterable[str], content: Callable[[str], dict | None]) -> Slicing | None:
    """The pages the output wave cuts templates of, or None: written pages and generated
    files whose content entry (``content(rel)``) read the whole time, when there are at
    most :data:`MAX_PAGES` (layouts reading it are found only later: :class:`Slicer` renders
    those pages itself) and none of them is one :class:`Slicer` would refuse for the search
    index."""
    if config.get("time"):
        return None       # the time is fixed: no template is made
    pages = []
    for rel in writes:
        doc = docs[rel]
        if doc.kind != "page" and not doc.generated:
            continue
        entry = content(rel)
        if entry is not None and any(row[0] == "site" and row[1] == "time"
                                     for row in entry.get("fields", ())):
            pages.append(rel)
    if not pages or len(pages) > MAX_PAGES:
        return None
    from ..search import indexable, options
    if options(renderer.site, renderer.theme is not None).search and \
            any(indexable(docs[rel]) for rel in pages):
        return None
    return Slicing(instants(now), frozenset(pages), read_kept(source))


def in_wave(slicing: Slicing, renderer: Any, doc: Any, payload: dict, text: str,
            data: bytes, made_of: str) -> dict | str | None:
    """For a page of ``slicing`` just rendered as ``text`` and written as ``data`` in the
    output wave: None when the last build's template still describes it (:class:`Slicer`
    finds that out again, cheaply), else its template as a kept page without stamp (the
    slots' byte offsets in ``data``, a digest of the pieces, ``made_of``), or :data:`UNCUT`
    when it has none (the texts differ by more than the time, or a render failed). What the
    renders report is dropped."""
    now = slicing.instants[0]
    diagnostics = renderer.diagnostics
    mark = diagnostics.mark()
    try:
        if _reused(slicing.kept.get(doc.dest), data, made_of, now) is not None:
            return None
        template = slice_page(renderer, doc, payload, text, slicing.instants)
        if template is None:
            return UNCUT
        return {"slots": _offsets(template, now), "pieces": pieces_digest(template["pieces"]),
                "inputs": made_of}
    except Exception:      # noqa: BLE001  any failure: no template, never a failed build
        return UNCUT
    finally:
        diagnostics.take(mark)


class Slicer:
    """Renders the pages that read the whole time at other instants and cuts templates.
    ``sliced``: the output wave's answers (:func:`in_wave`) by document."""

    def __init__(self, renderer: Any, payloads: dict, by_path: dict, dest: str,
                 now: _dt.datetime, sliced: dict | None = None):
        self.renderer, self.payloads, self.by_path = renderer, payloads, by_path
        self.dest, self.now = dest, now
        self.sliced = sliced or {}

    def __call__(self, readers: set[str], entries: list[tuple[str, dict]]) -> dict | None:
        """``{destination path: template}`` for every written reader, or None."""
        if len(readers) > MAX_PAGES or carried_elsewhere(readers, entries) or _sources_decide(
                str(self.renderer.settings.source), self.renderer.layouts.values(), readers,
                entries):
            return None
        diagnostics = self.renderer.diagnostics
        mark = diagnostics.mark()
        try:
            return self._templates(readers, entries)
        except Exception:      # noqa: BLE001  any failure: no template, the build runs
            return None
        finally:
            diagnostics.take(mark)

    def _kept(self) -> dict:
        """The last build's templates by destination path ({} when there are none)."""
        return read_kept(str(self.renderer.settings.source))

    def _templates(self, readers: set[str], entries: list[tuple[str, dict]]) -> dict | None:
        from ..search import indexable, options
        site = self.renderer.site
        docs = [self.by_path[rel] for rel in readers if rel in self.by_path]
        # pages and generated files only (a post's content goes into listings and the
        # error index); none the search index reads
        if len(docs) < len(readers) or any(d.kind != "page" and not d.generated for d in docs) or \
                (options(site, self.renderer.theme is not None).search and
                 any(indexable(d) for d in docs)):
            return None
        at = instants(self.now)
        out: dict = {}
        kept = self._kept()
        for rel in sorted(readers):
            doc = self.by_path.get(rel)
            if doc is None:
                return None
            if not doc.write:
                continue
            with open(os.path.join(self.dest, doc.dest), "rb") as fh:
                data = fh.read()
            made_of = inputs(rel, entries)
            template = _reused(kept.get(doc.dest), data, made_of, self.now)
            sliced = self.sliced.get(rel)
            if template is None and sliced == UNCUT:
                return None
            if template is None and isinstance(sliced, dict):
                # made in the output wave: taken when it describes the page as written
                template = again(sliced, data, made_of, self.now, value)
            if template is None:
                template = slice_page(self.renderer, doc, self.payloads[rel],
                                      data.decode("utf-8"), at)
            if template is None:
                return None
            out[doc.dest] = {**template, "inputs": made_of}
        return out


def _offsets(template: dict, now: _dt.datetime) -> list[list]:
    """A template's slots as kept: the byte offset of each in the page written at ``now``,
    its format and its text then."""
    at, cuts = 0, []
    for piece, name in zip(template["pieces"], template["slots"], strict=False):
        at += len(piece.encode("utf-8")) if isinstance(piece, str) else len(piece)
        text = value(name, now)
        cuts.append([at, name, text])
        at += len(text.encode("utf-8"))
    return cuts


def keep(path: str, slots: dict, output: list) -> dict | None:
    """Write the templates of a build's record into ``path`` (``slots``: the zone's name, the
    build's time, the templates by destination path) and answer what the record keeps of
    them, or None.

    A page's text pieces are the file itself: what is kept is the byte offset of each slot
    in the file as written, with its format and its text, and the file's stamp."""
    now, pages = slots["now"], slots["pages"]
    stamps = {rel: [m, n] for rel, m, n in zip(output[0::3], output[1::3], output[2::3],
                                                strict=True)}
    kept: dict = {}
    for rel, template in pages.items():
        if rel not in stamps:
            return None
        kept[rel] = {"stamp": stamps[rel], "slots": _offsets(template, now),
                     "inputs": template.get("inputs"),
                     "pieces": pieces_digest(template["pieces"])}
    token = f"{os.getpid()}-{time.time_ns()}"
    if not write_json(path, {"token": token, "cut": CUT, "pages": kept}):
        return None
    return {"zone": slots["zone"], "token": token}


def refill(path: str, record: dict, site_time: _dt.datetime | None) -> list[str] | None:
    """Write the record's templated pages (templates in ``path``) for this instant (only
    those whose text changes), and their new stamps into the record: the pages rewritten, or
    None when the templates cannot be trusted (the build then runs)."""
    slots = record["slots"]
    try:
        with open(path, "rb") as fh:
            kept = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("token") != slots["token"] or \
            kept.get("cut") != CUT:
        return None
    pages = kept.get("pages")
    flat = record["output"]
    at = {rel: 3 * i for i, rel in enumerate(flat[0::3])}
    if not isinstance(pages, dict) or not all(
            _valid(page) and rel in at and flat[at[rel] + 1:at[rel] + 3] == page["stamp"]
            for rel, page in pages.items()):
        return None
    from ..timeutil import RubyTime, site_zone
    now = RubyTime.wrap((site_time or _dt.datetime.now(_dt.UTC)).astimezone(
        site_zone(slots["zone"])))
    dest = record["dest"]
    rewritten = []
    for rel, page in sorted(pages.items()):
        texts = [value(name, now) for _, name, _ in page["slots"]]
        if texts == [old for _, _, old in page["slots"]]:
            continue
        target = os.path.join(dest, rel)
        with open(target, "rb") as fh:
            data = fh.read()
        out: list[bytes] = []
        cuts: list[list] = []
        done = shift = 0
        for (offset, name, old), new in zip(page["slots"], texts, strict=True):
            old_bytes, new_bytes = old.encode("utf-8"), new.encode("utf-8")
            if data[offset:offset + len(old_bytes)] != old_bytes:
                return None
            out += (data[done:offset], new_bytes)
            done = offset + len(old_bytes)
            cuts.append([offset + shift, name, new])
            shift += len(new_bytes) - len(old_bytes)
        out.append(data[done:])
        where, base = os.path.split(target)
        tmp = os.path.join(where, f".{base}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(b"".join(out))
        os.replace(tmp, target)
        st = os.stat(target)
        i = at[rel]
        flat[i + 1:i + 3] = page["stamp"] = [st.st_mtime_ns, st.st_size]
        page["slots"] = cuts
        folder = os.path.dirname(rel)
        flat[at[folder + "/" if folder else ""] + 1] = os.stat(where).st_mtime_ns
        rewritten.append(rel)
    if rewritten:
        record["written"] = time.time_ns()
        if not write_json(path, kept):
            return None
    return rewritten
