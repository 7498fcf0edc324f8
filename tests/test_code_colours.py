"""Code colours of the default theme, read from the stylesheet a build writes
(``assets/blogtool.css``): every token colour has a WCAG contrast of at least 4.5 against the
code block's background, in light mode and in dark mode, and no token has a background or a
border of its own in either mode (nothing from the light style is left in force in dark mode).

The rules are applied the way a browser does for these selectors: the light rules, then, in
dark mode, the rules under ``@media (prefers-color-scheme: dark)`` on top of them."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pygments.styles import get_all_styles

from blogtool.markup.codecss import MIN_CONTRAST, code_css, contrast, parse_colour, readable

REPO = Path(__file__).resolve().parent.parent
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
MEDIA_DARK = re.compile(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
TRANSPARENT = {"none", "transparent", "0"}


def _rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for selectors, body in RULE.findall(css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, _, value = decl.partition(":")
                decls[name.strip()] = value.strip()
        out.append(([s.strip() for s in selectors.split(",")], decls))
    return out


def _code_rules(css: str, mode: str) -> dict[str, dict[str, str]]:
    """Declarations in force per ``.highlight`` selector in ``mode``, later rules winning."""
    dark_blocks = MEDIA_DARK.findall(css)
    light_css = MEDIA_DARK.sub("", css)
    layers = [light_css] + (dark_blocks if mode == "dark" else [])
    state: dict[str, dict[str, str]] = {}
    for layer in layers:
        for selectors, decls in _rules(layer):
            for sel in selectors:
                if sel.startswith(".highlight") or sel in ("pre", "code"):
                    state.setdefault(sel, {}).update(decls)
    return state


def _background(decls: dict[str, str]) -> str | None:
    value = decls.get("background-color") or decls.get("background")
    return value.split()[0] if value else None


def check(css: str, mode: str) -> list[str]:
    """Every problem with the code colours of ``css`` in ``mode`` (an empty list: none)."""
    state = _code_rules(css, mode)
    block = _background(state.get(".highlight", {}))
    assert block and block.startswith("#"), f"{mode}: no background for .highlight"
    problems = []
    for sel, decls in state.items():
        if not re.fullmatch(r"\.highlight \.[\w-]+", sel) or sel == ".highlight .hll":
            continue
        background = _background(decls)
        if background is not None and background not in TRANSPARENT:
            problems.append(f"{mode}: {sel} has background {background}")
        if decls.get("border", "0") not in TRANSPARENT:
            problems.append(f"{mode}: {sel} has border {decls['border']}")
        colour = decls.get("color")
        if colour and colour.startswith("#"):
            ratio = contrast(colour, block)
            if ratio < MIN_CONTRAST:
                problems.append(f"{mode}: {sel} {colour} on {block}: {ratio:.2f}")
    text = state.get(".highlight pre", {}).get("color") or state[".highlight"].get("color")
    if not text or contrast(text, block) < MIN_CONTRAST:
        problems.append(f"{mode}: block text {text} on {block}")
    return problems


@pytest.fixture(scope="module")
def built_css(tmp_path_factory: pytest.TempPathFactory) -> str:
    from blogtool.build.site import build
    dest = tmp_path_factory.mktemp("colours") / "site"
    build(REPO, dest, site_time=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), jobs=1,
          use_cache=False)
    return (dest / "assets" / "blogtool.css").read_text("utf-8")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_example_blog_code_colours(built_css: str, mode: str) -> None:
    assert "prefers-color-scheme: dark" in built_css
    assert check(built_css, mode) == []


def test_the_checker_finds_a_leaking_light_background() -> None:
    leaky = (".highlight { background: #f0f0f0 }\n"
             ".highlight .cs { color: #60a0b0; background-color: #fff0f0 }\n"
             "@media (prefers-color-scheme: dark) {\n"
             "  .highlight { background: #0d1117 }\n"
             "  .highlight .k { color: #ff7b72 }\n}\n")
    assert check(leaky, "light") == [
        "light: .highlight .cs has background #fff0f0",
        "light: .highlight .cs #60a0b0 on #f0f0f0: 2.58",
        "light: block text None on #f0f0f0"]
    assert "dark: .highlight .cs has background #fff0f0" in check(leaky, "dark")


@pytest.mark.parametrize("style", sorted(get_all_styles()))
def test_every_pygments_style_is_readable(style: str) -> None:
    """Each style as the light one and as the dark one: readable, and nothing of the other
    scheme's style left in force."""
    as_light = code_css(style, "github-dark")
    as_dark = code_css("friendly", style)
    assert check(as_light, "light") == [] and check(as_light, "dark") == []
    assert check(as_dark, "light") == [] and check(as_dark, "dark") == []


def test_readable_moves_a_colour_as_little_as_needed() -> None:
    assert readable("#1f2328", "#ffffff") == "#1f2328"           # already fine: unchanged
    faint = readable("#bbbbbb", "#ffffff")
    assert 4.5 <= contrast(faint, "#ffffff") < 4.6
    assert parse_colour(faint)[0] == parse_colour(faint)[1]       # still a grey
    light = readable("#333333", "#0d1117")
    assert 4.5 <= contrast(light, "#0d1117") < 4.6
