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
        return float_to_s(value)
    return str(value)


_NAMED = {"\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
          "\f": "\\f", "\v": "\\v", "\b": "\\b", "\a": "\\a", "\x1b": "\\e"}


def inspect_string(text: str) -> str:
    """``"a\\tb"``: quotes, backslashes and control characters escaped (``\\u0001``), and
    ``#`` before ``{``, ``$`` or ``@`` (which would interpolate); the rest as it is."""
    out = []
    for at, ch in enumerate(text):
        named = _NAMED.get(ch)
        if named is not None:
            out.append(named)
        elif ch < " " or ch in "\x7f\u2028\u2029":
            out.append(f"\\u{ord(ch):04X}")
        elif ch == "#" and text[at + 1:at + 2] in ("{", "$", "@"):
            out.append("\\#")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _inspect(value: object) -> str:
    """Ruby's ``inspect``: strings quoted, ``nil``, ``[a, b]``, ``{"k"=>v}``."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return inspect_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inspect(k)}=>{_inspect(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def float_to_s(x: float) -> str:
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
