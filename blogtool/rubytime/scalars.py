"""Ruby's ``to_s`` of a YAML value, which is what Jekyll hands to ``Time.parse`` (and what
Liquid prints for it)."""
from __future__ import annotations


def to_s(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return _inspect(value)
    return _scalar(value)


def _scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return _float(value)
    return str(value)


def _inspect(value: object) -> str:
    """Ruby's ``inspect``: strings quoted, ``nil``, ``[a, b]``, ``{"k"=>v}``."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inspect(k)}=>{_inspect(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _float(x: float) -> str:
    """``1e20`` is ``1.0e+20``, ``1e-05`` is ``1.0e-05``, NaN and infinities by name."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    text = repr(x)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}e{sign}{int(exponent.lstrip('+-')):02d}"
