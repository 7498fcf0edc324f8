"""Reading source files: the bytes of a regular file (never blocking on a pipe or a device),
and YAML loaded with Psych's rules (as Jekyll loads configuration, data and front matter)."""
from __future__ import annotations

import errno
import os
import re
import stat
from typing import Any

import yaml

from ..errors import InvalidYaml

try:  # libyaml is 7-10x faster; fall back to the pure loader when it is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader


class YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader with one Psych rule: a timestamp-shaped scalar that is not a real
    date (``2014-02-30``, ``2014-10-13 25:00:00``) stays a string instead of raising
    ``ValueError`` out of the loader (Jekyll then parses the string like any other date)."""


def _timestamp_or_string(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_string)

# Psych reads a plain one-line scalar starting with ':' (`meta: :PLATFORM ve :THEME`) as a Ruby
# Symbol, which Jekyll 4.3.1's safe YAML loading refuses ("Tried to load unspecified class:
# Symbol"): the configuration and _data stop the build, front matter is an error and skipped.
_SYMBOL_TAG = "tag:ruby.yaml.org,2002:sym"
YamlLoader.add_implicit_resolver(_SYMBOL_TAG, re.compile(r"^:[^\n]+$"), [":"])


def _refuse_symbol(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> object:
    raise yaml.constructor.ConstructorError(None, None, "Tried to load unspecified class: Symbol",
                                            node.start_mark)


YamlLoader.add_constructor(_SYMBOL_TAG, _refuse_symbol)


class NotRegularFile(OSError):
    """A source path that is a FIFO, socket or device: reading it could block forever."""


def read_source_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a regular source file, never blocking: the file is opened non-blocking and
    checked with ``fstat`` on the open descriptor (no race with a swap), so a named pipe or a
    device raises :class:`NotRegularFile` instead of hanging the build."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        while True:
            chunk = os.read(fd, max(st.st_size + 1, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Load YAML with Psych-like 1.1 semantics; errors become ``path:line: sentence``."""
    try:
        return yaml.load(text, Loader=YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 + line_offset) if mark is not None else (line_offset or None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InvalidYaml(path, line, f"invalid YAML: {problem}") from None
    except RecursionError:  # [[[[... thousands deep: PyYAML's composer recurses
        raise InvalidYaml(path, line_offset or None, "invalid YAML: nested too deeply") from None
