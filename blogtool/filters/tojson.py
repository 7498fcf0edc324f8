"""``jsonify`` in its plain form: compact JSON with non-ASCII kept, as Ruby's ``to_json``
writes it, and documents nested two levels deep cut short (no endless previous/next chains)."""
from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Mapping
from typing import Any

from .rubyvalues import RubyTypeError, float_to_s, is_undefined, ruby_to_s, to_ruby_string

_NESTED_BLACKLIST = ("content", "output", "excerpt", "next", "previous")


def _is_document(value: Any) -> bool:
    return isinstance(value, Mapping) and "relative_path" in value and "collection" in value


def as_json_value(value: Any, depth: int = 0) -> Any:
    """Plain JSON data the way Jekyll's ``to_json`` sees drops: documents nested two levels
    deep lose ``content``, ``excerpt``, ``next`` and ``previous`` (no endless chains)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if is_undefined(value):
        return None
    if isinstance(value, Mapping):
        items = dict(value.items())
        if _is_document(value) and depth >= 2:
            for key in ("previous", "next"):
                if isinstance(items.get(key), Mapping):
                    items[key] = {k: v for k, v in items[key].items() if k not in _NESTED_BLACKLIST}
        return {str(k): as_json_value(v, depth + 1) for k, v in items.items()}
    if isinstance(value, (list, tuple)):
        return [as_json_value(v, depth + 1) for v in value]
    if isinstance(value, _dt.datetime):
        return to_ruby_string(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return to_ruby_string(value)


def _write(value: Any) -> str:
    """Ruby's ``to_json``: floats as Ruby prints them, keys as text, anything else its text."""
    if is_undefined(value):
        return "null"
    if value is None or isinstance(value, (bool, int)):
        return json.dumps(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyTypeError(f"{float_to_s(value)} not allowed in JSON")
        return float_to_s(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_write(ruby_to_s(k))}:{_write(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_write(v) for v in value) + "]"
    if isinstance(value, range):
        return json.dumps(ruby_to_s(value))
    return json.dumps(ruby_to_s(value), ensure_ascii=False)


def jsonify(value: Any) -> str:
    """Compact, non-ASCII kept, ``</`` not escaped, floats as Ruby writes them (``1.0e+20``)."""
    return _write(as_json_value(value))
