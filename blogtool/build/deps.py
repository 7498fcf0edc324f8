"""What a rendered output read: the record that both the persistent cache and ``serve``'s
incremental rebuilds rest on (one mechanism).

Payload dicts (``site``, each ``page``) are :class:`TrackedDict`s. While a document renders, every
key read from them is recorded as ``(owner, key)``: a page that lists titles depends on
``(post, "title")``, not on the posts' bodies. A record is checked later by comparing
*fingerprints*: a stable hash of the value as the next build sees it, where other documents
inside a value count by identity (their owner), not by their contents.
Nothing here is global: a build makes one :class:`Recorder` and hands it to the payloads it
makes and to the work that records (``with recorder.recording() as reads``).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from . import clock
from .deferred import Deferred, settled
from .slotreuse import CARRIERS

ALL = "*"                      # iterating a dict reads every key of it
COLLECTIVE_MIN = 24            # this many documents of one kind read the same key -> one record


class Recorder:
    """Where reads go: the set of the innermost :meth:`recording`, or nowhere (``None``).
    One per build, shared by the payloads it made (each forked worker has its own copy)."""

    __slots__ = ("reads",)

    def __init__(self) -> None:
        self.reads: set | None = None

    def recording(self) -> _Recording:
        """Context manager: collect the ``(owner, key)`` reads made inside it (an outer
        recording sees them too)."""
        return _Recording(self)


class _Recording:
    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.reads: set = set()
        self._outer: set | None = None

    def __enter__(self) -> set:
        self._outer = self.recorder.reads
        self.recorder.reads = self.reads
        return self.reads

    def __exit__(self, *exc: Any) -> None:
        self.recorder.reads = self._outer
        if self._outer is not None:
            self._outer.update(self.reads)


IDLE = Recorder()              # never recording: for payloads made outside a build


class TrackedDict(dict):
    """A dict that reports reads to its recorder. ``owner`` names it: ``"site"``, a
    document's rel_path, or ``"site.data"``. A :class:`~blogtool.build.deferred.Deferred`
    value (rendered content from the cache) becomes its string when it is first read, by any
    way a dict can be read."""

    __slots__ = ("owner", "recorder")

    def __init__(self, owner: str, *args: Any, recorder: Recorder = IDLE, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.recorder = recorder

    def __reduce__(self):
        self.settle()
        return (_rebuild, (self.owner, dict(self)))

    def __getitem__(self, key: Any) -> Any:
        reads = self.recorder.reads
        if reads is not None:
            reads.add((self.owner, key))
        value = dict.__getitem__(self, key)
        return self._decoded(key, value) if type(value) is Deferred else value

    def get(self, key: Any, default: Any = None) -> Any:
        reads = self.recorder.reads
        if reads is not None:
            reads.add((self.owner, key))
        value = dict.get(self, key, default)
        return self._decoded(key, value) if type(value) is Deferred else value

    def _decoded(self, key: Any, value: Deferred) -> str:
        """A deferred value's string, kept in its place for the next read."""
        text = value.text()
        dict.__setitem__(self, key, text)
        return text

    def settle(self) -> None:
        """Every deferred value turned into its string (before the values are read in bulk,
        or copied out)."""
        for k in [k for k, v in dict.items(self) if type(v) is Deferred]:
            self._decoded(k, dict.__getitem__(self, k))

    def __contains__(self, key: object) -> bool:
        reads = self.recorder.reads
        if reads is not None:
            reads.add((self.owner, key))
        return dict.__contains__(self, key)

    def _all(self) -> None:
        reads = self.recorder.reads
        if reads is not None:
            reads.add((self.owner, ALL))

    def __iter__(self):
        self._all()
        return dict.__iter__(self)

    def keys(self):
        self._all()
        return dict.keys(self)

    def values(self):
        self._all()
        self.settle()
        return dict.values(self)

    def items(self):
        self._all()
        self.settle()
        return dict.items(self)

    def copy(self) -> TrackedDict:
        return TrackedDict(self.owner, dict.items(self), recorder=self.recorder)


def _rebuild(owner: str, items: dict) -> TrackedDict:
    return TrackedDict(owner, items)


# --- fingerprints ----------------------------------------------------------------------------

def _canon(value: Any, depth: int = 0) -> Any:
    """A JSON-able stand-in for a value; tracked dicts of documents by identity only."""
    if isinstance(value, TrackedDict) and depth > 0 and value.owner != "site.data":
        return ["@doc", value.owner]
    value = settled(value)
    if isinstance(value, dict):
        return {str(k): _canon(v, depth + 1) for k, v in dict.items(value)}
    if isinstance(value, (list, tuple)):
        return [_canon(v, depth + 1) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return ["@" + type(value).__name__, str(value)]


# Inputs from this many bytes are hashed with SHA-256, which the processor's SHA instructions
# run at about twice BLAKE2b's speed (1.7 against 0.74 GB/s here: rendered pages, post bodies);
# shorter ones with BLAKE2b, which costs less to set up (0.5 against 0.7 us a call)
LONG_INPUT = 512


def _hex(data: bytes, size: int) -> str:
    """A hex digest of ``size`` bytes of ``data``; the same bytes always give the same digest."""
    if len(data) < LONG_INPUT:
        return hashlib.blake2b(data, digest_size=size).hexdigest()
    return hashlib.sha256(data).hexdigest()[:2 * size]


def _digest(tag: str, text: str) -> str:
    return _hex((tag + text).encode("utf-8", "surrogatepass"), 12)


def fingerprint(value: Any) -> str:
    """Fingerprint of a field's value: documents inside it (even the value itself, like
    ``page.previous``) count by identity. A deferred string's comes from its bytes."""
    if type(value) is Deferred:
        return str_fingerprint(value.encoded())
    return _hex(_value_text(value).encode("utf-8", "surrogatepass"), 12)


def str_fingerprint(encoded: bytes) -> str:
    """:func:`fingerprint` of the string whose UTF-8 (``surrogatepass``) is ``encoded``: for
    a long string that was encoded anyway (the cache writing rendered content)."""
    return _hex(b"s" + encoded, 12)


def _value_text(value: Any) -> str:
    """The text a value's fingerprint is the digest of, led by a tag of its kind. Strings,
    numbers, documents and lists of documents (the common cases: titles, bodies,
    ``site.posts``) skip the JSON encoding."""
    kind = type(value)
    if kind is str:
        return "s" + value
    if kind is TrackedDict:
        return "d" + value.owner if value.owner != "site.data" else _json_text(value)
    if value is None:
        return "nNone"
    value = settled(value)
    if isinstance(value, str):
        return "s" + value
    if isinstance(value, list):
        if value and all(type(v) is str for v in value):        # tags, categories
            joined = "\x00".join(value)
            if joined.count("\x00") == len(value) - 1:     # no item holds a NUL: unambiguous
                return "L" + joined
            return "ls" + json.dumps(value, ensure_ascii=False)
        if all(isinstance(v, TrackedDict) for v in value):     # site.posts (or empty)
            return "l" + "\x00".join(v.owner for v in value)
    if value is None or isinstance(value, (bool, int, float)):
        return "n" + repr(value)
    if isinstance(value, TrackedDict) and value.owner != "site.data":
        return "d" + value.owner
    if isinstance(value, _dt.datetime):     # dates; unbound calls: site.time records nothing
        return "t" + _date_text(value)
    return _json_text(value)


def _json_text(value: Any) -> str:
    return "j" + json.dumps(_canon(value, 1), sort_keys=True, ensure_ascii=False, default=str)


# A row's key that names several fields of one document: this mark, then the field names
# joined by NUL. Its fingerprint is one digest over all of them.
SEVERAL = "\x02"


def several(keys: Iterable[str]) -> str:
    return SEVERAL + "\x00".join(keys)


@cache
def _joins(key: Any) -> bool:
    """A field name that shares its document's row with the others it read (not one that
    rendering makes, a whole-document read or a name that cannot be joined)."""
    return type(key) is str and key not in CARRIERS and key != ALL and "\x00" not in key \
        and key[:1] != SEVERAL


def _alone(key: Any) -> Any:
    """A document's field in a row of its own: a name that starts with the mark of joined
    rows would be taken for one, so its document counts as read whole (never missed)."""
    return ALL if type(key) is str and key[:1] == SEVERAL else key


def _several_fingerprint(target: dict, key: str) -> str:
    parts = []
    get, text_of = dict.get, _value_text
    for name, label in _labels(key):
        text = text_of(get(target, name, "\x00missing"))
        parts.append(f"{label}{len(text)}:{text}")
    return _hex("".join(parts).encode("utf-8", "surrogatepass"), 12)


@cache
def _labels(key: str) -> tuple[tuple[str, str], ...]:
    """The field names of a joined row's key, each with the label that leads its text."""
    return tuple((name, f"{len(name)}:{name}") for name in key[1:].split("\x00"))


def _date_text(value: _dt.datetime) -> str:
    shift = (getattr(value, "__dict__", None) or {}).get("year_shift", 0)
    return f"{type(value).__name__}|{_dt.datetime.isoformat(value)}|{shift}"


def content_hash(data: bytes) -> str:
    return _hex(data, 16)


def file_body_hash(file_digest: str) -> str:
    """The body hash of a body read as it is from a file whose bytes' :func:`content_hash`
    is ``file_digest``, without hashing the body again: the same bytes give the same body
    (the configuration and the code that split it are part of every entry's key). It
    never equals :func:`body_hash` of any text, so the two kinds never match each other."""
    return "@" + file_digest


def body_hash(body: object) -> str | None:
    """The hash cache entries record for a document's text body (None: no text body, or one
    that UTF-8 cannot carry)."""
    try:
        return content_hash(body.encode("utf-8")) if isinstance(body, str) else None
    except UnicodeEncodeError:
        return None


# Values that cannot change in place: when a field holds the very same object as in the last
# build (a title or body from a post read before, a cached rendering), its fingerprint is too.
_IMMUTABLE = frozenset((str, int, float, bool, type(None)))


class Fingerprints:
    """Current fingerprints of ``(owner, key)`` pairs, computed once per build.

    ``kept``: the previous build's immutable values and their fingerprints (a session keeps
    :attr:`kept` between builds), so a rebuild hashes only values that are new objects."""

    def __init__(self, payloads: dict[str, dict], site: dict, kept: dict | None = None):
        self.payloads = payloads
        self.site = site
        self.groups = _groups(payloads)
        self._memo: dict[tuple, str | None] = {}
        self._previous = kept or {}
        self.kept: dict[tuple, tuple[Any, str]] = {}

    def clear(self) -> None:
        self._memo.clear()

    def known(self, values: dict[tuple[str, str], tuple[Any, str]]) -> None:
        """Fingerprints made elsewhere, by ``(owner, field)`` with the value they are of (the
        cache hashes the rendered content it writes): used while the field holds that very
        object."""
        self.kept.update(values)

    def _owner(self, owner: str) -> dict | None:
        if owner == "site":
            return self.site
        if owner == "site.data":
            return self.site.get("data") if isinstance(self.site, dict) else None
        return self.payloads.get(owner)

    def of(self, owner: str, key: Any) -> str | None:
        """None when the owner no longer exists (the record is then stale)."""
        memo_key = (owner, key)
        fp: str | None = self._memo.get(memo_key, _UNSEEN)
        if fp is not _UNSEEN:
            return fp
        if key != ALL and owner not in _SITE_OWNERS and not owner.startswith("@group:"):
            # the common case: fields of one document
            target = self.payloads.get(owner)
            if target is None:
                fp = None
            elif type(key) is str and key[:1] == SEVERAL:
                fp = _several_fingerprint(target, key)
            else:
                fp = self._value_fingerprint(memo_key, dict.get(target, key, "\x00missing"))
        elif owner.startswith("@group:"):
            fp = self._group(owner[7:], key)
        else:
            target = self._owner(owner)
            if target is None:
                fp = None
            elif key == ALL:
                fp = fingerprint(dict(dict.items(target)))
            elif owner == "site" and isinstance(key, str) and key.startswith(clock.KEY + "."):
                fp = fingerprint(clock.value(dict.get(target, clock.KEY), key))
            else:
                fp = self._value_fingerprint(memo_key, dict.get(target, key, "\x00missing"))
        self._memo[memo_key] = fp
        return fp

    def _group(self, group: str, key: Any) -> str:
        """One digest of ``key`` over every member of ``group`` (a listing of every post's
        title): strings go in as they are, other values by their fingerprint."""
        members = self.groups.get(group, [])
        if key == ALL:
            return _digest("g", "\x00".join(f"{m}\x01{self.of(m, key)}" for m in members))
        payloads, pieces = self.payloads, []
        for m in members:
            value = settled(dict.get(payloads[m], key, "\x00missing"))
            if type(value) is str:
                pieces.append(f"{m}\x01s{value}")
            elif isinstance(value, _dt.datetime):
                pieces.append(f"{m}\x01t{_date_text(value)}")
            else:
                pieces.append(f"{m}\x01v{fingerprint(value)}")
        return _digest("G", "\x00".join(pieces))

    def _value_fingerprint(self, memo_key: tuple, value: Any) -> str:
        kind = type(value)
        if kind is not str and kind not in _IMMUTABLE and not isinstance(value, _dt.datetime):
            return fingerprint(value)      # a deferred string by its bytes, undecoded
        known = self.kept.get(memo_key) or self._previous.get(memo_key)
        if known is not None and known[0] is value:
            fp = known[1]
        else:
            fp = fingerprint(value)
        self.kept[memo_key] = (value, fp)
        return fp

    def record(self, reads: Iterable[tuple], own: str | None = None) -> list[list]:
        """Turn raw reads into ``[owner, key, fingerprint]`` rows, folding many documents of
        one group reading the same key into one collective row (no quadratic records), and
        one document's plain fields into one row (a page reads its own title, date, tags...
        and its neighbours' titles and URLs: one fingerprint each, not one a field; any of
        them changed means what it meant before: the entry is not used). Fields rendering
        makes, the site's fields, whole-document reads and names that do not join stay rows
        of their own."""
        by_key: dict[tuple, list[str]] = {}
        plain: dict[str, list[str]] = {}
        rows: list[tuple] = []
        group_of_, joins = _group_of, _joins
        for read in reads:
            owner, key = read
            if owner != own:
                group = group_of_(owner)
                if group is not None:
                    by_key.setdefault((group, key), []).append(owner)
                    continue
                if owner in _SITE_OWNERS:
                    rows.append(read)
                    continue
            if joins(key):
                plain.setdefault(owner, []).append(key)
            else:
                rows.append((owner, _alone(key)))
        for (group, key), owners in by_key.items():
            if len(owners) >= COLLECTIVE_MIN:
                rows.append(("@group:" + group, key))
            elif joins(key):
                for o in owners:
                    plain.setdefault(o, []).append(key)
            else:
                rows.extend((o, _alone(key)) for o in owners)
        for owner, keys in plain.items():
            rows.append((owner, keys[0]) if len(keys) == 1 else (owner, several(sorted(keys))))
        memo, of = self._memo, self.of
        out: list[list] = []
        for row in rows:      # most rows were fingerprinted for an earlier document
            owner, key = row
            if type(key) is not str and not isinstance(key, int):
                key = str(key)
                row = (owner, key)
            fp = memo.get(row, _UNSEEN)
            out.append([owner, key, of(owner, key) if fp is _UNSEEN else fp])
        return out

    def valid(self, rows: Iterable[list]) -> bool:
        for owner, key, fp in rows:
            if fp is None or self.of(owner, key) != fp:
                return False
        return True

    def valid_except(self, rows: Iterable[list], changed: set[str],
                     changed_groups: set[str]) -> bool:
        """:meth:`valid` that takes the rows of documents kept every field as recorded:
        all but those in ``changed`` and the groups in ``changed_groups`` (the site's own
        fields are always checked)."""
        of = self.of
        for owner, key, fp in rows:
            if fp is None:
                return False
            if owner in changed or owner in _SITE_OWNERS or \
                    (owner[:7] == "@group:" and owner[7:] in changed_groups):
                if of(owner, key) != fp:
                    return False
        return True


    def valid_packed(self, packed: Any, changed: set[str] | None) -> bool:
        """Rows kept by :func:`pack`: all of them (``changed`` None), or only those of the
        documents in ``changed``, found by their JSON token before anything is decoded."""
        if not packed:
            return True
        if changed is not None:
            if not changed:
                return True
            if len(changed) <= SCAN_MAX and isinstance(packed, str) and \
                    not any(_token(owner) in packed for owner in changed):
                return True
        try:
            rows = json.loads(packed)
            if changed is None:
                return self.valid(rows)
            return self.valid_except(rows, changed, set())
        except (TypeError, ValueError):
            return False


_SITE_OWNERS = frozenset(("site", "site.data"))
_UNSEEN: Any = object()     # not in the memo (None is a fingerprint: the owner is gone)
SCAN_MAX = 16       # changed documents looked for in packed rows; more: decode the rows


# json.dumps with options other than its defaults makes a new encoder each call (2-3 us)
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def pack(rows: list[list]) -> tuple[list[list], str]:
    """Rows split for the cache: those of the site and of groups (checked on every build) as
    a list, those of single documents as one JSON text, decoded only when a document it
    names changed: most entries then cost one string to load and a substring test to check."""
    shared: list[list] = []
    single: list[list] = []
    for row in rows:
        owner = row[0]
        (shared if owner in _SITE_OWNERS or owner[:7] == "@group:" else single).append(row)
    return shared, _COMPACT(single) if single \
        else ""


@cache
def _token(owner: str) -> str:
    return json.dumps(owner, ensure_ascii=False)


@cache
def _group_of(owner: str) -> str | None:
    """Documents are grouped by collection folder, so a listing of posts records one row."""
    if owner in ("site", "site.data"):
        return None
    if "_posts/" in owner or owner.startswith("_posts"):
        return "posts"
    if "_drafts/" in owner:
        return "posts"
    if owner.startswith("_generated/"):
        return "generated"
    if owner.startswith("_"):
        return owner.split("/", 1)[0]
    return "pages"


def _groups(payloads: dict[str, dict]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for owner in payloads:
        g = _group_of(owner)
        if g is not None:
            groups.setdefault(g, []).append(owner)
    for members in groups.values():
        members.sort()
    return groups


group_of = _group_of
