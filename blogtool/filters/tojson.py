"""``jsonify`` in its plain form: compact JSON with non-ASCII kept, as Ruby's ``to_json``
writes it, and documents nested two levels deep cut short (no endless previous/next chains)."""
from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Mapping
from typing import Any

from .rubyvalues import is_undefined, to_ruby_string

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


def jsonify(value: Any) -> str:
    """Ruby's ``to_json``: compact, non-ASCII kept, ``</`` not escaped."""
    return json.dumps(as_json_value(value), ensure_ascii=False, separators=(",", ":"))

