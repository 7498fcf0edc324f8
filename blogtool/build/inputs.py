"""What every document's payload fields are made of, kept from the last good build.

A document's fields (title, url, date, tags, neighbours by identity, its paginator...) come
from the documents themselves (their files and the configuration) and their order; only the
rendered ones (content, excerpt) come from rendering. So when the environment and the order of
the documents are those of the last good build, only the fields of documents whose file
changed (and of generated documents, made from the others) can differ from what the cache
entries recorded; the others need not be fingerprinted again (``WorkState.trusted_fields``).
Plugins that add fields from elsewhere (git, file times) switch this off.
"""
from __future__ import annotations

from typing import Any

from ..models import Document
from . import plugins
from .cache import Cache, FileHashes
from .readmemo import local_zone
from .settings import Settings
from .unchanged import FROM_ELSEWHERE

RECORD = "inputs.json"


def current(env_key: str, jekyll_env: str, by_path: dict[str, Document], hashes: FileHashes,
            config: dict, settings: Settings) -> dict[str, Any] | None:
    """The inputs of this build: the environment and each document (in build order) with
    its file's content hash and mtime (a date may come from the mtime)."""
    if FROM_ELSEWHERE & set(plugins.active(config, settings)):
        return None
    docs = [[rel, "generated" if doc.generated else hashes.stamp(rel)]
            for rel, doc in by_path.items()]
    return {"env": f"{env_key}|{jekyll_env}|{local_zone()}", "docs": docs}


def changed_documents(now: dict[str, Any] | None, known: dict[str, Any]) -> set[str] | None:
    """Documents whose fields may differ from the records, or None when any may."""
    if now is None or not known or known.get("env") != now["env"]:
        return None
    old = known.get("docs")
    if not isinstance(old, list) or len(old) != len(now["docs"]):
        return None
    changed = set()
    for (rel, stamp), entry in zip(now["docs"], old, strict=True):
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != rel:
            return None
        if entry[1] != stamp:
            changed.add(rel)
    if changed:
        changed.update(rel for rel, stamp in now["docs"] if stamp == "generated")
    return changed


class InputsRecord:
    """The record on disk (in the cache folder) with a session's copy of it."""

    def __init__(self, cache: Cache):
        self.cache = cache
        self._known: dict[str, Any] | None = None

    def known(self) -> dict[str, Any]:
        if self._known is None:
            self._known = self.cache.load_record(RECORD)
        return self._known

    def forget(self) -> None:
        """Before rendering with other inputs: the entries this build makes are not those
        of the recorded inputs, so a failed build leaves no record."""
        if self.known():
            self._known = {}
            self.cache.save_record(RECORD, {})

    def keep(self, now: dict[str, Any]) -> None:
        if now != self.known():
            self._known = now
            self.cache.save_record(RECORD, now)
