"""What every reading function shares: the settings, the site's zone and time, where messages
go, and the shapes of file names."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import Diagnostics
from ...timeutil import RubyTime, site_zone
from ..settings import Settings

# Jekyll's Document::DATE_FILENAME_MATCHER and DATELESS_FILENAME_MATCHER
POST_NAME = re.compile(r"^(?:.+/)*?(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]*)(\.[^.]+)$")
DRAFT_NAME = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")
HTML_EXTS = (".html", ".xhtml", ".htm")
YAML_EXTS = (".yml", ".yaml")
SASS_EXTS = (".scss", ".sass")


@dataclass
class ReadContext:
    settings: Settings
    config: dict
    source: Path
    zone: Any
    site_time: RubyTime
    diagnostics: Diagnostics
    dest_real: str
    visited: set
    memo: dict | None = None
    config_key: str = ""
    jobs: int = 1
    # rel_path -> (mtime ns, size, content hash) of the post files parsed, for the caller
    # (a cached build's file hashes): hashed from the bytes the reader read, in its workers
    stamps: dict[str, tuple[int, int, str]] | None = None
    # the post files found (with a memo): what the memo keeps entries for
    listed: set[str] | None = None
    # rel_path -> (mtime ns, size) of the post files taken from the memo, as stat-ed for it
    # (the caller's file hashes need not stat them again)
    stat_stamps: dict[str, tuple[int, int]] | None = None
    # the memo's entries as the reading processes pickled them, by shard (readmemo.pack_parts)
    memo_parts: dict[int, list[tuple[tuple[str, ...], bytes]]] | None = None


def make_context(config: dict, settings: Settings, site_time: RubyTime,
                 diagnostics: Diagnostics, jobs: int = 1) -> ReadContext:
    return ReadContext(settings, config, Path(settings.source).resolve(),
                       site_zone(settings.timezone), site_time, diagnostics,
                       os.path.realpath(settings.destination), set(), jobs=jobs)
