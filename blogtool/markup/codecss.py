"""The code colours of the default theme: CSS for ``.highlight`` blocks from a light and a
dark Pygments style, readable in both colour schemes.

Pygments' own stylesheets are made for one scheme at a time. Put one after the other under
``prefers-color-scheme``, a rule only the light style has (a token background, a border, a
colour the dark style leaves to its default) stays in force in dark mode: a near-white box
behind a dark-mode token. And several built-in styles have token colours too faint for their
own background. Here each scheme gets a complete set of rules: every token class has an
explicit colour, weight, slant and decoration in both schemes; tokens never get a background
or a border (the block has one background); every colour is moved towards black or white,
as little as needed, until it has a WCAG contrast of at least 4.5 against the block.
"""
from __future__ import annotations

from functools import lru_cache

from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Token, _TokenType

__all__ = ["MIN_CONTRAST", "contrast", "readable", "code_css", "parse_colour"]

MIN_CONTRAST = 4.5          # WCAG AA for normal text

# The log lexer's level tokens get colours of their own, distinct in every style.
LEVEL_TOKENS: dict[str, _TokenType] = {
    "ERROR": Token.Generic.Error,
    "WARN": Token.Generic.Emph,
    "INFO": Token.Keyword.Pseudo,
    "DEBUG": Token.Comment.Special,
}
_LEVEL_COLOURS = {
    False: {"ERROR": "#c4122f", "WARN": "#9a5b00", "INFO": "#1a5fd6", "DEBUG": "#5c5f77"},
    True: {"ERROR": "#ff7b72", "WARN": "#f5c451", "INFO": "#7aa2f7", "DEBUG": "#a8adb5"},
}

RGB = tuple[int, int, int]


def parse_colour(value: str) -> RGB:
    """``#rgb`` or ``#rrggbb`` as three 0-255 integers."""
    text = value.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a hex colour: {value!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _luminance(rgb: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | RGB, b: str | RGB) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la = _luminance(parse_colour(a) if isinstance(a, str) else a)
    lb = _luminance(parse_colour(b) if isinstance(b, str) else b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))


def readable(colour: str, background: str, minimum: float = MIN_CONTRAST) -> str:
    """``colour``, or the nearest mix of it with black (on a light background) or white (on
    a dark one) that reaches ``minimum`` contrast against ``background``."""
    fg, bg = parse_colour(colour), parse_colour(background)
    if contrast(fg, bg) >= minimum:
        return _hex(fg)
    target = (0, 0, 0) if _luminance(bg) > 0.18 else (255, 255, 255)
    lo, hi = 0.0, 1.0
    for _ in range(20):                  # bisect the smallest mix that passes
        mid = (lo + hi) / 2
        if contrast(_mix(fg, target, mid), bg) >= minimum:
            hi = mid
        else:
            lo = mid
    return _hex(_mix(fg, target, hi))


def _is_dark(background: str) -> bool:
    return _luminance(parse_colour(background)) < 0.18


def _style(name: str) -> StyleMeta:
    return get_style_by_name(name)


def _rules(name: str, selector: str) -> list[str]:
    style = _style(name)
    bg = _hex(parse_colour(style.background_color or "#ffffff"))
    dark = _is_dark(bg)
    base = style.style_for_token(Token)
    fg = readable("#" + base["color"] if base["color"] else
                  ("#e6e6e6" if dark else "#1f2328"), bg)
    hll = style.highlight_color or bg
    # a highlighted line keeps the text readable: the mark is blended into the background
    for t in (1.0, 0.6, 0.4, 0.25, 0.15, 0.0):
        candidate = _hex(_mix(parse_colour(bg), parse_colour(hll), t))
        if contrast(fg, candidate) >= MIN_CONTRAST:
            break
    number = style.line_number_color or ""
    number = readable(number if number.startswith("#") else "#808080", bg)
    rules = [
        f"{selector}, {selector} pre {{ background: {bg}; color: {fg} }}",
        f"{selector} .hll {{ background-color: {candidate} }}",
        f"{selector} .gl, {selector} .lineno, {selector} .linenos"
        f" {{ color: {number}; background: transparent }}",
    ]
    levels = {token: level for level, token in LEVEL_TOKENS.items()}
    groups: dict[str, list[str]] = {}       # declarations -> the classes that share them
    for ttype, cls in sorted(STANDARD_TYPES.items(), key=lambda item: item[1]):
        if not cls:
            continue
        spec = style.style_for_token(ttype)
        level = levels.get(ttype)
        if level is not None:
            colour = _LEVEL_COLOURS[dark][level]
            weight = "bold" if level in ("ERROR", "WARN") else "normal"
            slant = "normal"
        else:
            colour = "#" + spec["color"] if spec["color"] else fg
            weight = "bold" if spec["bold"] else "normal"
            slant = "italic" if spec["italic"] else "normal"
        decoration = "underline" if spec["underline"] else "none"
        declarations = (f"color: {readable(colour, bg)}; font-weight: {weight}; "
                        f"font-style: {slant}; text-decoration: {decoration}")
        groups.setdefault(declarations, []).append(f"{selector} .{cls}")
    for declarations, selectors in groups.items():
        rules.append(f"{', '.join(selectors)} {{ {declarations}; background: none; border: 0 }}")
    return rules


@lru_cache(maxsize=32)
def code_css(light: str = "friendly", dark: str | None = None,
             selector: str = ".highlight") -> str:
    """Rules for ``selector`` blocks from the ``light`` style, and from ``dark`` under
    ``prefers-color-scheme: dark`` (the same classes, each one complete). Raises
    ``pygments.util.ClassNotFound`` for an unknown style."""
    css = "\n".join(_rules(light, selector)) + "\n"
    if dark:
        inner = "".join(f"  {rule}\n" for rule in _rules(dark, selector))
        css += f"@media (prefers-color-scheme: dark) {{\n{inner}}}\n"
    return css
